package org.linli.residents.internal;

import java.time.LocalDate;

import org.linli.residents.OccupancyRole;

/**
 * One stay of one person in one room; {@code until} is the move-out day, null while they
 * live there.
 */
public record OccupancyView(Long id, Long residentId, String residentName, String residentPhone, Long roomId,
		String roomCode, String community, Long communityId, OccupancyRole role, LocalDate since, LocalDate until,
		String endReason, boolean current) {
}
