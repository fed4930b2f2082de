package org.linli.billing.bills;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.linli.shared.jobs.BackgroundJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the figures fee statistics read ({@code ledger_billed}, {@code ledger_settled},
 * {@code ledger_line}, {@code ledger_owed}, {@code ledger_owed_moves}) equal to the
 * ledger: the slices (a community's lines of one period) that triggers marked stale are
 * recomputed from the ledger's rows, set-based, a batch per transaction (one at a time,
 * under an advisory lock), every half minute on one node. Safe to run twice and after a
 * crash: a slice is taken off the stale list in the transaction that recomputes it, and a
 * change committed meanwhile marks it stale again.
 */
@Component
class LedgerAggregates {

	private static final Logger log = LoggerFactory.getLogger(LedgerAggregates.class);

	/** Slices per transaction. */
	private static final int BATCH = 200;

	private static final String SLICES = """
			slices AS (SELECT * FROM unnest(CAST(:communities AS bigint[]), CAST(:periods AS date[])) AS s(community_id, period))""";

	private static final String BILLED = "WITH " + SLICES
			+ """
					, lines AS (
					  SELECT b.community_id, b.period, coalesce(r.building_id, -1) AS building_id, b.fee_item_id,
					         b.amount - coalesce(adj.waived, 0) AS due, coalesce(adj.waived, 0) AS waived,
					         coalesce(adj.cancelled, false) AS cancelled,
					         greatest(coalesce(pa.paid, 0) - coalesce(ra.refunded, 0), 0) AS net
					  FROM bill b
					  JOIN slices s ON s.community_id = b.community_id AND s.period = b.period
					  LEFT JOIN estate_room r ON r.id = b.room_id
					  LEFT JOIN LATERAL (SELECT sum(a.amount) FILTER (WHERE a.kind = 'WAIVER') AS waived,
					                            bool_or(a.kind = 'CANCELLATION') AS cancelled
					                     FROM bill_adjustment a WHERE a.bill_id = b.id) adj ON true
					  LEFT JOIN LATERAL (SELECT sum(p.amount) AS paid FROM payment_allocation p WHERE p.bill_id = b.id) pa ON true
					  LEFT JOIN LATERAL (SELECT sum(x.amount) AS refunded FROM refund_allocation x WHERE x.bill_id = b.id) ra ON true
					)
					INSERT INTO ledger_billed (community_id, period, building_id, fee_item_id, lines, receivable, waived, cancelled)
					SELECT community_id, period, building_id, fee_item_id, count(*),
					       sum(CASE WHEN cancelled THEN least(net, due) ELSE due END), sum(waived),
					       sum(CASE WHEN cancelled THEN due - least(net, due) ELSE 0 END)
					FROM lines GROUP BY community_id, period, building_id, fee_item_id""";

	private static final String SETTLED = "WITH " + SLICES
			+ """
					, lines AS (
					  SELECT b.id, b.community_id, b.period, coalesce(r.building_id, -1) AS building_id, b.fee_item_id,
					         b.amount - coalesce((SELECT sum(a.amount) FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'WAIVER'), 0) AS due
					  FROM bill b
					  JOIN slices s ON s.community_id = b.community_id AND s.period = b.period
					  LEFT JOIN estate_room r ON r.id = b.room_id
					), moves AS (
					  SELECT l.id, p.value_date AS day, 0 AS kind, pa.id AS seq, pa.amount
					  FROM lines l JOIN payment_allocation pa ON pa.bill_id = l.id JOIN payment p ON p.id = pa.payment_id
					  UNION ALL
					  SELECT l.id, ra.value_date, 1, ra.id, -ra.amount FROM lines l JOIN refund_allocation ra ON ra.bill_id = l.id
					), running AS (
					  SELECT m.id, m.day, m.amount, sum(m.amount) OVER (PARTITION BY m.id ORDER BY m.day, m.kind, m.seq) AS total
					  FROM moves m
					), split AS (
					  SELECT r.id, r.day, r.amount,
					         least(greatest(r.total, 0), l.due) - least(greatest(r.total - r.amount, 0), l.due) AS principal
					  FROM running r JOIN lines l ON l.id = r.id
					)
					INSERT INTO ledger_settled (community_id, period, month, building_id, fee_item_id, principal, late_fee)
					SELECT l.community_id, l.period, date_trunc('month', s.day)::date, l.building_id, l.fee_item_id,
					       sum(s.principal), sum(s.amount - s.principal)
					FROM split s JOIN lines l ON l.id = s.id
					GROUP BY 1, 2, 3, 4, 5""";

