package org.linli.estate.internal;

import java.math.BigDecimal;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

/**
 * A room as staff describe it. {@code unit} is the unit's name ("1单元"), created in the
 * building when new.
 */
public record RoomCommand(String unit, Integer floor, String number, BigDecimal buildingArea, BigDecimal usableArea,
		RoomType type, RoomStatus status) {

	public RoomCommand {
		unit = CommunityCommand.trim(unit);
		number = CommunityCommand.trim(number);
		type = (type != null) ? type : RoomType.RESIDENTIAL;
		status = (status != null) ? status : RoomStatus.VACANT;
	}

}
