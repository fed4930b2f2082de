package org.linli.billing;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.support.Load;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing run speed (run with {@code ./mvnw -Pbench test}): 100,000 rooms × 4 fee items
 * (two by area, two metered, one of them tiered), against a plain INSERT ... SELECT of as
 * many rows into a table of the same shape, in three rounds ({@code -Dbench.rounds}),
 * each billing another month, the two taking turns going first. Prints the median rows
 * per second of both, their ratio and each round's; the target is a ratio of at least
 * 0.8. No assertion on time: the machines are shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// the benchmark starts the run itself, and the figures its bills make stale are
		// not worked out while it measures (that job would take a core in later rounds)
		properties = { "linli.billing.poll=PT1H", "linli.billing.poll-initial-delay=PT1H",
				"linli.billing.figures-initial-delay=PT1H" })
class BillingRunBenchmark {

	private static final Logger log = LoggerFactory.getLogger(BillingRunBenchmark.class);

	private static final int ROOMS = 100_000;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BillingRuns runs;

	@Test
	void billingRunAgainstPlainInsertSelect() {
		YearMonth period = YearMonth.now(org.linli.shared.Times.zone());
		long community = this.jdbc
			.sql("INSERT INTO community (name, created_at, updated_at) VALUES ('基准小区', now(), now()) RETURNING id")
			.query(Long.class)
			.single();
		long building = this.jdbc.sql("""
				INSERT INTO building (community_id, name, floors, has_elevator, created_at, updated_at)
				VALUES (?, '1栋', 200, TRUE, now(), now()) RETURNING id""").param(community).query(Long.class).single();
		this.jdbc
			.sql("""
					INSERT INTO room (community_id, building_id, floor, number, building_area, usable_area, type, status, handover_date,
					                  created_at, updated_at)
					SELECT ?, ?, 1 + g % 200, 'R' || g, 60.25 + g % 90, round((60.25 + g % 90) * 0.8, 2), 'RESIDENTIAL', 'VACANT',
					       DATE '2020-01-01', now(), now()
					FROM generate_series(1, ?) g""")
			.params(community, building, ROOMS)
			.update();
		long property = item(community, "物业费", "AREA", "BUILDING", "2.5000", null);
		long shared = item(community, "公摊费", "AREA", "USABLE", "0.3500", null);
		long water = item(community, "水费", "METERED", null, "2.9000", "WATER");
		long power = item(community, "电费", "METERED", null, null, "ELECTRICITY");
		this.jdbc.sql("INSERT INTO fee_item_tier VALUES (?, 0, 240, 0.4883), (?, 1, 400, 0.5383), (?, 2, NULL, 0.7883)")
			.params(power, power, power)
			.update();
		// readings for the month before the first round and for each round's month: 1000
		// at first, then 700 more a month and a part that differs by room (the usage
		// from 101 to 1,299, across the power tiers)
		for (String meter : new String[] { "WATER", "ELECTRICITY" }) {
			this.jdbc.sql("""
					INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, usage, created_at)
					SELECT r.id, r.community_id, ?, ?, 1000, NULL, now() FROM room r WHERE r.community_id = ?""")
				.params(meter, Date.valueOf(period.minusMonths(1).atDay(1)), community)
				.update();
			for (int month = 1; month <= ROUNDS; month++) {
				this.jdbc
					.sql("""
							INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, previous, usage, created_at)
							SELECT r.id, r.community_id, :meter, :period, n.reading, p.reading, n.reading - p.reading, now()
							FROM room r
							CROSS JOIN LATERAL (SELECT 1000 + 700 * :month + (r.id * :month) % 600 AS reading) n
							CROSS JOIN LATERAL (SELECT CASE WHEN :month = 1 THEN 1000
							                                ELSE 1000 + 700 * (:month - 1) + (r.id * (:month - 1)) % 600 END AS reading) p
							WHERE r.community_id = :community""")
					.param("meter", meter)
					.param("period", Date.valueOf(period.plusMonths(month - 1).atDay(1)))
					.param("month", month)
					.param("community", community)
					.update();
			}
		}
		this.jdbc.sql("ANALYZE").update();
		this.jdbc.sql("CREATE TABLE bill_bench (LIKE bill INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)")
			.update();

		// each round bills its own month; the run and the plain statement take turns at
		// going first
		String items = property + "," + shared + "," + water + "," + power;
		List<Double> runRates = new ArrayList<>();
		List<Double> plainRates = new ArrayList<>();
		List<Double> sameTableRates = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			YearMonth month = period.plusMonths(round - 1);
			double plain = 0;
			if (round % 2 == 1) {
				plain = plain("bill_bench", month, community);
			}
			double run = run(community, month, items);
			if (round % 2 == 0) {
				plain = plain("bill_bench", month, community);
			}
			// the same rows into the bill table itself, with its keys and checks (in a
			// month no round bills)
			double sameTable = plain("bill", month.plusYears(5), community);
			runRates.add(run);
			plainRates.add(plain);
			sameTableRates.add(sameTable);
			log.info(String.format(
					"Round %d: billing run %,.0f rows/s, plain INSERT...SELECT %,.0f, into bill itself %,.0f", round,
					run, plain, sameTable));
		}

