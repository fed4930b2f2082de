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

import org.linli.billing.Billing;
import org.linli.shared.Money;
import org.linli.shared.Times;
import org.linli.shared.jobs.BackgroundJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
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
 * ({@code ledger_owed_at}, worked out after each refresh), less the changes dated in
 * between ({@code ledger_owed_moves}); set-based statements.
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
	 * and due by {@code :asOf} as they stood at its end, straight from the ledger's rows.
	 */
	private static final String STALE = """
			stale AS (
			  SELECT DISTINCT period FROM ledger_stale WHERE community_id = :community
			), stale_lines AS (
			  SELECT b.period, b.room_id, b.parking_space_id, b.due_date, b.issued_on,
			         b.amount - coalesce((SELECT sum(a.amount) FROM bill_adjustment a
			                              WHERE a.bill_id = b.id AND a.kind = 'WAIVER' AND a.as_of <= :asOf), 0) AS due,
			         greatest(coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
			                            WHERE pa.bill_id = b.id AND p.value_date <= :asOf), 0)
			                  - coalesce((SELECT sum(ra.amount) FROM refund_allocation ra
			                              WHERE ra.bill_id = b.id AND ra.value_date <= :asOf), 0), 0) AS net
			  FROM bill b
			  WHERE b.community_id = :community AND b.period IN (SELECT period FROM stale)
			    AND b.issued_on <= :asOf AND b.due_date < :asOf
			    AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION' AND a.as_of <= :asOf)
			)""";

	/**
	 * The point a day is worked back from: the first kept day on or after it (before
	 * {@code :today}), else now; what the lines owed then by slice, place, due date and
	 * issue day; and the changes dated after the day up to the point (in one statement
	 * with what reads them, so that a kept day outdated meanwhile is not half used).
	 */
	private static final String POINT = """
			, point AS (
			  SELECT min(as_of) AS day FROM ledger_owed_snapshot
			  WHERE community_id = :community AND as_of >= :asOf AND as_of < :today
			), at_point AS NOT MATERIALIZED (
			  SELECT period, room_id, parking_space_id, due_date, issued_on, amount, lines FROM ledger_owed_at
			  WHERE community_id = :community AND as_of = (SELECT day FROM point) AND (SELECT day FROM point) IS NOT NULL
			  UNION ALL
			  SELECT period, room_id, parking_space_id, due_date, issued_on, amount, lines FROM ledger_owed
			  WHERE community_id = :community AND (SELECT day FROM point) IS NULL
			), moves AS (
			  SELECT period, room_id, parking_space_id, due_date, issued_on, amount, lines FROM ledger_owed_moves
			  WHERE community_id = :community AND day > :asOf AND day <= coalesce((SELECT day FROM point), DATE 'infinity')
			    AND issued_on <= :asOf AND due_date < :asOf AND period NOT IN (SELECT period FROM stale)
			)""";

	/**
	 * Principal overdue at the end of {@code :asOf} by place and due date: what was owed
	 * at the point less the changes in between. Where these are all falls (payments,
	 * waivers) the place and due date owed more on the day, and their rows are simply
	 * added; where one is a rise (a refund) its total is worked out first, so that
	 * nothing owed is not counted as a place or an oldest due date (a place is never
	 * null, a line being a room's or a parking space's, so that NOT IN is a hashed
	 * look-up rather than a sort of every row). The slices not yet brought up to date
	 * straight from the ledger's rows.
	 */
	private static final String OWED = "WITH " + STALE + POINT + """
			, base AS NOT MATERIALIZED (
			  SELECT coalesce(room_id, -parking_space_id) AS place, room_id, parking_space_id, due_date, amount, lines
			  FROM at_point
			  WHERE issued_on <= :asOf AND due_date < :asOf AND period NOT IN (SELECT period FROM stale)
			), moved AS MATERIALIZED (
			  SELECT coalesce(room_id, -parking_space_id) AS place, room_id, parking_space_id, due_date,
			         -sum(amount) AS amount, -sum(lines) AS lines, bool_and(amount < 0) AS falls
			  FROM moves GROUP BY room_id, parking_space_id, due_date
			), mixed AS MATERIALIZED (
			  SELECT place, room_id, parking_space_id, due_date, amount, lines FROM moved WHERE NOT falls
			), owed AS (
			  SELECT room_id, parking_space_id, due_date, amount, lines FROM base o
			  WHERE (o.place, o.due_date) NOT IN (SELECT place, due_date FROM mixed)
			  UNION ALL
			  SELECT room_id, parking_space_id, due_date, amount, lines FROM moved WHERE falls
			  UNION ALL
			  SELECT room_id, parking_space_id, due_date, sum(amount), sum(lines) FROM (
			    SELECT * FROM base o WHERE (o.place, o.due_date) IN (SELECT place, due_date FROM mixed)
			    UNION ALL
			    SELECT * FROM mixed) x
			  GROUP BY room_id, parking_space_id, due_date HAVING sum(amount) > 0
			  UNION ALL
			  SELECT room_id, parking_space_id, due_date, due - least(net, due), 1 FROM stale_lines
			  WHERE due - least(net, due) > 0
			)""";

	/**
	 * Then each bucket's totals, and its places with the most owed first, at most
	 * {@code :limit} (a bounded sort per bucket, not a ranking of every place).
	 */
	private static final String BUCKETS = """
			, places AS MATERIALIZED (
			  SELECT CASE WHEN :asOf - due_date <= :end0 THEN 0 WHEN :asOf - due_date <= :end1 THEN 1
			              WHEN :asOf - due_date <= :end2 THEN 2 WHEN :asOf - due_date <= :end3 THEN 3 ELSE 4 END AS bucket,
			         room_id, parking_space_id, sum(amount) AS amount, sum(lines) AS lines, min(due_date) AS oldest
			  FROM owed GROUP BY 1, 2, 3
			), totals AS (
			  SELECT bucket, sum(amount) AS bucket_amount, sum(lines) AS bucket_lines, count(*) AS bucket_places
			  FROM places GROUP BY bucket
			)
			SELECT t.*, p.* FROM totals t
			CROSS JOIN LATERAL (SELECT x.room_id, x.parking_space_id, x.amount, x.lines, x.oldest FROM places x
			                    WHERE x.bucket = t.bucket
			                    ORDER BY x.amount DESC, x.room_id, x.parking_space_id LIMIT :limit) p
			ORDER BY t.bucket, p.amount DESC, p.room_id, p.parking_space_id""";

	/**
	 * Keeps what was owed at the end of {@code :asOf} (not kept), by slice, place, due
	 * date and issue day: what was owed at the point less the changes in between; the
	 * slices not yet brought up to date straight from the ledger's rows.
	 */
	private static final String KEEP = "WITH " + STALE + POINT
			+ """
					, owed AS (
					  SELECT period, room_id, parking_space_id, due_date, issued_on, sum(amount) AS amount, sum(lines) AS lines FROM (
					    SELECT period, room_id, parking_space_id, due_date, issued_on, amount, lines FROM at_point
					    WHERE issued_on <= :asOf AND due_date < :asOf AND period NOT IN (SELECT period FROM stale)
					    UNION ALL
					    SELECT period, room_id, parking_space_id, due_date, issued_on, -amount, -lines FROM moves) x
					  GROUP BY period, room_id, parking_space_id, due_date, issued_on HAVING sum(amount) > 0
					  UNION ALL
					  SELECT period, room_id, parking_space_id, due_date, issued_on, due - least(net, due), 1 FROM stale_lines
					  WHERE due - least(net, due) > 0
					)
					INSERT INTO ledger_owed_at (community_id, as_of, period, room_id, parking_space_id, due_date, issued_on, amount, lines)
					SELECT :community, :asOf, period, room_id, parking_space_id, due_date, issued_on, sum(amount), sum(lines)
					FROM owed GROUP BY period, room_id, parking_space_id, due_date, issued_on""";

	/**
	 * At most this long keeping months' ends after a refresh, so that the next refresh is
	 * not held up by a long backlog (the rest is kept by the next ones).
	 */
	private static final java.time.Duration KEEPING_AFTER_REFRESH = java.time.Duration.ofMinutes(5);

	/** Sorting and grouping a community's open lines in memory rather than on disk. */
	private static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate apart;

	private final BackgroundJobs jobs;

	private final int monthsKept;

	LedgerStatistics(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, BackgroundJobs jobs,
			@Value("${linli.billing.arrears-months-kept:60}") int monthsKept) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.clock = clock;
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.monthsKept = monthsKept;
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

	Billing.PeriodTotals periodTotals(long communityId, YearMonth period) {
		return this.jdbc.sql("""
				SELECT (SELECT coalesce(sum(l.receivable), 0) FROM ledger_billed l
				        WHERE l.community_id = :community AND l.period = :period),
				       (SELECT coalesce(sum(l.principal), 0) FROM ledger_settled l
				        WHERE l.community_id = :community AND l.period = :period)""")
			.param("community", communityId)
			.param("period", Date.valueOf(period.atDay(1)))
			.query((rs, n) -> new Billing.PeriodTotals(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))))
			.single();
	}

	List<Billing.Settled> settledIn(long communityId, YearMonth from, YearMonth to) {
		return this.jdbc.sql("""
				SELECT l.month, l.period, nullif(l.building_id, -1) AS building_id, l.fee_item_id, f.name,
				       l.principal, l.late_fee
				FROM ledger_settled l JOIN fee_item f ON f.id = l.fee_item_id
				WHERE l.community_id = :community AND l.month >= :start AND l.month < :end
				ORDER BY l.month, l.period""")
			.param("community", communityId)
			.param("start", Date.valueOf(from.atDay(1)))
			.param("end", Date.valueOf(to.plusMonths(1).atDay(1)))
			.query((rs, n) -> new Billing.Settled(month(rs, "month"), month(rs, "period"), building(rs),
					rs.getLong("fee_item_id"), rs.getString("name"), money(rs, "principal"), money(rs, "late_fee")))
			.list();
	}

	/**
	 * Principal overdue at the end of a day, by age bucket: from what was kept for the
	 * first kept day on or after it (a past month's end), or from what the open lines owe
	 * now, less the changes dated in between. Nothing is written.
	 */
	List<Billing.OverdueBucket> overdueOn(long communityId, LocalDate asOf, List<Integer> bucketEnds, int places) {
		this.jdbc.sql(WORK_MEM).update();
		java.util.Map<Integer, Billing.OverdueBucket> buckets = new java.util.TreeMap<>();
		this.jdbc.sql(OWED + BUCKETS)
			.param("community", communityId)
			.param("asOf", Date.valueOf(asOf))
			.param("today", Date.valueOf(Times.today(this.clock)))
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

	private boolean kept(long communityId, LocalDate day) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?)")
			.params(communityId, Date.valueOf(day))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Each night, on one node: keeps the past months' ends of every community not kept
	 * yet (the refresh keeps those of the communities whose lines moved).
	 */
	@Scheduled(cron = "${linli.billing.arrears-snapshot-cron:0 50 2 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void nightly() {
		this.jobs.onOneNode("billing/arrears-snapshots", java.time.Duration.ofHours(2), () -> keepMonthEnds(null));
	}

	/**
	 * Keeps the ends of the past months (at most
	 * {@code linli.billing.arrears-months-kept} back, none before a community's first
	 * line) of the given communities (null: all) that are not kept, the latest first,
	 * each from the next kept day or from now. A back-dated change removes the kept days
	 * from its day on (triggers); the refresh that follows it works them out again.
	 * Answers how many were worked out.
	 */
	int keepMonthEnds(java.util.Collection<Long> communities) {
		LocalDate today = Times.today(this.clock);
		YearMonth last = YearMonth.from(today).minusMonths(1);
		YearMonth oldest = last.minusMonths(this.monthsKept - 1L);
		record Missing(long communityId, LocalDate day) {
		}
		List<Missing> missing = this.jdbc
			.sql("""
					SELECT c.community_id, (m + interval '1 month - 1 day')::date AS day
					FROM (SELECT community_id, min(period) AS first FROM ledger_billed
					      WHERE CAST(:all AS boolean) OR community_id = ANY (CAST(:communities AS bigint[])) GROUP BY community_id) c
					CROSS JOIN LATERAL generate_series(greatest(c.first, CAST(:oldest AS date)), CAST(:last AS date), interval '1 month') m
					WHERE NOT EXISTS (SELECT 1 FROM ledger_owed_snapshot s
					                  WHERE s.community_id = c.community_id AND s.as_of = (m + interval '1 month - 1 day')::date)
					ORDER BY c.community_id, day DESC""")
			.param("all", communities == null)
			.param("communities",
					(communities == null) ? "{}"
							: communities.stream()
								.map(String::valueOf)
								.collect(java.util.stream.Collectors.joining(",", "{", "}")))
			.param("oldest", Date.valueOf(oldest.atDay(1)))
			.param("last", Date.valueOf(last.atDay(1)))
			.query((rs, n) -> new Missing(rs.getLong(1), rs.getDate(2).toLocalDate()))
			.list();
		long started = System.nanoTime();
		int worked = 0;
		for (int i = 0; i < missing.size(); i++) {
			if (communities != null && System.nanoTime() - started > KEEPING_AFTER_REFRESH.toNanos()) {
				log.info("Arrears of {} months' ends left for the next refresh", missing.size() - i);
				break;
			}
			if (keep(missing.get(i).communityId(), missing.get(i).day(), today)) {
				worked++;
			}
		}
		if (communities != null) {
			return worked;
		}
		// each night: what an outdated day left and no later run replaces, once it is out
		// of reach (a scan of every community's kept rows, not for each refresh)
		this.jdbc
			.sql("""
					DELETE FROM ledger_owed_at a WHERE a.as_of < ?
					  AND NOT EXISTS (SELECT 1 FROM ledger_owed_snapshot s WHERE s.community_id = a.community_id AND s.as_of = a.as_of)""")
			.param(Date.valueOf(oldest.atDay(1)))
			.update();
		return worked;
	}

	/**
	 * Works out and keeps what was owed at the end of a past day, in a transaction of its
	 * own, one at a time per community across nodes (the back-dated changes that would
	 * outdate it wait meanwhile; it waits for them at most two seconds, else it is left
	 * for the next run). Answers whether it was worked out.
	 */
	boolean keep(long communityId, LocalDate day, LocalDate today) {
		long started = System.nanoTime();
		try {
			Boolean worked = this.apart.execute((status) -> {
				this.jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
				this.jdbc.sql("SELECT pg_advisory_xact_lock((CAST(7402 AS bigint) << 48) + :community)")
					.param("community", communityId)
					.query()
					.singleRow();
				if (kept(communityId, day)) {
					return false;
				}
				this.jdbc.sql(WORK_MEM).update();
				// the rows an outdated day left, replaced with the header at once
				this.jdbc.sql("DELETE FROM ledger_owed_at WHERE community_id = ? AND as_of = ?")
					.params(communityId, Date.valueOf(day))
					.update();
				this.jdbc.sql(KEEP)
					.param("community", communityId)
					.param("asOf", Date.valueOf(day))
					.param("today", Date.valueOf(today))
					.update();
				this.jdbc.sql("INSERT INTO ledger_owed_snapshot (community_id, as_of, taken_at) VALUES (?, ?, ?)")
					.params(communityId, Date.valueOf(day), Timestamp.from(this.clock.instant()))
					.update();
				return true;
			});
			if (Boolean.TRUE.equals(worked)) {
				log.debug("Arrears of community {} at the end of {} kept in {} ms", communityId, day,
						(System.nanoTime() - started) / 1_000_000);
			}
			return Boolean.TRUE.equals(worked);
		}
		catch (DataAccessException ex) {
			log.warn("Arrears of community {} at the end of {} not kept this time: {}", communityId, day,
					ex.getMostSpecificCause().getMessage());
			return false;
		}
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
