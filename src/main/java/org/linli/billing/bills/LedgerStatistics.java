package org.linli.billing.bills;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Semaphore;

import org.linli.billing.Billing;
import org.linli.shared.Money;
import org.linli.shared.Times;
import org.linli.shared.jobs.BackgroundJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's figures for fee statistics (the definitions are those of
 * {@link Billing.LedgerFigures}): read from the figures {@link LedgerAggregates} keeps;
 * arrears on a day from what is owed now ({@code ledger_owed}) or at a kept month's end
 * ({@code ledger_owed_at}, worked out here the first time and each night), corrected
 * through the lines moved since the day; set-based statements.
 */
@Component
class LedgerStatistics {

	private static final Logger log = LoggerFactory.getLogger(LedgerStatistics.class);

	/** What was billed, by period, building (-1: parking spaces) and fee item. */
	private static final String AGGREGATE_BILLED = """
			SELECT l.period, nullif(l.building_id, -1) AS building_id, l.fee_item_id, f.name, l.lines, l.receivable,
			       l.waived, l.cancelled
			FROM ledger_billed l JOIN fee_item f ON f.id = l.fee_item_id
			WHERE l.community_id = :community AND l.period BETWEEN :from AND :to
			ORDER BY l.period, l.building_id, f.name""";

	private static final String AGGREGATE_SETTLED = """
			SELECT l.month, l.period, nullif(l.building_id, -1) AS building_id, l.fee_item_id, f.name,
			       l.principal, l.late_fee
			FROM ledger_settled l JOIN fee_item f ON f.id = l.fee_item_id
			WHERE l.community_id = :community AND (l.period BETWEEN :from AND :to OR (l.month >= :start AND l.month < :end))
			ORDER BY l.month, l.period""";

	/**
	 * The periods whose figures are not yet brought up to date, and their lines issued
	 * and due by {@code :asOf} as they stood at the end of {@code :cutoff}, straight from
	 * the ledger's rows.
	 */
	private static final String STALE = """
			stale AS (
			  SELECT DISTINCT period FROM ledger_stale WHERE community_id = :community
			), stale_lines AS (
			  SELECT b.room_id, b.parking_space_id, b.due_date, b.issued_on,
			         b.amount - coalesce((SELECT sum(a.amount) FROM bill_adjustment a
			                              WHERE a.bill_id = b.id AND a.kind = 'WAIVER' AND a.as_of <= :cutoff), 0) AS due,
			         greatest(coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
			                            WHERE pa.bill_id = b.id AND p.value_date <= :cutoff), 0)
			                  - coalesce((SELECT sum(ra.amount) FROM refund_allocation ra
			                              WHERE ra.bill_id = b.id AND ra.value_date <= :cutoff), 0), 0) AS net
			  FROM bill b
			  WHERE b.community_id = :community AND b.period IN (SELECT period FROM stale)
			    AND b.issued_on <= :asOf AND b.due_date < :asOf
			    AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION' AND a.as_of <= :cutoff)
			)""";

	/**
	 * Principal overdue at the end of {@code :asOf} by place and due date, line by line:
	 * worked back from each line's standing by the movements dated after the day; the
	 * lines of slices not yet brought up to date straight from the ledger's rows.
	 */
	private static final String WORKED_BACK = "WITH " + STALE
			+ """
					, open_then AS (
					  SELECT l.* FROM ledger_line l
					  WHERE l.community_id = :community AND (l.settled_on IS NULL OR l.settled_on > :asOf)
					    AND l.issued_on <= :asOf AND l.due_date < :asOf AND (l.cancelled_on IS NULL OR l.cancelled_on > :asOf)
					    AND l.period NOT IN (SELECT period FROM stale)
					), later_paid AS (
					  SELECT pa.bill_id, sum(pa.amount) AS amount FROM payment p JOIN payment_allocation pa ON pa.payment_id = p.id
					  WHERE p.community_id = :community AND p.value_date > :asOf GROUP BY pa.bill_id
					), later_refunded AS (
					  SELECT ra.bill_id, sum(ra.amount) AS amount FROM refund_allocation ra JOIN refund rf ON rf.id = ra.refund_id
					  WHERE rf.community_id = :community AND ra.value_date > :asOf GROUP BY ra.bill_id
					), later_waived AS (
					  SELECT a.bill_id, sum(a.amount) AS amount FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id
					  WHERE a.kind = 'WAIVER' AND a.as_of > :asOf AND b.community_id = :community GROUP BY a.bill_id
					), lines AS (
					  SELECT o.room_id, o.parking_space_id, o.due_date, o.issued_on, o.principal + coalesce(w.amount, 0) AS due,
					         greatest(o.paid - coalesce(p.amount, 0) + coalesce(r.amount, 0), 0) AS net
					  FROM open_then o
					  LEFT JOIN later_paid p ON p.bill_id = o.bill_id
					  LEFT JOIN later_refunded r ON r.bill_id = o.bill_id
					  LEFT JOIN later_waived w ON w.bill_id = o.bill_id
					  UNION ALL
					  SELECT room_id, parking_space_id, due_date, issued_on, due, net FROM stale_lines
					), owed_lines AS (
					  SELECT room_id, parking_space_id, due_date, issued_on, due - least(net, due) AS amount
					  FROM lines WHERE due - least(net, due) > 0
					), owed AS (
					  SELECT room_id, parking_space_id, due_date, amount, 1 AS lines FROM owed_lines
					)""";