		double runRate = Load.median(runRates, (r) -> r);
		double plainRate = Load.median(plainRates, (r) -> r);
		double sameTableRate = Load.median(sameTableRates, (r) -> r);
		StringBuilder ratios = new StringBuilder();
		for (int i = 0; i < ROUNDS; i++) {
			ratios.append(String.format(" %.2f", runRates.get(i) / plainRates.get(i)));
		}
		log.info(String.format("%n=== Billing run benchmark: %,d rooms x 4 fee items, %d rounds (the medians) ===%n"
				+ "billing run:           %,.0f rows/s%n" + "plain INSERT...SELECT: %,.0f rows/s%n"
				+ "ratio (run / plain):  %.2f (target >= 0.80); in each round:%s%n"
				+ "plain INSERT...SELECT into bill itself (its references checked): %,.0f rows/s; run / that: %.2f",
				ROOMS, ROUNDS, runRate, plainRate, runRate / plainRate, ratios, sameTableRate,
				runRate / sameTableRate));
	}

	/** Bills the month with the run as staff start it; answers its lines per second. */
	private double run(long community, YearMonth month, String items) {
		long run = this.jdbc.sql("""
				INSERT INTO billing_run (community_id, period, fee_item_ids, status, created_at)
				VALUES (?, ?, ?, 'QUEUED', now()) RETURNING id""")
			.params(community, Date.valueOf(month.atDay(1)), items)
			.query(Long.class)
			.single();
		long started = System.nanoTime();
		this.runs.pickUp();
		double seconds = (System.nanoTime() - started) / 1e9;
		long billed = this.jdbc.sql("SELECT count(*) FROM bill WHERE run_id = ?").param(run).query(Long.class).single();
		assertThat(billed).isEqualTo(4L * ROOMS);
		return billed / seconds;
	}

	/**
	 * As many lines for the month written by one INSERT ... SELECT; answers lines per
	 * second.
	 */
	private double plain(String table, YearMonth month, long community) {
		Date day = Date.valueOf(month.atDay(1));
		long started = System.nanoTime();
		long written = this.jdbc.sql("INSERT INTO " + table + """
				 (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
				                        due_date, issued_on, created_at)
				SELECT r.community_id, r.id, f.id, ?, 1, r.building_area, f.unit_price,
				       round(r.building_area * coalesce(f.unit_price, 1), 2), ?, ?, now()
				FROM room r CROSS JOIN fee_item f WHERE r.community_id = ? AND f.community_id = ?""")
			.params(day, day, day, community, community)
			.update();
		double seconds = (System.nanoTime() - started) / 1e9;
		assertThat(written).isEqualTo(4L * ROOMS);
		return written / seconds;
	}

	private long item(long community, String name, String method, String area, String price, String meter) {
		return this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, area_basis, unit_price, meter_type, cycle, due_day, applies_to,
					                      effective_from, created_at)
					VALUES (?, ?, ?, ?, CAST(? AS numeric), ?, 'MONTHLY', 15, 'ALL_ROOMS', ?, now()) RETURNING id""")
			.params(community, name, method, area, price, meter,
					Date.valueOf(YearMonth.now(org.linli.shared.Times.zone()).withMonth(1).atDay(1)))
			.query(Long.class)
			.single();
	}

}
