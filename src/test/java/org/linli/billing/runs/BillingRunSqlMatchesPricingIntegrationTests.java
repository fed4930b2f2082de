package org.linli.billing.runs;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.fees.TierCharge;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The run writes bills in SQL, the preview works them out with {@code Pricing}: for every
 * kind of fee item, with areas and usages drawn at random and usages on and around every
 * band's bounds, both give the same lines, digit for digit — quantity, unit price, every
 * band, amount, months, due date and payers.
 */
class BillingRunSqlMatchesPricingIntegrationTests extends IntegrationTest {

	private static final YearMonth PERIOD = YearMonth.now(org.linli.shared.Times.zone());

	@Autowired
	BillingCalculator calculator;

	@Autowired
	BillingRuns runs;

	@Autowired
	FeeItems feeItems;

	@Autowired
	JsonMapper json;

	@Test
	void everyKindOfItemGivesTheSameLinesBothWays() {
		Random random = new Random(20261127);
		long community = createCommunity();
		long one = createBuilding(community, "1栋");
		long two = createBuilding(community, "2栋");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		List<Long> rooms = new ArrayList<>();
		String[] usages = { "0", "0.001", "239.999", "240", "240.001", "399.5", "400", "400.001", "1234.567" };
		for (int i = 0; i < 40; i++) {
			long building = (i % 3 == 0) ? two : one;
			String area = BigDecimal.valueOf(3000 + random.nextInt(20000), 2).toPlainString();
			Map<String, Object> room = new HashMap<>(Map.of("unit", "1单元", "floor", 1 + i / 4, "number", "R" + i,
					"buildingArea", area, "type", (i % 5 == 0) ? "SHOP" : "RESIDENTIAL"));
			if (i % 2 == 0) {
				room.put("usableArea",
						new BigDecimal(area).multiply(new BigDecimal("0.783"))
							.setScale(2, java.math.RoundingMode.DOWN)
							.toPlainString());
			}
			rooms.add(this.api.post("/api/v1/buildings/" + building + "/rooms", admin(), room).id());
		}
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.post("/api/v1/communities/" + community + "/parking-spaces", admin(),
					Map.of("number", "P" + i)))
				.hasStatus(201);
		}
		for (int i = 0; i < rooms.size(); i++) {
			if (i % 7 == 6) {
				continue; // no reading: listed, not billed
			}
			String usage = (i < usages.length) ? usages[i]
					: BigDecimal.valueOf(random.nextInt(900_000), 3).toPlainString();
			reading(finance, rooms.get(i), "ELECTRICITY", PERIOD.minusMonths(1), "100");
			reading(finance, rooms.get(i), "ELECTRICITY", PERIOD,
					new BigDecimal("100").add(new BigDecimal(usage)).toPlainString());
			reading(finance, rooms.get(i), "WATER", PERIOD.minusMonths(1), "10");
			reading(finance, rooms.get(i), "WATER", PERIOD,
					new BigDecimal("10").add(new BigDecimal(usage).divide(BigDecimal.TEN)).toPlainString());
		}
		String from = PERIOD.minusMonths(12).toString();
		List<Long> items = List.of(
				item(finance, community,
						Map.of("name", "物业费", "method", "AREA", "area", "BUILDING", "unitPrice", "2.4567", "cycle",
								"MONTHLY", "dueDay", 31, "appliesTo", "ALL_ROOMS", "effectiveFrom", from)),
				item(finance, community,
						Map.of("name", "公摊", "method", "AREA", "area", "USABLE", "unitPrice", "0.35", "cycle",
								"QUARTERLY", "dueDaysAfterIssue", 10, "appliesTo", "ALL_ROOMS", "effectiveFrom",
								PERIOD.toString())),
				item(finance, community,
						Map.of("name", "水费", "method", "METERED", "meterType", "WATER", "unitPrice", "4.15", "cycle",
								"MONTHLY", "dueDay", 15, "appliesTo", Map.of("buildingIds", List.of(one)),
								"effectiveFrom", from)),
				item(finance, community,
						Map.of("name", "电费", "method", "METERED", "meterType", "ELECTRICITY", "tiers",
								List.of(Map.of("upTo", 240, "unitPrice", "0.4883"),
										Map.of("upTo", "400", "unitPrice", "0.5383"),
										new HashMap<>(Map.of("unitPrice", "0.7883"))),
								"cycle", "MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", from)),
				item(finance, community,
						Map.of("name", "车位费", "method", "FIXED", "amount", "150.00", "cycle", "YEARLY", "dueDay", 1,
								"appliesTo", "PARKING_SPACES", "effectiveFrom", PERIOD.toString())),
				item(finance, community,
						Map.of("name", "垃圾费", "method", "FIXED", "amount", "8.50", "cycle", "MONTHLY", "dueDay", 20,
								"appliesTo", Map.of("roomTypes", List.of("SHOP")), "effectiveFrom", from)),
				item(finance, community,
						Map.of("name", "装修押金", "method", "ONE_TIME", "amount", "2000.00", "cycle", "MONTHLY", "dueDay",
								20, "appliesTo", Map.of("buildingIds", List.of(two)), "effectiveFrom", from)));

		List<FeeItemView> views = this.feeItems.forRun(community, items);
		BillingCalculator.Plan plan = this.calculator.plan(community, PERIOD, views,
				LocalDate.now(org.linli.shared.Times.zone()));
		long run = this.jdbc.sql("""
				INSERT INTO billing_run (community_id, period, fee_item_ids, status, created_at)
				VALUES (?, ?, ?, 'QUEUED', now()) RETURNING id""")
			.params(community, Date.valueOf(PERIOD.atDay(1)),
					String.join(",", items.stream().map(String::valueOf).toList()))
			.query(Long.class)
			.single();
		this.runs.pickUp();

		Map<String, Map<String, Object>> written = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT room_id, parking_space_id, fee_item_id, months, quantity, unit_price, amount, tiers, due_date, payer_ids
					FROM bill WHERE run_id = ?""")
			.param(run)
			.query((rs, n) -> {
				Map<String, Object> line = new HashMap<>();
				line.put("months", rs.getInt("months"));
				line.put("quantity", rs.getBigDecimal("quantity"));
				line.put("unitPrice", rs.getBigDecimal("unit_price"));
				line.put("amount", rs.getBigDecimal("amount"));
				line.put("tiers", rs.getString("tiers"));
				line.put("due", rs.getDate("due_date").toLocalDate());
				line.put("payers", rs.getString("payer_ids"));
				return written.put(rs.getObject("room_id") + "|" + rs.getObject("parking_space_id") + "|"
						+ rs.getLong("fee_item_id"), line);
			})
			.list();
		assertThat(plan.drafts()).hasSizeGreaterThan(100);
		assertThat(written).hasSameSizeAs(plan.drafts());
		for (BillDraft draft : plan.drafts()) {
			Map<String, Object> line = written
				.get(draft.roomId() + "|" + draft.parkingSpaceId() + "|" + draft.feeItemId());
			assertThat(line).as("line of %s", draft).isNotNull();
			assertThat((BigDecimal) line.get("quantity")).as("quantity of %s", draft)
				.isEqualByComparingTo(draft.charge().quantity());
			if (draft.charge().unitPrice() == null) {
				assertThat(line.get("unitPrice")).isNull();
			}
			else {
				assertThat((BigDecimal) line.get("unitPrice")).isEqualByComparingTo(draft.charge().unitPrice());
			}
			assertThat(line.get("amount")).as("amount of %s", draft).isEqualTo(draft.charge().amount().amount());
			String tiers = (String) line.get("tiers");
			if (draft.charge().tiers().isEmpty()) {
				assertThat(tiers).isNull();
			}
			else {
				// equal records: every band's quantity, price and exact product, with the
				// same scale
				assertThat(this.json.readValue(tiers, new TypeReference<List<TierCharge>>() {
				})).as("tiers of %s", draft).isEqualTo(draft.charge().tiers());
			}
			assertThat(line.get("months")).isEqualTo(draft.months());
			assertThat(line.get("due")).isEqualTo(draft.dueDate());
		}
		assertThat(this.runs.find(run).missing()).hasSameSizeAs(plan.missing()).hasSize(5 + 3);
	}

	private long item(String token, long community, Map<String, Object> body) {
		var response = this.api.post("/api/v1/communities/" + community + "/fee-items", token, body);
		assertThat(response).hasStatus(201);
		return response.id();
	}

	private void reading(String token, long room, String meter, YearMonth period, String value) {
		var response = this.api.post("/api/v1/meter-readings", token,
				Map.of("roomId", room, "meterType", meter, "period", period.toString(), "reading", value));
		assertThat(response).hasStatus(201);
	}

}