	/**
	 * What the lines issued and due by {@code :asOf} owe now: the open lines' as kept by
	 * place and due date ({@code ledger_owed}); the slices not yet brought up to date
	 * straight from the ledger's rows ({@code :cutoff} is today).
	 */
	private static final String OWED_NOW = "WITH " + STALE + """
			, owed AS (
			  SELECT room_id, parking_space_id, due_date, amount, lines FROM ledger_owed
			  WHERE community_id = :community AND issued_on <= :asOf AND due_date < :asOf
			    AND period NOT IN (SELECT period FROM stale)
			  UNION ALL
			  SELECT room_id, parking_space_id, due_date, due - least(net, due), 1 FROM stale_lines
			  WHERE due - least(net, due) > 0
			)""";

	/**
	 * What the lines issued and due by {@code :asOf} owed at the end of {@code :cutoff},
	 * a past month's end, as worked out once and kept.
	 */
	private static final String OWED_THEN = """
			WITH owed AS (
			  SELECT room_id, parking_space_id, due_date, amount, lines FROM ledger_owed_at
			  WHERE community_id = :community AND as_of = :cutoff AND issued_on <= :asOf AND due_date < :asOf
			)""";

	/**
	 * From one of the above (the standing at {@code :cutoff}, later than {@code :asOf} by
	 * less than a month) back to {@code :asOf}: only the lines a movement dated between
	 * the two touched, each worked out at both days straight from the ledger's rows, and
	 * their difference added by place and due date.
	 */
	private static final String BACK_TO_DAY = """
			, touched AS (
			  SELECT DISTINCT bill_id FROM (
			    SELECT pa.bill_id FROM payment p JOIN payment_allocation pa ON pa.payment_id = p.id
			    WHERE p.community_id = :community AND p.value_date > :asOf AND p.value_date <= :cutoff
			    UNION ALL
			    SELECT ra.bill_id FROM refund_allocation ra JOIN refund rf ON rf.id = ra.refund_id
			    WHERE rf.community_id = :community AND ra.value_date > :asOf AND ra.value_date <= :cutoff
			    UNION ALL
			    SELECT a.bill_id FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id
			    WHERE b.community_id = :community AND a.kind IN ('WAIVER', 'CANCELLATION') AND a.as_of > :asOf
			      AND a.as_of <= :cutoff) moved
			), touched_lines AS (
			  SELECT b.id, b.room_id, b.parking_space_id, b.due_date, b.amount FROM bill b JOIN touched t ON t.bill_id = b.id
			  WHERE b.community_id = :community AND b.issued_on <= :asOf AND b.due_date < :asOf
			), paid AS (
			  SELECT pa.bill_id, sum(pa.amount) FILTER (WHERE p.value_date <= :asOf) AS on_day,
			         sum(pa.amount) FILTER (WHERE p.value_date <= :cutoff) AS at_cutoff
			  FROM touched_lines l JOIN payment_allocation pa ON pa.bill_id = l.id JOIN payment p ON p.id = pa.payment_id
			  GROUP BY pa.bill_id
			), refunded AS (
			  SELECT ra.bill_id, sum(ra.amount) FILTER (WHERE ra.value_date <= :asOf) AS on_day,
			         sum(ra.amount) FILTER (WHERE ra.value_date <= :cutoff) AS at_cutoff
			  FROM touched_lines l JOIN refund_allocation ra ON ra.bill_id = l.id GROUP BY ra.bill_id
			), adjusted AS (
			  SELECT a.bill_id,
			         sum(a.amount) FILTER (WHERE a.kind = 'WAIVER' AND a.as_of <= :asOf) AS waived_on_day,
			         sum(a.amount) FILTER (WHERE a.kind = 'WAIVER' AND a.as_of <= :cutoff) AS waived_at_cutoff,
			         bool_or(a.kind = 'CANCELLATION' AND a.as_of <= :asOf) AS gone_on_day,
			         bool_or(a.kind = 'CANCELLATION' AND a.as_of <= :cutoff) AS gone_at_cutoff
			  FROM touched_lines l JOIN bill_adjustment a ON a.bill_id = l.id GROUP BY a.bill_id
			), standing AS (
			  SELECT l.room_id, l.parking_space_id, l.due_date,
			         CASE WHEN coalesce(j.gone_on_day, false) THEN 0 ELSE
			           (l.amount - coalesce(j.waived_on_day, 0))
			           - least(greatest(coalesce(p.on_day, 0) - coalesce(r.on_day, 0), 0), l.amount - coalesce(j.waived_on_day, 0))
			         END AS on_day,
			         CASE WHEN coalesce(j.gone_at_cutoff, false) THEN 0 ELSE
			           (l.amount - coalesce(j.waived_at_cutoff, 0))
			           - least(greatest(coalesce(p.at_cutoff, 0) - coalesce(r.at_cutoff, 0), 0), l.amount - coalesce(j.waived_at_cutoff, 0))
			         END AS at_cutoff
			  FROM touched_lines l
			  LEFT JOIN paid p ON p.bill_id = l.id
			  LEFT JOIN refunded r ON r.bill_id = l.id
			  LEFT JOIN adjusted j ON j.bill_id = l.id
			), corrections AS (
			  SELECT room_id, parking_space_id, due_date,
			         sum(greatest(on_day, 0) - greatest(at_cutoff, 0)) AS amount,
			         sum(CASE WHEN on_day > 0 THEN 1 ELSE 0 END - CASE WHEN at_cutoff > 0 THEN 1 ELSE 0 END) AS lines
			  FROM standing GROUP BY room_id, parking_space_id, due_date
			), owed_on_day AS (
			  SELECT o.* FROM owed o
			  WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.due_date = o.due_date
			                      AND coalesce(c.room_id, -1) = coalesce(o.room_id, -1)
			                      AND coalesce(c.parking_space_id, -1) = coalesce(o.parking_space_id, -1))
			  UNION ALL
			  SELECT room_id, parking_space_id, due_date, sum(amount), sum(lines) FROM (
			    SELECT o.* FROM owed o
			    WHERE EXISTS (SELECT 1 FROM corrections c WHERE c.due_date = o.due_date
			                    AND coalesce(c.room_id, -1) = coalesce(o.room_id, -1)
			                    AND coalesce(c.parking_space_id, -1) = coalesce(o.parking_space_id, -1))
			    UNION ALL
			    SELECT * FROM corrections) x
			  GROUP BY room_id, parking_space_id, due_date HAVING sum(amount) > 0
			)""";

