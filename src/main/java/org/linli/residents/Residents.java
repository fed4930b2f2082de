package org.linli.residents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask of the residents module.
 */
@Component
public class Residents {

	private final JdbcClient jdbc;

	Residents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The rooms a resident lives in on a day: what their portal may show. */
	public List<Long> roomsOf(long residentId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT DISTINCT room_id FROM occupancy
				WHERE resident_id = ? AND since <= ? AND (until IS NULL OR until > ?) ORDER BY room_id""")
			.params(residentId, day, day)
			.query(Long.class)
			.list();
	}

	/** The owners of every room of a community on a day (one query, for billing runs). */
	public Map<Long, List<Long>> ownersInCommunityOn(long communityId, LocalDate day) {
		Map<Long, List<Long>> owners = new HashMap<>();
		this.jdbc.sql("""
				SELECT room_id, resident_id FROM occupancy
				WHERE community_id = :community AND role = 'OWNER' AND since <= :day AND (until IS NULL OR until > :day)
				ORDER BY room_id, since, resident_id""")
			.param("community", communityId)
			.param("day", day)
			.query((rs, n) -> owners.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return owners;
	}

	/** Residents' names by id (for receipts and bills: names only, no personal data). */
	public Map<Long, String> names(java.util.Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.jdbc.sql("SELECT id, name FROM resident WHERE id IN (:ids)")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

	/** The owners of one room on a day, earliest first. */
	public List<Long> ownersOf(long roomId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT resident_id FROM occupancy
				WHERE room_id = ? AND role = 'OWNER' AND since <= ? AND (until IS NULL OR until > ?)
				ORDER BY since, resident_id""").params(roomId, day, day).query(Long.class).list();
	}

}
