package org.linli.billing.bills;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.linli.billing.Billing;
import org.linli.shared.Money;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger's figures for fee statistics (the definitions are those of
 * {@link Billing.LedgerFigures}): read from the figures {@link LedgerAggregates} keeps,
 * and arrears worked back from the lines' standing; set-based statements.
 */
@Component
class LedgerStatistics {

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
	 * Principal overdue at the end of {@code :asOf} by room (or parking space) and age
	 * bucket: worked back from each open line's standing by the movements dated after the
	 * day; the lines of slices not yet brought up to date straight from the ledger's
	 * rows. Each bucket's totals, and its places with the most owed first, at most
	 * {@code :limit}.
	 */
	static final String OVERDUE = """
			WITH stale AS (
			  SELECT DISTINCT period FROM ledger_stale WHERE community_id = :community
			), open_then AS (
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
			  SELECT o.room_id, o.parking_space_id, o.due_date, o.principal + coalesce(w.amount, 0) AS due,
			         greatest(o.paid - coalesce(p.amount, 0) + coalesce(r.amount, 0), 0) AS net
			  FROM open_then o
			  LEFT JOIN later_paid p ON p.bill_id = o.bill_id
			  LEFT JOIN later_refunded r ON r.bill_id = o.bill_id
			  LEFT JOIN later_waived w ON w.bill_id = o.bill_id
			  UNION ALL
			  SELECT b.room_id, b.parking_space_id, b.due_date,
			         b.amount - coalesce((SELECT sum(a.amount) FROM bill_adjustment a
			                              WHERE a.bill_id = b.id AND a.kind = 'WAIVER' AND a.as_of <= :asOf), 0),
			         greatest(coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
			                            WHERE pa.bill_id = b.id AND p.value_date <= :asOf), 0)
			                  - coalesce((SELECT sum(ra.amount) FROM refund_allocation ra
			                              WHERE ra.bill_id = b.id AND ra.value_date <= :asOf), 0), 0)
			  FROM bill b
			  WHERE b.community_id = :community AND b.period IN (SELECT period FROM stale)
			    AND b.issued_on <= :asOf AND b.due_date < :asOf
			    AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION' AND a.as_of <= :asOf)
			), owed AS (
			  SELECT room_id, parking_space_id, due_date, due - least(net, due) AS outstanding,
			         CASE WHEN :asOf - due_date <= :end0 THEN 0 WHEN :asOf - due_date <= :end1 THEN 1
			              WHEN :asOf - due_date <= :end2 THEN 2 WHEN :asOf - due_date <= :end3 THEN 3 ELSE 4 END AS bucket
			  FROM lines WHERE due - least(net, due) > 0
			), places AS (
			  SELECT bucket, room_id, parking_space_id, sum(outstanding) AS amount, count(*) AS lines, min(due_date) AS oldest
			  FROM owed GROUP BY bucket, room_id, parking_space_id
			), ranked AS (
			  SELECT p.*, row_number() OVER (PARTITION BY bucket ORDER BY amount DESC, room_id, parking_space_id) AS rank,
			         sum(amount) OVER (PARTITION BY bucket) AS bucket_amount, sum(lines) OVER (PARTITION BY bucket) AS bucket_lines,
			         count(*) OVER (PARTITION BY bucket) AS bucket_places
			  FROM places p
			)
			SELECT * FROM ranked WHERE rank <= :limit ORDER BY bucket, rank""";

	private final JdbcClient jdbc;

	private final Clock clock;

	LedgerStatistics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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

	List<Billing.OverdueBucket> overdueOn(long communityId, LocalDate asOf, List<Integer> bucketEnds, int places) {
		java.util.Map<Integer, Billing.OverdueBucket> buckets = new java.util.TreeMap<>();
		this.jdbc.sql(OVERDUE)
			.param("community", communityId)
			.param("asOf", Date.valueOf(asOf))
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
