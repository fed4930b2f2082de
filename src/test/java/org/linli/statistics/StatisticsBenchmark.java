package org.linli.statistics;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fee statistics at scale (run with
 * {@code ./mvnw -Pbench test -Dtest=StatisticsBenchmark}): one community of 100,000 rooms
 * in 100 buildings, five years of monthly lines of two fee items (about 12 million) and a
 * payment per room and month settling both (about 10 million allocations), paid up to
 * four months late, the last months partly unpaid. After the figures are built, each
 * report is asked for through the API (median of 5) beside the same figures straight from
 * the ledger's rows by one SQL statement; prints both and their ratio (the target: the
 * report at least 20 times faster, under a second). No assertion on time: the machines
 * are shared. {@code -Dbench.rooms} and {@code -Dbench.months} scale it down.
 */
@TestPropertySource(properties = { "linli.billing.figures-every=PT1H", "linli.billing.figures-initial-delay=PT1H" })
class StatisticsBenchmark extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(StatisticsBenchmark.class);

	private static final int ROOMS = Integer.getInteger("bench.rooms", 100_000);

	private static final int MONTHS = Integer.getInteger("bench.months", 60);

	private static final int BUILDINGS = 100;

	@org.springframework.beans.factory.annotation.Autowired
	org.linli.billing.Billing billing;

	@Test
	void reportsAgainstTheRawLedger() {
		// a day late in a month: the months before it are billed, most paid
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		YearMonth last = YearMonth.of(2026, 11);
		YearMonth first = last.minusMonths(MONTHS - 1);
		long started = System.nanoTime();
		long community = createCommunity();
		this.jdbc.sql("""
				INSERT INTO building (community_id, name, floors, has_elevator, created_at, updated_at)
				SELECT ?, g || '栋', 30, TRUE, now(), now() FROM generate_series(1, ?) g""")
			.params(community, BUILDINGS)
			.update();
		this.jdbc
			.sql("""
					INSERT INTO room (community_id, building_id, floor, number, building_area, usable_area, type, status,
					                  handover_date, created_at, updated_at)
					SELECT ?, b.id, 1 + g % 30, 'R' || g, 60.25 + g % 90, round((60.25 + g % 90) * 0.8, 2), 'RESIDENTIAL', 'VACANT',
					       DATE '2020-01-01', now(), now()
					FROM generate_series(1, ?) g
					JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM building WHERE community_id = ?) b
					  ON b.n = g % ?""")
			.params(community, ROOMS, community, BUILDINGS)
			.update();
		long property = item(community, "物业费");
		long water = item(community, "水费");
		// five years of lines, a year per statement
		for (YearMonth from = first; !from.isAfter(last); from = from.plusMonths(12)) {
			YearMonth to = from.plusMonths(11).isAfter(last) ? last : from.plusMonths(11);
			this.jdbc.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
					                  due_date, issued_on, created_at)
					SELECT r.community_id, r.id, i.id, p::date, 1, 1, NULL,
					       CASE WHEN i.id = :property THEN round(r.building_area * 2.5, 2) ELSE 20 + r.id % 60 END,
					       p::date + 14, p::date, now()
					FROM room r CROSS JOIN fee_item i
					CROSS JOIN generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 month') p
					WHERE r.community_id = :community AND i.community_id = :community""")
				.param("property", property)
				.param("from", Date.valueOf(from.atDay(1)))
				.param("to", Date.valueOf(to.atDay(1)))
				.param("community", community)
				.update();
		}
		// a payment per room and month for both lines, most late by up to four months;
		// the
		// last months' only in part
		this.jdbc
			.sql("""
					INSERT INTO payment (community_id, room_id, amount, method, channel, reference, actor, created_at, value_date)
					SELECT b.community_id, b.room_id, sum(b.amount), 'PREPAID', 'AUTO', to_char(b.period, 'YYYY-MM-DD'), 'bench',
					       now(), least(b.period + (b.room_id % 120)::int, DATE '2026-11-28')
					FROM bill b WHERE b.community_id = ? AND (b.period < DATE '2026-08-01' OR b.room_id % 3 = 0)
					GROUP BY b.community_id, b.room_id, b.period""")
			.param(community)
			.update();
		this.jdbc.sql("""
				INSERT INTO payment_allocation (payment_id, bill_id, amount)
				SELECT p.id, b.id, b.amount FROM payment p
				JOIN bill b ON b.room_id = p.room_id AND b.period = CAST(p.reference AS date)
				WHERE p.community_id = ? AND p.actor = 'bench'""").param(community).update();
		this.jdbc.sql("ANALYZE").update();
		long lines = count("SELECT count(*) FROM bill WHERE community_id = ?", community);
		long allocations = count(
				"""
						SELECT count(*) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE p.community_id = ?""",
				community);
		double loaded = (System.nanoTime() - started) / 1e9;
		long building = System.nanoTime();
		int slices = this.billing.refreshFigures();
		double built = (System.nanoTime() - building) / 1e9;
		long monthEnds = count("SELECT count(*) FROM ledger_owed_snapshot WHERE community_id = ?", community);
		this.jdbc.sql("ANALYZE").update();

		String admin = admin();
		String c = "/api/v1/communities/" + community;
		YearMonth year = YearMonth.of(2026, 1);
		LocalDate monthEnd = LocalDate.of(2026, 10, 31);
		List<String> rows = new ArrayList<>();
		rows.add(row("collection, 12 months", time(() -> get(admin, c + "/stats/collection?from=2026-01&to=2026-12")),
				once(() -> raw(community, year, year.plusMonths(11)))));
		rows.add(row("collection by building, 12 months",
				time(() -> get(admin, c + "/stats/collection?from=2026-01&to=2026-12&by=building")),
				once(() -> raw(community, year, year.plusMonths(11)))));
		rows.add(row("collection by fee item, quarters of 5 years",
				time(() -> get(admin,
						c + "/stats/collection?from=" + first + "&to=" + last + "&groupBy=quarter&by=feeItem")),
				once(() -> raw(community, first, last))));
		rows.add(row("arrears aging today", time(() -> get(admin, c + "/stats/arrears-aging")),
				once(() -> rawAging(community, LocalDate.of(2026, 11, 28)))));
		rows.add(row("arrears aging at last month's end",
				time(() -> get(admin, c + "/stats/arrears-aging?asOf=" + monthEnd)),
				once(() -> rawAging(community, monthEnd))));
		// as if it were not kept yet (a back-dated change outdated it): from now
		this.jdbc.sql("DELETE FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?")
			.params(community, monthEnd)
			.update();
		rows.add(row("arrears aging at last month's end, not kept",
				time(() -> get(admin, c + "/stats/arrears-aging?asOf=" + monthEnd)),
				once(() -> rawAging(community, monthEnd))));
		this.jdbc.sql("INSERT INTO ledger_owed_snapshot (community_id, as_of, taken_at) VALUES (?, ?, now())")
			.params(community, monthEnd)
			.update();
		LocalDate midMonth = LocalDate.of(2026, 10, 20);
		rows.add(row("arrears aging on the 20th of last month",
				time(() -> get(admin, c + "/stats/arrears-aging?asOf=" + midMonth)),
				once(() -> rawAging(community, midMonth))));
		LocalDate lastWeek = LocalDate.of(2026, 11, 21);
		rows.add(row("arrears aging a week ago", time(() -> get(admin, c + "/stats/arrears-aging?asOf=" + lastWeek)),
				once(() -> rawAging(community, lastWeek))));
		LocalDate lastYear = LocalDate.of(2025, 11, 20);
		rows.add(row("arrears aging a year ago", time(() -> get(admin, c + "/stats/arrears-aging?asOf=" + lastYear)),
				once(() -> rawAging(community, lastYear))));
		rows.add(row("income and expense, 2026 by month",
				time(() -> get(admin, c + "/stats/income-expense?year=2026&groupBy=month")),
				once(() -> raw(community, YearMonth.of(2025, 1), YearMonth.of(2026, 12)))));
		rows.add(row("disclosure, Q3 2026", time(() -> get(admin, c + "/disclosure?year=2026&quarter=3")),
				once(() -> raw(community, YearMonth.of(2026, 1), YearMonth.of(2026, 9)))));

		// the manager's workbench (issue 18): every tile of one community, as a signed-in
		// browser fetches it,
		// beside the month's collection and today's arrears straight from the raw rows
		org.linli.support.WebSession console = org.linli.support.WebSession.signIn(this.api.base(), "admin",
				ADMIN_PASSWORD);
		rows.add(row("staff workbench page, manager's tiles", time(() -> {
			assertThat(console.get("/admin?communityId=" + community).statusCode()).isEqualTo(200);
			return null;
		}), once(() -> {
			raw(community, last, last);
			return rawAging(community, LocalDate.of(2026, 11, 28));
		})));

		StringBuilder out = new StringBuilder();
		out.append(String.format(
				"%n=== Statistics benchmark: %,d rooms, %,d lines, %,d allocations (loaded in %.0f s); figures of %d slices built and %d months' ends kept in %.1f s ===%n",
				ROOMS, lines, allocations, loaded, slices, monthEnds, built));
		out.append(String.format("%-48s %10s %12s %8s%n", "report", "report ms", "raw SQL ms", "ratio"));
		rows.forEach(out::append);
		log.info(out.toString());
		assertThat(lines).isEqualTo((long) ROOMS * 2 * MONTHS);
	}

	private long item(long community, String name) {
		return this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, ?, 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0.0005, DATE '2020-01-01', now()) RETURNING id""")
			.params(community, name)
			.query(Long.class)
			.single();
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private Object get(String token, String path) {
		Api.Response response = this.api.get(path, token);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		return response;
	}

	/** The collection's figures straight from the ledger's rows, in one statement. */
	private Object raw(long community, YearMonth from, YearMonth to) {
		return this.jdbc
			.sql("""
					WITH lines AS (
					  SELECT b.id, b.period, r.building_id, b.fee_item_id, b.amount
					         - coalesce((SELECT sum(a.amount) FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'WAIVER'), 0) AS due
					  FROM bill b LEFT JOIN estate_room r ON r.id = b.room_id
					  WHERE b.community_id = :community AND b.period BETWEEN :from AND :to
					), moves AS (
					  SELECT l.id, p.value_date AS day, pa.id AS seq, pa.amount
					  FROM lines l JOIN payment_allocation pa ON pa.bill_id = l.id JOIN payment p ON p.id = pa.payment_id
					), running AS (
					  SELECT m.id, m.amount, sum(m.amount) OVER (PARTITION BY m.id ORDER BY m.day, m.seq) AS total FROM moves m
					), principal AS (
					  SELECT r.id, sum(least(greatest(r.total, 0), l.due) - least(greatest(r.total - r.amount, 0), l.due)) AS paid
					  FROM running r JOIN lines l ON l.id = r.id GROUP BY r.id
					)
					SELECT l.period, l.building_id, l.fee_item_id, sum(l.due) AS receivable, sum(coalesce(p.paid, 0)) AS received
					FROM lines l LEFT JOIN principal p ON p.id = l.id GROUP BY 1, 2, 3""")
			.param("community", community)
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.query()
			.listOfRows();
	}

	/** Overdue principal on a day straight from every line of the community. */
	private Object rawAging(long community, LocalDate asOf) {
		return this.jdbc
			.sql("""
					SELECT CASE WHEN :asOf - b.due_date <= 30 THEN 1 WHEN :asOf - b.due_date <= 90 THEN 2
					            WHEN :asOf - b.due_date <= 180 THEN 3 WHEN :asOf - b.due_date <= 365 THEN 4 ELSE 5 END AS bucket,
					       sum(b.amount - coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
					                                WHERE pa.bill_id = b.id AND p.value_date <= :asOf), 0)) AS owed
					FROM bill b WHERE b.community_id = :community AND b.issued_on <= :asOf AND b.due_date < :asOf
					GROUP BY 1""")
			.param("community", community)
			.param("asOf", Date.valueOf(asOf))
			.query()
			.listOfRows();
	}

	/**
	 * One run of a raw statement, in milliseconds (they take long enough to need no
	 * more).
	 */
	private static double once(Supplier<Object> work) {
		long started = System.nanoTime();
		work.get();
		return (System.nanoTime() - started) / 1e6;
	}

	/** The median of five runs, in milliseconds (after one to warm up). */
	private static double time(Supplier<Object> work) {
		work.get();
		double[] runs = new double[5];
		for (int i = 0; i < runs.length; i++) {
			long started = System.nanoTime();
			work.get();
			runs[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(runs);
		return runs[2];
	}

	private static String row(String name, double report, double raw) {
		return String.format("%-48s %10.1f %12.1f %7.1fx%n", name, report, raw, raw / report);
	}

}
