package org.linli.billing.bills;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.linli.billing.Billing;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arrears on any day, whichever way they are answered (what the open lines owe now, a
 * kept month's end, either worked back to another day through the lines moved since, or
 * line by line), equal the same figures straight from the ledger's rows: on generated
 * lines, payments dated on any day after their line, waivers, a refund and a
 * cancellation, some of them recorded after the figures and the month's ends were kept
 * (seeded, so that a failure repeats).
 */
@TestPropertySource(properties = { "linli.billing.figures-every=PT1H", "linli.billing.figures-initial-delay=PT1H" })
class ArrearsOnAnyDayIntegrationTests extends IntegrationTest {

	private static final long SEED = 20261128L;

	private static final List<Integer> ENDS = List.of(30, 90, 180, 365);

	@Autowired
	LedgerStatistics statistics;

	@Autowired
	LedgerAggregates figures;

	private final Random random = new Random(SEED);

	private long community;

	private final List<Long> bills = new ArrayList<>();

	@Test
	void everyWayOfAnsweringGivesTheLedgersFiguresOnEveryDay() {
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		LocalDate today = this.clock.today();
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		List<Long> rooms = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			rooms.add(createRoom(building, "1单元", i, "10" + i));
		}
		long item = feeItem();
		for (YearMonth period = YearMonth.of(2025, 10); !period.isAfter(YearMonth.of(2026, 11)); period = period
			.plusMonths(1)) {
			for (long room : rooms) {
				BigDecimal amount = BigDecimal.valueOf(this.random.nextInt(5_000, 30_000), 2);
				long bill = this.jdbc
					.sql("""
							INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
							                  due_date, issued_on, created_at)
							VALUES (?, ?, ?, ?, 1, 1, NULL, ?, ?, ?, now()) RETURNING id""")
					.params(this.community, room, item, Date.valueOf(period.atDay(1)), amount,
							Date.valueOf(period.atDay(15)), Date.valueOf(period.atDay(1)))
					.query(Long.class)
					.single();
				this.bills.add(bill);
				moves(bill, amount, period.atDay(1), today);
			}
		}
		// a refund and a cancellation
		long refunded = this.jdbc
			.sql("SELECT min(bill_id) FROM payment_allocation pa JOIN bill b ON b.id = pa.bill_id "
					+ "WHERE b.community_id = ?")
			.param(this.community)
			.query(Long.class)
			.single();
		long payment = this.jdbc.sql("SELECT min(payment_id) FROM payment_allocation WHERE bill_id = ?")
			.param(refunded)
			.query(Long.class)
			.single();
		long refund = this.jdbc.sql("""
				INSERT INTO refund (community_id, room_id, payment_id, amount, reason, requested_at)
				SELECT community_id, room_id, ?, 1.00, '测试', now() FROM bill WHERE id = ? RETURNING id""")
			.params(payment, refunded)
			.query(Long.class)
			.single();
		this.jdbc.sql(
				"INSERT INTO refund_allocation (refund_id, bill_id, amount, value_date) VALUES (?, ?, 1.00, DATE '2026-09-03')")
			.params(refund, refunded)
			.update();
		adjust(this.bills.get(5), "CANCELLATION", BigDecimal.ZERO, LocalDate.of(2026, 6, 30));

