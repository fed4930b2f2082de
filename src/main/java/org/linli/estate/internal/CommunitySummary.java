package org.linli.estate.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A community on the staff home page: how much there is, and how much of it is lived in.
 */
public record CommunitySummary(long id, String name, String address, long buildings, long rooms, long occupiedRooms,
		long parkingSpaces) {

	/** Occupied rooms as a percentage of all rooms, one decimal; zero rooms give zero. */
	public BigDecimal occupancyPercent() {
		if (this.rooms == 0) {
			return BigDecimal.ZERO.setScale(1);
		}
		return BigDecimal.valueOf(this.occupiedRooms * 100)
			.divide(BigDecimal.valueOf(this.rooms), 1, RoundingMode.HALF_UP);
	}

}
