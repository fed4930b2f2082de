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
 * Arrears on any day, whichever way they are answered (from a kept month's end or from
 * what the open lines owe now, less the changes dated in between; the slices not yet
 * brought up to date from the ledger's rows), equal the same figures straight from the
 * ledger's rows: on generated lines of rooms and parking spaces (some places with two
 * lines due the same day), payments dated from a few days before their line to today,
 * waivers, refunds after a payment and a cancellation, some of them recorded after the
 * figures and the months' ends were kept (seeded, so that a failure repeats).
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

	/** The room payments for parking spaces are recorded against. */
	private long payer;

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
		long item = feeItem("物业费");
		long water = feeItem("水费");
		long parking = feeItem("车位费");
		List<Long> spaces = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			spaces.add(this.jdbc.sql("""
					INSERT INTO parking_space (community_id, number, type, status, created_at, updated_at)
					VALUES (?, ?, 'SURFACE', 'SOLD', now(), now()) RETURNING id""")
				.params(this.community, "P" + i)
				.query(Long.class)
				.single());
		}
		this.payer = rooms.get(0);
		for (YearMonth period = YearMonth.of(2025, 10); !period.isAfter(YearMonth.of(2026, 11)); period = period
			.plusMonths(1)) {
			for (long room : rooms) {
				line(room, null, item, period);
				// a second line of the same place and due date every other month
				if (period.getMonthValue() % 2 == 0) {
					line(room, null, water, period);
				}
			}
			for (long space : spaces) {
				line(null, space, parking, period);
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

		// nothing brought up to date: every day from the ledger's rows
		compareFrom(LocalDate.of(2026, 1, 1), today);
		// up to date, the months' ends since the first line kept: a day is worked back
		// from the next of them, or from now
		this.figures.refresh();
		assertThat(kept(LocalDate.of(2025, 9, 30))).isZero();
		assertThat(kept(LocalDate.of(2025, 10, 31))).isOne();
		assertThat(kept(LocalDate.of(2026, 10, 31))).isOne();
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
	void theMonthsEndsAreKeptAndWhatBackDatedChangesOutdatedIsWorkedOutAgain() {
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		this.community = createCommunity();
		long room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		long item = feeItem("物业费");
		long bill = this.jdbc.sql("""
				INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
				                  due_date, issued_on, created_at)
				VALUES (?, ?, ?, DATE '2026-09-01', 1, 1, NULL, 80.00, DATE '2026-09-15', DATE '2026-09-01', now())
				RETURNING id""").params(this.community, room, item).query(Long.class).single();
		// the refresh keeps the months' ends since the community's first line
		this.figures.refresh();
		assertThat(kept(LocalDate.of(2026, 8, 31))).isZero();
		assertThat(kept(LocalDate.of(2026, 9, 30))).isOne();
		assertThat(kept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(this.statistics.keepMonthEnds(null)).as("nothing left to work out").isZero();
		// paid on 20 October, recorded today: the kept day is outdated, its rows left
		// until it is worked out again; September's end stands
		pay(bill, new BigDecimal("80.00"), LocalDate.of(2026, 10, 20));
		assertThat(kept(LocalDate.of(2026, 10, 31))).isZero();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(kept(LocalDate.of(2026, 9, 30))).isOne();
		assertThat(this.statistics.overdueOn(this.community, LocalDate.of(2026, 10, 31), ENDS, 10)).isEmpty();
		// each night every community's are seen to
		assertThat(this.statistics.keepMonthEnds(null)).isPositive();
		assertThat(kept(LocalDate.of(2026, 10, 31))).isOne();
		assertThat(rowsKept(LocalDate.of(2026, 10, 31))).as("it owed nothing then").isZero();
		assertThat(this.statistics.overdueOn(this.community, LocalDate.of(2026, 10, 31), ENDS, 10)).isEmpty();
		assertThat(this.statistics.overdueOn(this.community, LocalDate.of(2026, 10, 19), ENDS, 10)).singleElement()
			.satisfies((bucket) -> assertThat(bucket.amount().amount()).isEqualByComparingTo("80.00"));
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

	private long feeItem(String name) {
		return this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, ?, 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0, DATE '2025-01-01', now()) RETURNING id""")
			.params(this.community, name)
			.query(Long.class)
			.single();
	}

	/** A line of a room or a parking space, issued on the 1st and due on the 15th. */
	private void line(Long room, Long space, long item, YearMonth period) {
		BigDecimal amount = BigDecimal.valueOf(this.random.nextInt(5_000, 30_000), 2);
		long bill = this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, parking_space_id, fee_item_id, period, months, quantity, unit_price,
					                  amount, due_date, issued_on, created_at)
					VALUES (?, ?, ?, ?, ?, 1, 1, NULL, ?, ?, ?, now()) RETURNING id""")
			.params(this.community, room, space, item, Date.valueOf(period.atDay(1)), amount,
					Date.valueOf(period.atDay(15)), Date.valueOf(period.atDay(1)))
			.query(Long.class)
			.single();
		this.bills.add(bill);
		moves(bill, amount, period.atDay(1), this.clock.today());
	}

	/**
	 * Payments (some dated before the line's issue), waivers and refunds on a line, each
	 * dated on a day from a few days before its issue to today.
	 */
	private void moves(long bill, BigDecimal amount, LocalDate issued, LocalDate today) {
		int fate = this.random.nextInt(12);
		long days = java.time.temporal.ChronoUnit.DAYS.between(issued, today);
		LocalDate paid = issued.plusDays(this.random.nextLong(-5, days + 1));
		if (fate < 6) {
			pay(bill, (fate < 4) ? amount : amount.divide(BigDecimal.valueOf(3), 2, java.math.RoundingMode.DOWN), paid);
		}
		if (fate == 6) {
			adjust(bill, "WAIVER", new BigDecimal("2.00"), issued.plusDays(this.random.nextLong(days + 1)));
		}
		if (fate >= 10) {
			// paid, then partly refunded later: what it owes rises again
			long payment = pay(bill, amount, paid);
			refund(bill, payment, BigDecimal.valueOf(this.random.nextInt(100, 3_000), 2),
					paid.plusDays(this.random.nextLong(java.time.temporal.ChronoUnit.DAYS.between(paid, today) + 1)));
		}
	}

	private void refund(long bill, long payment, BigDecimal amount, LocalDate day) {
		long refund = this.jdbc.sql("""
				INSERT INTO refund (community_id, room_id, payment_id, amount, reason, requested_at)
				SELECT community_id, ?, ?, ?, '测试', now() FROM bill WHERE id = ? RETURNING id""")
			.params(this.payer, payment, amount, bill)
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO refund_allocation (refund_id, bill_id, amount, value_date) VALUES (?, ?, ?, ?)")
			.params(refund, bill, amount, Date.valueOf(day))
			.update();
	}

	private long pay(long bill, BigDecimal amount, LocalDate day) {
		long room = this.jdbc.sql("SELECT coalesce(room_id, ?) FROM bill WHERE id = ?")
			.params(this.payer, bill)
			.query(Long.class)
			.single();
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
		return payment;
	}

	private void adjust(long bill, String kind, BigDecimal amount, LocalDate day) {
		this.jdbc.sql("""
				INSERT INTO bill_adjustment (bill_id, kind, amount, reason, as_of, created_at)
				VALUES (?, ?, ?, '测试', ?, now())""").params(bill, kind, amount, Date.valueOf(day)).update();
	}

	private void compareFrom(LocalDate first, LocalDate today) {
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			if (day.getDayOfMonth() % 2 != 0 && !day.equals(YearMonth.from(day).atEndOfMonth()) && !day.equals(today)) {
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
					  SELECT b.room_id, b.parking_space_id, b.due_date,
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
					         room_id, parking_space_id, sum(due - least(net, due)) AS amount, count(*) AS lines,
					         min(due_date) AS oldest
					  FROM lines WHERE due - least(net, due) > 0 GROUP BY 1, 2, 3
					)
					SELECT p.*, sum(amount) OVER w AS bucket_amount, sum(lines) OVER w AS bucket_lines,
					       count(*) OVER w AS bucket_places
					FROM places p WINDOW w AS (PARTITION BY bucket)
					ORDER BY bucket, amount DESC, room_id, parking_space_id""")
			.param("community", this.community)
			.param("asOf", Date.valueOf(asOf))
			.query((rs) -> {
				Billing.OverdueBucket bucket = buckets.computeIfAbsent(rs.getInt("bucket"),
						(b) -> new Billing.OverdueBucket(b, money(rs, "bucket_amount"), integer(rs, "bucket_lines"),
								integer(rs, "bucket_places"), new ArrayList<>()));
				bucket.places()
					.add(new Billing.OverduePlace((Long) rs.getObject("room_id"),
							(Long) rs.getObject("parking_space_id"), money(rs, "amount"), rs.getInt("lines"),
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