		// the slices partly up to date
		this.figures.refresh();
		compareFrom(LocalDate.of(2026, 1, 1), today);
		// recorded now, dated before the kept month's ends: they outdate them
		for (int i = 0; i < 12; i++) {
			long bill = this.bills.get(this.random.nextInt(this.bills.size()));
			LocalDate issued = this.jdbc.sql("SELECT issued_on FROM bill WHERE id = ?")
				.param(bill)
				.query(LocalDate.class)
				.single();
			moves(bill, new BigDecimal("3.00"), issued, today);
		}
		compareFrom(LocalDate.of(2026, 1, 1), today);
		this.figures.refresh();
		compareFrom(LocalDate.of(2026, 1, 1), today);
	}

	@Test
	void eachNightLastMonthsEndIsKeptAndWhatBackDatedChangesOutdatedIsRemoved() {
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		this.community = createCommunity();
		long room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		long item = feeItem();
		long bill = this.jdbc.sql("""
				INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
				                  due_date, issued_on, created_at)
				VALUES (?, ?, ?, DATE '2026-09-01', 1, 1, NULL, 80.00, DATE '2026-09-15', DATE '2026-09-01', now())
				RETURNING id""").params(this.community, room, item).query(Long.class).single();
		this.statistics.keepLastMonthEnd();
		assertThat(kept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(this.statistics.keepLastMonthEnd()).as("nothing left to work out").isZero();
		// paid on 20 October, recorded today: the kept day is outdated, its rows left
		// until it is worked out again
		pay(bill, new BigDecimal("80.00"), LocalDate.of(2026, 10, 20));
		assertThat(kept(LocalDate.of(2026, 10, 31))).isZero();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(this.statistics.keepLastMonthEnd()).isPositive();
		assertThat(kept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).as("it owed nothing then").isZero();
		assertThat(this.statistics.overdueOn(this.community, LocalDate.of(2026, 10, 31), ENDS, 10)).isEmpty();
	}

	private long kept(LocalDate day) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?")
			.params(this.community, Date.valueOf(day))
			.query(Long.class)
			.single();
	}

	private long rowsKept(LocalDate day) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_owed_at WHERE community_id = ? AND as_of = ?")
			.params(this.community, Date.valueOf(day))
			.query(Long.class)
			.single();
	}

	private long feeItem() {
		return this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, '物业费', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0, DATE '2025-01-01', now()) RETURNING id""")
			.param(this.community)
			.query(Long.class)
			.single();
	}

	/** Payments and waivers on a line, each dated on a day from its issue to today. */
	private void moves(long bill, BigDecimal amount, LocalDate issued, LocalDate today) {
		int fate = this.random.nextInt(10);
		long days = java.time.temporal.ChronoUnit.DAYS.between(issued, today);
		if (fate < 6) {
			pay(bill, (fate < 4) ? amount : amount.divide(BigDecimal.valueOf(3), 2, java.math.RoundingMode.DOWN),
					issued.plusDays(this.random.nextLong(days + 1)));
		}
		if (fate == 6) {
			adjust(bill, "WAIVER", new BigDecimal("2.00"), issued.plusDays(this.random.nextLong(days + 1)));
		}
	}

	private void pay(long bill, BigDecimal amount, LocalDate day) {
		long room = this.jdbc.sql("SELECT room_id FROM bill WHERE id = ?").param(bill).query(Long.class).single();
		long payment = this.jdbc
			.sql("""
					INSERT INTO payment (community_id, room_id, amount, method, channel, reference, actor, created_at, value_date)
					VALUES (?, ?, ?, 'PREPAID', 'AUTO', 'test', 'test', now(), ?) RETURNING id""")
			.params(this.community, room, amount, Date.valueOf(day))
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (?, ?, ?)")
			.params(payment, bill, amount)
			.update();
	}

	private void adjust(long bill, String kind, BigDecimal amount, LocalDate day) {
		this.jdbc.sql("""
				INSERT INTO bill_adjustment (bill_id, kind, amount, reason, as_of, created_at)
				VALUES (?, ?, ?, '测试', ?, now())""").params(bill, kind, amount, Date.valueOf(day)).update();
	}

	private void compareFrom(LocalDate first, LocalDate today) {
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			if (day.getDayOfMonth() % 4 != 0 && !day.equals(YearMonth.from(day).atEndOfMonth()) && !day.equals(today)) {
				continue;
			}
			LocalDate asOf = day;
			List<Billing.OverdueBucket> answered = this.statistics.overdueOn(this.community, asOf, ENDS, 1000);
			assertThat(answered).as("arrears on " + asOf).isEqualTo(ledger(asOf));
		}
	}

	/** The same figures straight from the ledger's rows. */
	private List<Billing.OverdueBucket> ledger(LocalDate asOf) {
		Map<Integer, Billing.OverdueBucket> buckets = new TreeMap<>();
		this.jdbc
			.sql("""
					WITH lines AS (
					  SELECT b.room_id, b.due_date,
					         b.amount - coalesce((SELECT sum(a.amount) FROM bill_adjustment a
					                              WHERE a.bill_id = b.id AND a.kind = 'WAIVER' AND a.as_of <= :asOf), 0) AS due,
					         greatest(coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
					                            WHERE pa.bill_id = b.id AND p.value_date <= :asOf), 0)
					                  - coalesce((SELECT sum(ra.amount) FROM refund_allocation ra
					                              WHERE ra.bill_id = b.id AND ra.value_date <= :asOf), 0), 0) AS net
					  FROM bill b WHERE b.community_id = :community AND b.issued_on <= :asOf AND b.due_date < :asOf
					    AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION'
					                    AND a.as_of <= :asOf)
					), places AS (
					  SELECT CASE WHEN :asOf - due_date <= 30 THEN 0 WHEN :asOf - due_date <= 90 THEN 1
					              WHEN :asOf - due_date <= 180 THEN 2 WHEN :asOf - due_date <= 365 THEN 3 ELSE 4 END AS bucket,
					         room_id, sum(due - least(net, due)) AS amount, count(*) AS lines, min(due_date) AS oldest
					  FROM lines WHERE due - least(net, due) > 0 GROUP BY 1, 2
					)
					SELECT p.*, sum(amount) OVER w AS bucket_amount, sum(lines) OVER w AS bucket_lines,
					       count(*) OVER w AS bucket_places
					FROM places p WINDOW w AS (PARTITION BY bucket)
					ORDER BY bucket, amount DESC, room_id""")
			.param("community", this.community)
			.param("asOf", Date.valueOf(asOf))
			.query((rs) -> {
				Billing.OverdueBucket bucket = buckets.computeIfAbsent(rs.getInt("bucket"),
						(b) -> new Billing.OverdueBucket(b, money(rs, "bucket_amount"), integer(rs, "bucket_lines"),
								integer(rs, "bucket_places"), new ArrayList<>()));
				bucket.places()
					.add(new Billing.OverduePlace(rs.getLong("room_id"), null, money(rs, "amount"), rs.getInt("lines"),
							rs.getDate("oldest").toLocalDate()));
			});
		return List.copyOf(buckets.values());
	}

	private static org.linli.shared.Money money(java.sql.ResultSet rs, String column) {
		try {
			return org.linli.shared.Money.of(rs.getBigDecimal(column));
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int integer(java.sql.ResultSet rs, String column) {
		try {
			return rs.getInt(column);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
