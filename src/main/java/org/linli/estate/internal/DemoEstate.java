package org.linli.estate.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.linli.shared.Seed;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The estate's share of the demo data, seeded on the first start of an empty database
 * unless {@code LINLI_DEMO_DATA=false}: 阳光花园 with three residential buildings of two
 * units each, a row of shops and parking spaces, and a smaller second community, 翠湖苑.
 * Areas follow common floor plans; statuses are mixed the way a lived-in community's are.
 * Seeded with batched inserts, and fixed by a seed so every newcomer sees the same.
 */
@Component
@Order(50)
class DemoEstate implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoEstate.class);

	/** Common floor plans: building area and usable area (about 80% of it). */
	private static final String[][] PLANS = { { "89.50", "72.30" }, { "118.26", "95.12" }, { "128.36", "103.40" },
			{ "96.80", "78.05" }, { "143.72", "116.90" } };

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoEstate(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		Long communities = this.jdbc.queryForObject("SELECT count(*) FROM community", Long.class);
		if (!this.enabled || communities == null || communities > 0) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> seedAll());
	}

	private void seedAll() {
		Random random = new Random(20261127L);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		long sunshine = community("阳光花园", "浙江省杭州市西湖区文三路 188 号", "邻里物业服务有限公司", "王建国", "0571-88886666", now);
		int rooms = 0;
		for (int b = 1; b <= 3; b++) {
			long building = building(sunshine, b + "栋", 18, true, now);
			rooms += residentialRooms(sunshine, building, 2, 18, 2, random, now);
		}
		long shops = building(sunshine, "商业楼", 2, false, now);
		List<Object[]> shopRows = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			BigDecimal area = new BigDecimal(45 + random.nextInt(60))
				.add(new BigDecimal(random.nextInt(100)).movePointLeft(2));
			shopRows.add(new Object[] { sunshine, shops, null, 1, "S" + (100 + i), area, usable(area), "SHOP",
					(i <= 6) ? "RENTED" : "VACANT", now, now });
		}
		insertRooms(shopRows);
		rooms += shopRows.size();
		List<Object[]> parking = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			String status = (i % 5 == 0) ? "VACANT" : (i % 3 == 0) ? "RENTED" : "SOLD";
			parking.add(new Object[] { sunshine, "B1-" + String.format("%03d", i), "地下一层 " + ((i - 1) / 20 + 1) + " 区",
					"UNDERGROUND", new BigDecimal("13.25"), status, now, now });
		}
		for (int i = 1; i <= 12; i++) {
			parking.add(new Object[] { sunshine, "D-" + String.format("%02d", i), "东门地面", "SURFACE",
					new BigDecimal("12.50"), (i <= 4) ? "RESERVED" : "VACANT", now, now });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO parking_space (community_id, number, location, type, area, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", parking);

		long lake = community("翠湖苑", "浙江省杭州市余杭区五常大道 66 号", "邻里物业服务有限公司", "赵磊", "0571-88887777", now);
		long lakeBuilding = building(lake, "1幢", 6, false, now);
		rooms += residentialRooms(lake, lakeBuilding, 1, 6, 2, random, now);
		log.info("Seeded demo estate: 2 communities, {} rooms, {} parking spaces", rooms, parking.size());
	}

	private int residentialRooms(long community, long building, int units, int floors, int perFloor, Random random,
			Timestamp now) {
		List<Object[]> rows = new ArrayList<>();
		for (int u = 1; u <= units; u++) {
			Long unitId = this.jdbc.queryForObject(
					"INSERT INTO building_unit (building_id, name) VALUES (?, ?) RETURNING id", Long.class, building,
					u + "单元");
			for (int floor = 1; floor <= floors; floor++) {
				for (int n = 1; n <= perFloor; n++) {
					String[] plan = PLANS[(u * perFloor + n + (int) building) % PLANS.length];
					int roll = random.nextInt(100);
					String status = (roll < 62) ? "OCCUPIED"
							: (roll < 78) ? "RENTED" : (roll < 90) ? "VACANT" : (roll < 96) ? "DECORATING" : "UNSOLD";
					rows.add(new Object[] { community, building, unitId, floor, String.format("%d%02d", floor, n),
							new BigDecimal(plan[0]), new BigDecimal(plan[1]), "RESIDENTIAL", status, now, now });
				}
			}
		}
		insertRooms(rows);
		return rows.size();
	}

	/**
	 * Writes the rooms, handed over to their owners three years before the demo starts
	 * (whatever day that is), so the months the demo bills are theirs.
	 */
	private void insertRooms(List<Object[]> rows) {
		Date handover = Date.valueOf(Times.today(this.clock).minusYears(3).withDayOfMonth(1));
		this.jdbc.batchUpdate("""
				INSERT INTO room (community_id, building_id, unit_id, floor, number, building_area, usable_area, type,
				                  status, created_at, updated_at, handover_date)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.stream().map((row) -> {
			Object[] withHandover = Arrays.copyOf(row, row.length + 1);
			withHandover[row.length] = handover;
			return withHandover;
		}).toList());
	}

	private long community(String name, String address, String company, String contact, String phone, Timestamp now) {
		return this.jdbc.queryForObject("""
				INSERT INTO community (name, address, company_name, contact_name, contact_phone, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, name, address, company, contact, phone, now,
				now);
	}

	private long building(long community, String name, int floors, boolean elevator, Timestamp now) {
		return this.jdbc.queryForObject("""
				INSERT INTO building (community_id, name, floors, has_elevator, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, community, name, floors, elevator, now, now);
	}

	private static BigDecimal usable(BigDecimal area) {
		return area.multiply(new BigDecimal("0.82")).setScale(2, RoundingMode.HALF_UP);
	}

}
