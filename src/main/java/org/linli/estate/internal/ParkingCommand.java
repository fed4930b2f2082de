package org.linli.estate.internal;

import java.math.BigDecimal;

public record ParkingCommand(String number, String location, ParkingType type, BigDecimal area, ParkingStatus status) {

	public ParkingCommand {
		number = CommunityCommand.trim(number);
		location = CommunityCommand.trim(location);
		type = (type != null) ? type : ParkingType.UNDERGROUND;
		status = (status != null) ? status : ParkingStatus.VACANT;
	}

}
