package org.linli.billing;

import java.sql.Date;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing run speed (run with {@code ./mvnw -Pbench test}): 100,000 rooms × 4 fee items
 * (two by area, two metered, one of them tiered) for one period, against a plain INSERT
 * ... SELECT of as many rows into a table of the same shape. Prints rows per second for
 * both and their ratio; the target is a ratio of at least 0.5. No assertion on time: the
 * machines are shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "linli.billing.poll=PT1H", "linli.billing.poll-initial-delay=PT1H" })
class BillingRunBenchmark {

	private static final Logger log = LoggerFactory.getLogger(BillingRunBenchmark.class);

	private static final int ROOMS = 100_000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BillingRuns runs;

	@Test
	void billingRunAgainstPlainInsertSelect() {
		YearMonth period = YearMonth.now(org.linli.shared.Times.zone());
		Date current = Date.valueOf(period.atDay(1));
		Date previous = Date.valueOf(period.minusMonths(1).atDay(1));
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
		for (String meter : new String[] { "WATER", "ELECTRICITY" }) {
			this.jdbc.sql("""
					INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, usage, created_at)
					SELECT r.id, r.community_id, ?, ?, 1000, NULL, now() FROM room r WHERE r.community_id = ?""")
				.params(meter, previous, community)
				.update();
			this.jdbc
				.sql("""
						INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, previous, usage, created_at)
						SELECT r.id, r.community_id, ?, ?, 1000 + r.id % 600, 1000, r.id % 600, now() FROM room r WHERE r.community_id = ?""")
				.params(meter, current, community)
				.update();
		}
		this.jdbc.sql("ANALYZE").update();

		long run = this.jdbc.sql("""
				INSERT INTO billing_run (community_id, period, fee_item_ids, status, created_at)
				VALUES (?, ?, ?, 'QUEUED', now()) RETURNING id""")
			.params(community, current, property + "," + shared + "," + water + "," + power)
			.query(Long.class)
			.single();
		long started = System.nanoTime();
		this.runs.pickUp();
		double runSeconds = (System.nanoTime() - started) / 1e9;
		long billed = this.jdbc.sql("SELECT count(*) FROM bill WHERE run_id = ?").param(run).query(Long.class).single();
		assertThat(billed).isEqualTo(4L * ROOMS);

		this.jdbc.sql("CREATE TABLE bill_bench (LIKE bill INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)")
			.update();
		long plainStarted = System.nanoTime();
		long plain = this.jdbc
			.sql("""
					INSERT INTO bill_bench (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
					                        due_date, issued_on, run_id, created_at)
					SELECT r.community_id, r.id, f.id, ?, 1, r.building_area, f.unit_price,
					       round(r.building_area * coalesce(f.unit_price, 1), 2), ?, ?, ?, now()
					FROM room r CROSS JOIN fee_item f WHERE r.community_id = ? AND f.community_id = ?""")
			.params(current, current, current, run, community, community)
			.update();
		double plainSeconds = (System.nanoTime() - plainStarted) / 1e9;
		assertThat(plain).isEqualTo(4L * ROOMS);

		// the same rows into the bill table itself, with its keys, references and checks
		// (another period, so that no line is there already)
		Date next = Date.valueOf(period.plusMonths(1).atDay(1));
		long sameTableStarted = System.nanoTime();
		long sameTable = this.jdbc.sql("""
				INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
				                  due_date, issued_on, run_id, created_at)
				SELECT r.community_id, r.id, f.id, ?, 1, r.building_area, f.unit_price,
				       round(r.building_area * coalesce(f.unit_price, 1), 2), ?, ?, ?, now()
				FROM room r CROSS JOIN fee_item f WHERE r.community_id = ? AND f.community_id = ?""")
			.params(next, next, next, run, community, community)
			.update();
		double sameTableSeconds = (System.nanoTime() - sameTableStarted) / 1e9;

		double runRate = billed / runSeconds;
		double plainRate = plain / plainSeconds;
		log.info(String.format("%n=== Billing run benchmark: %,d rooms x 4 fee items ===%n"
				+ "billing run:          %,d rows in %.2f s = %,.0f rows/s%n"
				+ "plain INSERT...SELECT: %,d rows in %.2f s = %,.0f rows/s%n"
				+ "ratio (run / plain):  %.2f (target >= 0.80)%n"
				+ "plain INSERT...SELECT into bill itself (its references checked): %,d rows in %.2f s = %,.0f rows/s;"
				+ " run / that: %.2f", ROOMS, billed, runSeconds, runRate, plain, plainSeconds, plainRate,
				runRate / plainRate, sameTable, sameTableSeconds, sameTable / sameTableSeconds,
				runRate / (sameTable / sameTableSeconds)));
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
