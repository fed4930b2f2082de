package org.linli.estate;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A room as other modules see it. {@code handoverDate} (交房日期): the room is billed for
 * periods from then on.
 */
public record RoomRef(long id, long communityId, String community, long buildingId, String building, String unit,
		int floor, String number, BigDecimal buildingArea, BigDecimal usableArea, RoomType type, RoomStatus status,
		LocalDate handoverDate) {

	/** How people name a room: 1栋-1单元-1201. */
	public String code() {
		return this.building + "-" + ((this.unit != null) ? this.unit + "-" : "") + this.number;
	}

}