	/**
	 * The day a line was last seen settled: the latest of its payments, refunds, waivers
	 * and cancellation once its principal is covered (a day on or after the true one, so
	 * that no line open on a day is missed), NULL while it is open.
	 */
	private static final String LINES = "WITH " + SLICES
			+ """
					INSERT INTO ledger_line (bill_id, community_id, room_id, parking_space_id, building_id, fee_item_id, period,
					                         due_date, issued_on, principal, paid, cancelled_on, settled_on)
					SELECT b.id, b.community_id, b.room_id, b.parking_space_id, coalesce(r.building_id, -1), b.fee_item_id, b.period,
					       b.due_date, b.issued_on, b.amount - coalesce(adj.waived, 0),
					       coalesce(pa.paid, 0) - coalesce(ra.refunded, 0), adj.cancelled_on,
					       CASE WHEN adj.cancelled_on IS NOT NULL
					              OR coalesce(pa.paid, 0) - coalesce(ra.refunded, 0) >= b.amount - coalesce(adj.waived, 0)
					            THEN greatest(b.issued_on, adj.cancelled_on, adj.waived_on, pa.last_day, ra.last_day) END
					FROM bill b
					JOIN slices s ON s.community_id = b.community_id AND s.period = b.period
					LEFT JOIN estate_room r ON r.id = b.room_id
					LEFT JOIN LATERAL (SELECT sum(a.amount) FILTER (WHERE a.kind = 'WAIVER') AS waived,
					                          max(a.as_of) FILTER (WHERE a.kind = 'WAIVER') AS waived_on,
					                          max(a.as_of) FILTER (WHERE a.kind = 'CANCELLATION') AS cancelled_on
					                   FROM bill_adjustment a WHERE a.bill_id = b.id) adj ON true
					LEFT JOIN LATERAL (SELECT sum(x.amount) AS paid, max(p.value_date) AS last_day
					                   FROM payment_allocation x JOIN payment p ON p.id = x.payment_id WHERE x.bill_id = b.id) pa ON true
					LEFT JOIN LATERAL (SELECT sum(x.amount) AS refunded, max(x.value_date) AS last_day
					                   FROM refund_allocation x WHERE x.bill_id = b.id) ra ON true
					ON CONFLICT (bill_id) DO UPDATE SET principal = EXCLUDED.principal, paid = EXCLUDED.paid,
					    cancelled_on = EXCLUDED.cancelled_on, settled_on = EXCLUDED.settled_on, building_id = EXCLUDED.building_id""";

	/** What each slice's open lines owe now, by place and due date. */
	private static final String OWED = "WITH " + SLICES
			+ """
					INSERT INTO ledger_owed (community_id, period, room_id, parking_space_id, due_date, issued_on, amount, lines)
					SELECT l.community_id, l.period, l.room_id, l.parking_space_id, l.due_date, l.issued_on,
					       sum(l.principal - greatest(l.paid, 0)), count(*)
					FROM ledger_line l JOIN slices s ON s.community_id = l.community_id AND s.period = l.period
					WHERE l.settled_on IS NULL
					GROUP BY l.community_id, l.period, l.room_id, l.parking_space_id, l.due_date, l.issued_on""";

