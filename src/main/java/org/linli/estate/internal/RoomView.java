package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;

public record RoomView(Long id, Long communityId, Long buildingId, String building, Long unitId, String unit, int floor,
		String number, BigDecimal buildingArea, BigDecimal usableArea, RoomType type, RoomStatus status,
		LocalDate handoverDate) {

	/** How people name a room: 1栋-1单元-1201. */
	public String code() {
		return this.building + "-" + ((this.unit != null) ? this.unit + "-" : "") + this.number;
	}

}
