package org.linli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Unbounded input found in review, tried again: a plan starting in year 1 (100,000 tasks
 * in one request), an absurd meter reading billed to a resident, an absurd price.
 */
class InputBoundsIntegrationTests extends IntegrationTest {

	@Test
	void aMaintenancePlanStartsWithinAYearOfToday() {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		long device = this.api
			.post("/api/v1/communities/" + community + "/equipment", manager,
					Map.of("code", "SB-1", "name", "1号水泵", "category", "WATER", "status", "IN_USE"))
			.id();
		Api.Response ancient = this.api.post("/api/v1/equipment/" + device + "/maintenance-plans", manager,
				Map.of("intervalDays", 1, "checklist", List.of("运行"), "startDate", "0001-01-01"));
		assertThat(ancient).hasStatus(400);
		assertThat(ancient.fieldMessage("startDate")).isNotBlank();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM maintenance_task t JOIN maintenance_plan p ON p.id = t.plan_id "
					+ "WHERE p.equipment_id = ?")
			.param(device)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.api
			.post("/api/v1/equipment/" + device + "/maintenance-plans", manager, Map.of("intervalDays", 100000,
					"checklist", List.of("运行"), "startDate", LocalDate.now(this.clock).toString()))
			.fieldMessage("intervalDays")).isNotBlank();
	}

	@Test
	void anAbsurdReadingOrPriceIsRefusedAndALargeUsageNeedsAConfirmation() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		YearMonth now = YearMonth.now(this.clock);
		assertThat(this.api.post("/api/v1/meter-readings", finance, Map.of("roomId", room, "meterType", "ELECTRICITY",
				"period", now.minusMonths(1).toString(), "reading", "1000")))
			.hasStatus(201);
		Api.Response absurd = this.api.post("/api/v1/meter-readings", finance,
				Map.of("roomId", room, "meterType", "ELECTRICITY", "period", now.toString(), "reading", "99999999999"));
		assertThat(absurd).hasStatus(400);
		assertThat(absurd.fieldMessage("reading")).contains("99999999");
		Api.Response large = this.api.post("/api/v1/meter-readings", finance,
				Map.of("roomId", room, "meterType", "ELECTRICITY", "period", now.toString(), "reading", "30000"));
		assertThat(large).hasStatus(400);
		assertThat(large.fieldMessage("reading")).contains("29000").contains("5000");
		Api.Response confirmed = this.api.post("/api/v1/meter-readings", finance, Map.of("roomId", room, "meterType",
				"ELECTRICITY", "period", now.toString(), "reading", "30000", "confirmLargeUsage", true));
		assertThat(confirmed).hasStatus(201);
		assertThat(confirmed.json().get("flagged").asBoolean()).isTrue();

		Api.Response price = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业费", "method", "AREA", "area", "BUILDING", "unitPrice", "1000000000", "cycle",
						"MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", now.toString()));
		assertThat(price).hasStatus(400);
		assertThat(price.fieldMessage("unitPrice")).isNotBlank();
		Api.Response ancient = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "古费", "method", "FIXED", "amount", "10", "cycle", "MONTHLY", "dueDay", 15, "appliesTo",
						"ALL_ROOMS", "effectiveFrom", "0001-01"));
		assertThat(ancient).hasStatus(400);
		assertThat(ancient.fieldMessage("effectiveFrom")).isNotBlank();
		Api.Response tiers = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "阶梯电费", "method", "METERED", "meterType", "ELECTRICITY", "tiers",
						List.of(Map.of("upTo", "1e30", "unitPrice", "0.5"), Map.of("unitPrice", "1e12")), "cycle",
						"MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", now.toString()));
		assertThat(tiers).hasStatus(400);
		assertThat(tiers.fieldMessage("tiers")).isNotBlank();
		long fee = this.api
			.post("/api/v1/communities/" + community + "/fee-items", finance,
					Map.of("name", "物业费", "method", "FIXED", "amount", "10", "cycle", "MONTHLY", "dueDay", 15,
							"appliesTo", "ALL_ROOMS", "effectiveFrom", now.toString()))
			.id();
		Api.Response run = this.api.post("/api/v1/communities/" + community + "/billing-runs/preview", finance,
				Map.of("period", "0001-01", "feeItemIds", List.of(fee)));
		assertThat(run).hasStatus(400);
		assertThat(run.fieldMessage("period")).isNotBlank();
	}

}
