package org.linli.residents.internal;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.linli.residents.OccupancyRole;
import org.linli.residents.OpenLinesAtMoveOut;

/**
 * One stay of one person in one room; {@code until} is the move-out day, null while they
 * live there. Answering a move-out, {@code openLines} are the lines of the room the
 * person pays that are still open (absent otherwise).
 */
public record OccupancyView(Long id, Long residentId, String residentName, String residentPhone, Long roomId,
		String roomCode, String community, Long communityId, OccupancyRole role, LocalDate since, LocalDate until,
		String endReason, boolean current,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<OpenLinesAtMoveOut.OpenLine> openLines) {

	public OccupancyView(Long id, Long residentId, String residentName, String residentPhone, Long roomId,
			String roomCode, String community, Long communityId, OccupancyRole role, LocalDate since, LocalDate until,
			String endReason, boolean current) {
		this(id, residentId, residentName, residentPhone, roomId, roomCode, community, communityId, role, since, until,
				endReason, current, null);
	}

	OccupancyView withOpenLines(List<OpenLinesAtMoveOut.OpenLine> lines) {
		return new OccupancyView(this.id, this.residentId, this.residentName, this.residentPhone, this.roomId,
				this.roomCode, this.community, this.communityId, this.role, this.since, this.until, this.endReason,
				this.current, List.copyOf(lines));
	}
}
