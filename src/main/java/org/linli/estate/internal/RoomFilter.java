package org.linli.estate.internal;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

/**
 * How a room list is narrowed: by building, unit name, status, type and (part of) the
 * room number.
 */
public record RoomFilter(Long buildingId, String unit, RoomStatus status, RoomType type, String number) {

}
