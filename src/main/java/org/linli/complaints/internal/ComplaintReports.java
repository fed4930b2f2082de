package org.linli.complaints.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintKind;
import org.linli.estate.Estate;
import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's complaints in figures over a span of months (by the month they came in):
 * counts by kind, category, building and month; the average time to accept and to
 * resolve; the satisfaction rate of confirmed resolutions; rooms that complained more
 * than once, and topics (a category in a building) that came up more than once. An
 * anonymous item counts everywhere but is never listed under its room.
 */
@Service
@Transactional(readOnly = true)
public class ComplaintReports {

	static final int MAX_MONTHS = 36;

	private final JdbcClient jdbc;

	private final Estate estate;

	private final CurrentStaff current;

	ComplaintReports(JdbcClient jdbc, Estate estate, CurrentStaff current) {
		this.jdbc = jdbc;
		this.estate = estate;
		this.current = current;
	}

	public record Report(YearMonth from, YearMonth to, long total, Map<ComplaintKind, Long> byKind,
			Map<ComplaintCategory, Long> byCategory, List<BuildingCount> byBuilding, List<MonthCount> byMonth,
			BigDecimal averageAcceptHours, BigDecimal averageResolveHours, long confirmed, long satisfied,
			BigDecimal satisfactionRate, List<RepeatRoom> repeatRooms, List<RepeatTopic> repeatTopics) {
	}

	/** A building's count; {@code building} null for items about no room. */
	public record BuildingCount(Long buildingId, String building, long count) {
	}

	public record MonthCount(YearMonth month, long complaints, long suggestions, long praise) {

		public long total() {
			return this.complaints + this.suggestions + this.praise;
		}

	}

	public record RepeatRoom(String roomCode, long count) {
	}

	public record RepeatTopic(String building, ComplaintCategory category, long count) {
	}

	@PreAuthorize(Access.SERVICE)
	public Report report(long communityId, YearMonth from, YearMonth to) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		if (from == null || to == null) {
			throw InvalidInputException.field((from == null) ? "from" : "to", "validation.required");
		}
		if (to.isBefore(from)) {
			throw InvalidInputException.field("to", "complaints.report.toBeforeFrom");
		}
		if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
			throw InvalidInputException.field("to", "complaints.report.tooLong", MAX_MONTHS);
		}
		Map<String, Object> params = new HashMap<>();
		params.put("community", communityId);
		params.put("start", Timestamp.from(Times.startOf(from.atDay(1))));
		params.put("end", Timestamp.from(Times.startOf(to.plusMonths(1).atDay(1))));
		params.put("zone", Times.zone().getId());
		String where = " FROM complaint c WHERE c.community_id = :community AND c.created_at >= :start AND c.created_at < :end";

		Map<ComplaintKind, Long> byKind = new java.util.EnumMap<>(ComplaintKind.class);
		for (ComplaintKind kind : ComplaintKind.values()) {
			byKind.put(kind, 0L);
		}
		Map<ComplaintCategory, Long> byCategory = new java.util.EnumMap<>(ComplaintCategory.class);
		for (ComplaintCategory category : ComplaintCategory.values()) {
			byCategory.put(category, 0L);
		}
		this.jdbc.sql("SELECT c.kind, count(*)" + where + " GROUP BY c.kind").params(params).query((rs) -> {
			byKind.put(ComplaintKind.valueOf(rs.getString(1)), rs.getLong(2));
		});
		this.jdbc.sql("SELECT c.category, count(*)" + where + " GROUP BY c.category").params(params).query((rs) -> {
			byCategory.put(ComplaintCategory.valueOf(rs.getString(1)), rs.getLong(2));
		});
		Map<Long, String> buildings = new HashMap<>();
		this.estate.buildingsIn(communityId).forEach((b) -> buildings.put(b.id(), b.name()));
		List<BuildingCount> byBuilding = this.jdbc
			.sql("SELECT c.building_id, count(*)" + where
					+ " GROUP BY c.building_id ORDER BY count(*) DESC, c.building_id")
			.params(params)
			.query((rs, n) -> {
				Long building = (Long) rs.getObject(1);
				return new BuildingCount(building, (building != null) ? buildings.get(building) : null, rs.getLong(2));
			})
			.list();
		Map<YearMonth, long[]> months = new java.util.LinkedHashMap<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			months.put(m, new long[3]);
		}
		this.jdbc
			.sql("SELECT to_char(c.created_at AT TIME ZONE :zone, 'YYYY-MM'), c.kind, count(*)" + where
					+ " GROUP BY 1, 2")
			.params(params)
			.query((rs) -> {
				long[] counts = months.get(YearMonth.parse(rs.getString(1)));
				if (counts != null) {
					counts[ComplaintKind.valueOf(rs.getString(2)).ordinal()] = rs.getLong(3);
				}
			});
		List<MonthCount> byMonth = new ArrayList<>();
		months.forEach((m, c) -> byMonth.add(new MonthCount(m, c[0], c[1], c[2])));
		record Totals(long total, BigDecimal acceptSeconds, BigDecimal resolveSeconds, long confirmed, long satisfied) {
		}
		Totals totals = this.jdbc.sql("""
				SELECT count(*), avg(extract(epoch FROM c.accepted_at - c.created_at)),
				       avg(extract(epoch FROM c.resolved_at - c.created_at)),
				       count(*) FILTER (WHERE c.satisfied IS NOT NULL), count(*) FILTER (WHERE c.satisfied)""" + where)
			.params(params)
			.query((rs, n) -> new Totals(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getLong(4),
					rs.getLong(5)))
			.single();
		List<RepeatRoom> rooms = this.jdbc.sql("SELECT c.room_code, count(*)" + where
				+ " AND c.kind = 'COMPLAINT' AND NOT c.anonymous AND c.room_id IS NOT NULL"
				+ " GROUP BY c.room_id, c.room_code HAVING count(*) > 1 ORDER BY count(*) DESC, c.room_code LIMIT 50")
			.params(params)
			.query((rs, n) -> new RepeatRoom(rs.getString(1), rs.getLong(2)))
			.list();
		List<RepeatTopic> topics = this.jdbc.sql("SELECT c.building_id, c.category, count(*)" + where
				+ " AND c.kind = 'COMPLAINT'"
				+ " GROUP BY c.building_id, c.category HAVING count(*) > 1 ORDER BY count(*) DESC, c.category LIMIT 50")
			.params(params)
			.query((rs, n) -> {
				Long building = (Long) rs.getObject(1);
				return new RepeatTopic((building != null) ? buildings.get(building) : null,
						ComplaintCategory.valueOf(rs.getString(2)), rs.getLong(3));
			})
			.list();
		return new Report(from, to, totals.total(), byKind, byCategory, byBuilding, byMonth,
				hours(totals.acceptSeconds()), hours(totals.resolveSeconds()), totals.confirmed(), totals.satisfied(),
				(totals.confirmed() > 0) ? BigDecimal.valueOf(totals.satisfied())
					.divide(BigDecimal.valueOf(totals.confirmed()), 4, RoundingMode.HALF_UP) : null,
				rooms, topics);
	}

	private static BigDecimal hours(BigDecimal seconds) {
		return (seconds != null) ? seconds.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP) : null;
	}

}
