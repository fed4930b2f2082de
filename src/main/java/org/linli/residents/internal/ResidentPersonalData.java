package org.linli.residents.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.residents.OccupancyRole;
import org.linli.shared.PersonalDataSection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The profile and every stay (past ones too) in the download. The ID number and the
 * emergency contact stay masked as in the portal — a portal password is not enough to
 * read them in full; the service centre gives them on proof of identity.
 */
@Component
class ResidentPersonalData implements PersonalDataSection {

	private final ResidentService residents;

	private final Estate estate;

	private final JdbcClient jdbc;

	ResidentPersonalData(ResidentService residents, Estate estate, JdbcClient jdbc) {
		this.residents = residents;
		this.estate = estate;
		this.jdbc = jdbc;
	}

	record Stay(long roomId, String room, OccupancyRole role, LocalDate since, LocalDate until, String endReason) {
	}

	record Profile(ResidentView resident, List<Stay> stays) {
	}

	@Override
	public String name() {
		return "profile";
	}

	@Override
	public Object of(long residentId) {
		record Row(long roomId, OccupancyRole role, LocalDate since, LocalDate until, String endReason) {
		}
		List<Row> rows = this.jdbc.sql("""
				SELECT room_id, role, since, until, end_reason FROM occupancy WHERE resident_id = ?
				ORDER BY since DESC, id DESC""")
			.param(residentId)
			.query((rs, n) -> new Row(rs.getLong(1), OccupancyRole.valueOf(rs.getString(2)),
					rs.getDate(3).toLocalDate(), (rs.getDate(4) != null) ? rs.getDate(4).toLocalDate() : null,
					rs.getString(5)))
			.list();
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.stream().map(Row::roomId).distinct().toList());
		return new Profile(this.residents.own(residentId),
				rows.stream()
					.map((r) -> new Stay(r.roomId(),
							(rooms.get(r.roomId()) != null) ? rooms.get(r.roomId()).code() : "#" + r.roomId(), r.role(),
							r.since(), r.until(), r.endReason()))
					.toList());
	}

}