	/**
	 * After one of the above: each bucket's totals, and its places with the most owed
	 * first, at most {@code :limit} (a bounded sort per bucket, not a ranking of every
	 * place).
	 */
	private static final String BUCKETS = """
			, places AS MATERIALIZED (
			  SELECT CASE WHEN :asOf - due_date <= :end0 THEN 0 WHEN :asOf - due_date <= :end1 THEN 1
			              WHEN :asOf - due_date <= :end2 THEN 2 WHEN :asOf - due_date <= :end3 THEN 3 ELSE 4 END AS bucket,
			         room_id, parking_space_id, sum(amount) AS amount, sum(lines) AS lines, min(due_date) AS oldest
			  FROM %s GROUP BY 1, 2, 3
			), totals AS (
			  SELECT bucket, sum(amount) AS bucket_amount, sum(lines) AS bucket_lines, count(*) AS bucket_places
			  FROM places GROUP BY bucket
			)
			SELECT t.*, p.* FROM totals t
			CROSS JOIN LATERAL (SELECT x.room_id, x.parking_space_id, x.amount, x.lines, x.oldest FROM places x
			                    WHERE x.bucket = t.bucket
			                    ORDER BY x.amount DESC, x.room_id, x.parking_space_id LIMIT :limit) p
			ORDER BY t.bucket, p.amount DESC, p.room_id, p.parking_space_id""";

