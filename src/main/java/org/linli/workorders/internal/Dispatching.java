package org.linli.workorders.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.shared.SqlRead;
import org.linli.workorders.RepairCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Helping dispatchers and managers: whom to give an order to, and how the community's
 * repairs are going.
 */
@Service
@Transactional(readOnly = true)
public class Dispatching {

	private final JdbcClient jdbc;

	private final WorkOrderService orders;

	private final StaffDirectory staff;

	private final CurrentStaff current;

	private final Clock clock;

	Dispatching(JdbcClient jdbc, WorkOrderService orders, StaffDirectory staff, CurrentStaff current, Clock clock) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.staff = staff;
		this.current = current;
		this.clock = clock;
	}

	/**
	 * A technician who could take the order: how many orders they have open now, and how
	 * many of its category they completed in the last year (their skill in it).
	 */
	public record Candidate(long id, String name, long openLoad, long doneInCategory, boolean suggested) {
	}

	/**
	 * The technicians of the order's community, the suggested one first: experience in
	 * the category before none, then the lightest open load, then by name.
	 */
	@PreAuthorize(Access.SERVICE)
	public List<Candidate> candidates(long orderId) {
		WorkOrderView order = this.orders.find(orderId);
		return candidates(order.communityId(), order.category());
	}

	List<Candidate> candidates(long communityId, RepairCategory category) {
		List<StaffDirectory.StaffRef> technicians = this.staff.inCommunity(communityId)
			.stream()
			.filter((s) -> s.roles().contains(Role.TECHNICIAN))
			.toList();
		if (technicians.isEmpty()) {
			return List.of();
		}
		Map<Long, long[]> figures = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT assignee_id,
					       count(*) FILTER (WHERE status IN ('ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD')),
					       count(*) FILTER (WHERE status IN ('COMPLETED','CLOSED') AND category = :category AND completed_at > :since)
					FROM work_order WHERE assignee_id IN (:ids) GROUP BY assignee_id""")
			.param("ids", technicians.stream().map(StaffDirectory.StaffRef::id).toList())
			.param("category", category.name())
			.param("since", Timestamp.from(this.clock.instant().minus(java.time.Duration.ofDays(365))))
			.query((rs, n) -> figures.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) }))
			.list();
		List<Candidate> candidates = new ArrayList<>();
		for (StaffDirectory.StaffRef t : technicians) {
			long[] f = figures.getOrDefault(t.id(), new long[2]);
			candidates.add(new Candidate(t.id(), t.name(), f[0], f[1], false));
		}
		candidates.sort(Comparator.comparing((Candidate c) -> c.doneInCategory() == 0)
			.thenComparingLong(Candidate::openLoad)
			.thenComparing(Candidate::name));
		Candidate first = candidates.get(0);
		candidates.set(0, new Candidate(first.id(), first.name(), first.openLoad(), first.doneInCategory(), true));
		return candidates;
	}

	/** How a community's repairs are going. */
	public record Overview(long open, long overdue, long pool, long callbacksDue, BigDecimal averageRating,
			List<Rated> byTechnician, List<Rated> byCategory) {
	}

	/**
	 * Orders completed and rated, per technician or category.
	 *
	 * @param key the technician's name or the category's name
	 */
	public record Rated(String key, long completed, long rated, BigDecimal averageRating) {
	}

	@SqlRead
	@PreAuthorize(Access.SERVICE)
	public Overview overview(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		Timestamp now = Timestamp.from(this.clock.instant());
		Overview counts = this.jdbc.sql(
				"SELECT count(*) FILTER (WHERE w.status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')),"
						+ " count(*) FILTER (WHERE " + Sla.OVERDUE_SQL + "),"
						+ " count(*) FILTER (WHERE w.status IN ('SUBMITTED','RETURNED')),"
						+ " count(*) FILTER (WHERE w.rating <= 2 AND w.callback_at IS NULL), avg(w.rating)"
						+ " FROM work_order w WHERE w.community_id = :community")
			.param("community", communityId)
			.param("now", now)
			.query((rs, n) -> new Overview(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					average(rs.getBigDecimal(5)), List.of(), List.of()))
			.single();
		List<Rated> byTechnician = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		this.jdbc.sql("""
				SELECT assignee_id, count(*), count(rating), avg(rating) FROM work_order
				WHERE community_id = ? AND status IN ('COMPLETED','CLOSED') AND assignee_id IS NOT NULL
				GROUP BY assignee_id ORDER BY avg(rating) DESC NULLS LAST, assignee_id""")
			.param(communityId)
			.query((rs, n) -> {
				ids.add(rs.getLong(1));
				return byTechnician.add(new Rated(String.valueOf(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
						average(rs.getBigDecimal(4))));
			})
			.list();
		Map<Long, String> names = this.staff.names(ids);
		List<Rated> named = byTechnician.stream()
			.map((r) -> new Rated(names.getOrDefault(Long.valueOf(r.key()), r.key()), r.completed(), r.rated(),
					r.averageRating()))
			.toList();
		List<Rated> byCategory = this.jdbc.sql("""
				SELECT category, count(*), count(rating), avg(rating) FROM work_order
				WHERE community_id = ? AND status IN ('COMPLETED','CLOSED')
				GROUP BY category ORDER BY category""")
			.param(communityId)
			.query((rs, n) -> new Rated(rs.getString(1), rs.getLong(2), rs.getLong(3), average(rs.getBigDecimal(4))))
			.list();
		return new Overview(counts.open(), counts.overdue(), counts.pool(), counts.callbacksDue(),
				counts.averageRating(), named, byCategory);
	}

	private static BigDecimal average(BigDecimal value) {
		return (value != null) ? value.setScale(1, RoundingMode.HALF_UP) : null;
	}

}
