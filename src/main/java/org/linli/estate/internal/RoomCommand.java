package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

/**
 * A room as staff describe it. {@code unit} is the unit's name ("1单元"), created in the
 * building when new. {@code handoverDate} (交房日期) is the day the room was handed over to
 * its owner, from which it is billed: null keeps it as it is (for a new room, today).
 */
public record RoomCommand(String unit, Integer floor, String number, BigDecimal buildingArea, BigDecimal usableArea,
		RoomType type, RoomStatus status, LocalDate handoverDate) {

	public RoomCommand {
		unit = CommunityCommand.trim(unit);
		number = CommunityCommand.trim(number);
		type = (type != null) ? type : RoomType.RESIDENTIAL;
		status = (status != null) ? status : RoomStatus.VACANT;
	}

}