	/** Keeps what was owed at the end of a past month, by place and due date. */
	private static final String KEEP = WORKED_BACK
			+ """
					INSERT INTO ledger_owed_at (community_id, as_of, room_id, parking_space_id, due_date, issued_on, amount, lines)
					SELECT :community, :asOf, room_id, parking_space_id, due_date, issued_on, sum(amount), count(*)
					FROM owed_lines GROUP BY room_id, parking_space_id, due_date, issued_on""";

	/** Sorting and grouping a community's open lines in memory rather than on disk. */
	private static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate apart;

	private final BackgroundJobs jobs;

	/** One month's end worked out at a time on this node. */
	private final Semaphore keeping = new Semaphore(1);

	LedgerStatistics(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, BackgroundJobs jobs) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jobs = jobs;
	}

	Billing.LedgerFigures ledger(long communityId, YearMonth from, YearMonth to) {
		List<Billing.Billed> billed = this.jdbc.sql(AGGREGATE_BILLED)
			.param("community", communityId)
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.query((rs, n) -> new Billing.Billed(month(rs, "period"), building(rs), rs.getLong("fee_item_id"),
					rs.getString("name"), rs.getInt("lines"), money(rs, "receivable"), money(rs, "waived"),
					money(rs, "cancelled")))
			.list();
		List<Billing.Settled> settled = this.jdbc.sql(AGGREGATE_SETTLED)
			.param("community", communityId)
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.param("start", Date.valueOf(from.atDay(1)))
			.param("end", Date.valueOf(to.plusMonths(1).atDay(1)))
			.query((rs, n) -> new Billing.Settled(month(rs, "month"), month(rs, "period"), building(rs),
					rs.getLong("fee_item_id"), rs.getString("name"), money(rs, "principal"), money(rs, "late_fee")))
			.list();
		return new Billing.LedgerFigures(billed, settled);
	}

	/**
	 * Principal overdue at the end of a day, by age bucket: today from what the open
	 * lines owe now; the end of a past month from what was kept for it (worked out and
	 * kept the first time); another past day from the next of these, through the lines
	 * moved in between. Worked back line by line from the ledger only if a kept month's
	 * end is not yet seen (a read replica behind).
	 */
	List<Billing.OverdueBucket> overdueOn(long communityId, LocalDate asOf, List<Integer> bucketEnds, int places) {
		LocalDate today = Times.today(this.clock);
		LocalDate monthEnd = YearMonth.from(asOf).atEndOfMonth();
		String sql;
		LocalDate cutoff;
		if (!asOf.isBefore(today)) {
			sql = OWED_NOW + buckets("owed");
			cutoff = asOf;
		}
		else if (!monthEnd.isBefore(today)) {
			sql = OWED_NOW + BACK_TO_DAY + buckets("owed_on_day");
			cutoff = today;
		}
		else if (keep(communityId, monthEnd)) {
			sql = OWED_THEN + (asOf.equals(monthEnd) ? buckets("owed") : BACK_TO_DAY + buckets("owed_on_day"));
			cutoff = monthEnd;
		}
		else {
			sql = WORKED_BACK + buckets("owed");
			cutoff = asOf;
		}
		this.jdbc.sql(WORK_MEM).update();
		java.util.Map<Integer, Billing.OverdueBucket> buckets = new java.util.TreeMap<>();
		this.jdbc.sql(sql)
			.param("community", communityId)
			.param("asOf", Date.valueOf(asOf))
			.param("cutoff", Date.valueOf(cutoff))
			.param("end0", bucketEnds.get(0))
			.param("end1", bucketEnds.get(1))
			.param("end2", bucketEnds.get(2))
			.param("end3", bucketEnds.get(3))
			.param("limit", places)
			.query((rs) -> {
				int bucket = rs.getInt("bucket");
				Billing.OverdueBucket b = buckets.get(bucket);
				if (b == null) {
					b = new Billing.OverdueBucket(bucket, money(rs, "bucket_amount"), rs.getInt("bucket_lines"),
							rs.getInt("bucket_places"), new java.util.ArrayList<>());
					buckets.put(bucket, b);
				}
				b.places()
					.add(new Billing.OverduePlace((Long) rs.getObject("room_id"),
							(Long) rs.getObject("parking_space_id"), money(rs, "amount"), rs.getInt("lines"),
							rs.getDate("oldest").toLocalDate()));
			});
		return List.copyOf(buckets.values());
	}

	private static String buckets(String owed) {
		return BUCKETS.formatted(owed);
	}

	/**
	 * Makes sure what was owed at the end of a past day is kept, working it out in a
	 * transaction of its own if it is not: one at a time on each node (another request
	 * meanwhile is answered line by line rather than holding a second connection), and
	 * one at a time per community across nodes (the back-dated changes that would outdate
	 * it wait meanwhile; it waits for them at most two seconds). Answers whether the
	 * caller's transaction sees it kept (a read replica may not yet).
	 */
	boolean keep(long communityId, LocalDate day) {
		if (kept(communityId, day)) {
			return true;
		}
		if (!this.keeping.tryAcquire()) {
			return false;
		}
		try {
			this.apart.executeWithoutResult((status) -> {
				this.jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
				this.jdbc.sql("SELECT pg_advisory_xact_lock((CAST(7402 AS bigint) << 48) + :community)")
					.param("community", communityId)
					.query()
					.singleRow();
				if (kept(communityId, day)) {
					return;
				}
				this.jdbc.sql(WORK_MEM).update();
				// the rows an outdated snapshot of the day left, replaced with the header
				// at
				// once
				this.jdbc.sql("DELETE FROM ledger_owed_at WHERE community_id = ? AND as_of = ?")
					.params(communityId, Date.valueOf(day))
					.update();
				this.jdbc.sql(KEEP)
					.param("community", communityId)
					.param("asOf", Date.valueOf(day))
					.param("cutoff", Date.valueOf(day))
					.update();
				this.jdbc.sql("INSERT INTO ledger_owed_snapshot (community_id, as_of, taken_at) VALUES (?, ?, ?)")
					.params(communityId, Date.valueOf(day), Timestamp.from(this.clock.instant()))
					.update();
			});
		}
		catch (DataAccessException ex) {
			log.warn("Arrears of community {} at the end of {} not kept this time: {}", communityId, day,
					ex.getMostSpecificCause().getMessage());
			return false;
		}
		finally {
			this.keeping.release();
		}
		return kept(communityId, day);
	}

	private boolean kept(long communityId, LocalDate day) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?)")
			.params(communityId, Date.valueOf(day))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Each night, on one node: keeps the end of last month for every community, so that
	 * the month's report is quick the first time too.
	 */
	@Scheduled(cron = "${linli.billing.arrears-snapshot-cron:0 50 2 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void nightly() {
		this.jobs.onOneNode("billing/arrears-snapshots", java.time.Duration.ofHours(2), this::keepLastMonthEnd);
	}

	/**
	 * Keeps last month's end for every community not kept yet; answers how many were
	 * worked out.
	 */
	int keepLastMonthEnd() {
		LocalDate monthEnd = YearMonth.from(Times.today(this.clock)).minusMonths(1).atEndOfMonth();
		int worked = 0;
		for (Long community : this.jdbc.sql("SELECT DISTINCT community_id FROM fee_item ORDER BY 1")
			.query(Long.class)
			.list()) {
			if (!kept(community, monthEnd) && keep(community, monthEnd)) {
				worked++;
			}
		}
		return worked;
	}

	List<Billing.FeeItemPrice> feeItemsOf(long communityId, LocalDate on) {
		LocalDate month = YearMonth.from(on).atDay(1);
		return this.jdbc
			.sql("""
					SELECT f.id, f.name, f.method, f.cycle, coalesce(f.unit_price, t.unit_price) AS unit_price, f.amount,
					       f.meter_type, t.unit_price IS NOT NULL AS tiered
					FROM fee_item f
					LEFT JOIN LATERAL (SELECT x.unit_price FROM fee_item_tier x WHERE x.fee_item_id = f.id ORDER BY x.seq LIMIT 1) t ON true
					WHERE f.community_id = :community AND f.method <> 'CHARGE' AND f.effective_from <= :month
					  AND (f.effective_to IS NULL OR f.effective_to >= :month)
					ORDER BY f.name, f.id""")
			.param("community", communityId)
			.param("month", Date.valueOf(month))
			.query((rs, n) -> new Billing.FeeItemPrice(rs.getLong("id"), rs.getString("name"), rs.getString("method"),
					rs.getString("cycle"), rs.getBigDecimal("unit_price"),
					(rs.getBigDecimal("amount") != null) ? Money.of(rs.getBigDecimal("amount")) : null,
					rs.getString("meter_type"), rs.getBoolean("tiered")))
			.list();
	}

	private static YearMonth month(ResultSet rs, String column) throws SQLException {
		return YearMonth.from(rs.getDate(column).toLocalDate());
	}

	private static Long building(ResultSet rs) throws SQLException {
		return (Long) rs.getObject("building_id");
	}

	private static Money money(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return Money.of((value != null) ? value : BigDecimal.ZERO);
	}

}