	/**
	 * How what each slice's lines owe changed on each day after their issue (a movement
	 * dated on or before it counts on the issue day), by place, due date and issue day:
	 * each line's standing worked out at the end of every day it moved, in value-day
	 * order, and the step from the day before.
	 */
	private static final String MOVES = "WITH " + SLICES
			+ """
					, lines AS (
					  SELECT b.id, b.community_id, b.period, b.room_id, b.parking_space_id, b.due_date, b.issued_on, b.amount
					  FROM bill b JOIN slices s ON s.community_id = b.community_id AND s.period = b.period
					), events AS (
					  SELECT l.id, greatest(p.value_date, l.issued_on) AS day, pa.amount AS paid, 0 AS refunded, 0 AS waived,
					         false AS cancelled
					  FROM lines l JOIN payment_allocation pa ON pa.bill_id = l.id JOIN payment p ON p.id = pa.payment_id
					  UNION ALL
					  SELECT l.id, greatest(ra.value_date, l.issued_on), 0, ra.amount, 0, false
					  FROM lines l JOIN refund_allocation ra ON ra.bill_id = l.id
					  UNION ALL
					  SELECT l.id, greatest(a.as_of, l.issued_on), 0, 0, CASE WHEN a.kind = 'WAIVER' THEN a.amount ELSE 0 END,
					         a.kind = 'CANCELLATION'
					  FROM lines l JOIN bill_adjustment a ON a.bill_id = l.id AND a.kind IN ('WAIVER', 'CANCELLATION')
					), days AS (
					  SELECT id, day, sum(sum(paid)) OVER w AS paid, sum(sum(refunded)) OVER w AS refunded,
					         sum(sum(waived)) OVER w AS waived, bool_or(bool_or(cancelled)) OVER w AS cancelled
					  FROM events GROUP BY id, day WINDOW w AS (PARTITION BY id ORDER BY day)
					), standing AS (
					  SELECT l.id, l.community_id, l.period, l.room_id, l.parking_space_id, l.due_date, l.issued_on,
					         l.amount AS billed, d.day,
					         CASE WHEN d.cancelled THEN 0
					              ELSE (l.amount - d.waived) - least(greatest(d.paid - d.refunded, 0), l.amount - d.waived) END AS owed
					  FROM days d JOIN lines l ON l.id = d.id
					), steps AS (
					  SELECT community_id, period, room_id, parking_space_id, due_date, issued_on, day,
					         owed - lag(owed, 1, billed) OVER w AS amount,
					         CASE WHEN owed > 0 THEN 1 ELSE 0 END - CASE WHEN lag(owed, 1, billed) OVER w > 0 THEN 1 ELSE 0 END AS lines
					  FROM standing WINDOW w AS (PARTITION BY id ORDER BY day)
					)
					INSERT INTO ledger_owed_moves (community_id, period, day, room_id, parking_space_id, due_date, issued_on, amount, lines)
					SELECT community_id, period, day, room_id, parking_space_id, due_date, issued_on, sum(amount), sum(lines)
					FROM steps WHERE day > issued_on
					GROUP BY community_id, period, day, room_id, parking_space_id, due_date, issued_on
					HAVING sum(amount) <> 0 OR sum(lines) <> 0""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final BackgroundJobs jobs;

	private final Clock clock;

	private final LedgerStatistics statistics;

	LedgerAggregates(JdbcClient jdbc, TransactionTemplate transactions, BackgroundJobs jobs, Clock clock,
			LedgerStatistics statistics) {
		this.jdbc = jdbc;
		this.statistics = statistics;
		this.transactions = transactions;
		this.jobs = jobs;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${linli.billing.figures-every:PT30S}",
			initialDelayString = "${linli.billing.figures-initial-delay:PT20S}")
	void job() {
		this.jobs.onOneNode("billing/figures", java.time.Duration.ofMinutes(30), this::refresh);
	}

	/**
	 * Recomputes every stale slice, then keeps the past months' ends of their communities
	 * that are not kept (see {@link LedgerStatistics#keepMonthEnds}); answers how many
	 * slices.
	 */
	int refresh() {
		int done = 0;
		Set<Long> communities = new TreeSet<>();
		while (true) {
			Integer batch = this.transactions.execute((status) -> refreshBatch(communities));
			if (batch == null || batch == 0) {
				break;
			}
			done += batch;
		}
		this.jdbc.sql("""
				INSERT INTO ledger_refresh (id, refreshed_at) VALUES (1, ?)
				ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at""")
			.param(Timestamp.from(this.clock.instant()))
			.update();
		if (done > 100) {
			log.info("Brought the figures of {} ledger slices up to date", done);
		}
		int kept = communities.isEmpty() ? 0 : this.statistics.keepMonthEnds(communities);
		if (kept > 12) {
			log.info("Kept the arrears of {} months' ends", kept);
		}
		return done;
	}

	private int refreshBatch(Set<Long> communities) {
		record Slice(long communityId, LocalDate period) {
		}
		// one refresh at a time, whichever node or caller: two recomputing the same slice
		// would each delete what the other had not yet written
		this.jdbc.sql("SELECT pg_advisory_xact_lock(7401)").query().singleRow();
		this.jdbc.sql("SET LOCAL work_mem = '64MB'").update();
		List<Slice> slices = this.jdbc
			.sql("""
					WITH taken AS (
					  DELETE FROM ledger_stale WHERE id IN (
					    SELECT id FROM ledger_stale WHERE (community_id, period) IN (
					      SELECT community_id, period FROM ledger_stale GROUP BY community_id, period ORDER BY min(id) LIMIT :batch)
					    FOR UPDATE SKIP LOCKED)
					  RETURNING community_id, period)
					SELECT DISTINCT community_id, period FROM taken""")
			.param("batch", BATCH)
			.query((rs, n) -> new Slice(rs.getLong(1), rs.getDate(2).toLocalDate()))
			.list();
		if (slices.isEmpty()) {
			return 0;
		}
		slices.forEach((s) -> communities.add(s.communityId()));
		String ids = slices.stream()
			.map((s) -> String.valueOf(s.communityId()))
			.collect(Collectors.joining(",", "{", "}"));
		String periods = slices.stream().map((s) -> s.period().toString()).collect(Collectors.joining(",", "{", "}"));
		String where = " USING unnest(CAST(:communities AS bigint[]), CAST(:periods AS date[])) AS s(community_id, period)"
				+ " WHERE t.community_id = s.community_id AND t.period = s.period";
		this.jdbc.sql("DELETE FROM ledger_billed t" + where)
			.param("communities", ids)
			.param("periods", periods)
			.update();
		this.jdbc.sql("DELETE FROM ledger_settled t" + where)
			.param("communities", ids)
			.param("periods", periods)
			.update();
		this.jdbc.sql("DELETE FROM ledger_owed t" + where).param("communities", ids).param("periods", periods).update();
		this.jdbc.sql("DELETE FROM ledger_owed_moves t" + where)
			.param("communities", ids)
			.param("periods", periods)
			.update();
		for (String sql : List.of(BILLED, SETTLED, LINES, OWED, MOVES)) {
			this.jdbc.sql(sql).param("communities", ids).param("periods", periods).update();
		}
		return slices.size();
	}

	/** When the figures were last brought up to date (null before the first time). */
	Instant refreshedAt() {
		return this.jdbc.sql("SELECT refreshed_at FROM ledger_refresh WHERE id = 1")
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional()
			.orElse(null);
	}

}
