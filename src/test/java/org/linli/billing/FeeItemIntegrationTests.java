package org.linli.billing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class FeeItemIntegrationTests extends IntegrationTest {

	private static final String ELECTRICITY = """
			{"name":"电费","method":"METERED","meterType":"ELECTRICITY","tiers":[{"upTo":240,"unitPrice":"0.4883"},
			{"upTo":400,"unitPrice":"0.5383"},{"upTo":null,"unitPrice":"0.7883"}],"cycle":"MONTHLY","dueDay":15,
			"appliesTo":"ALL_ROOMS","lateFee":{"dailyRate":"0.0005","graceDays":0,"capAtPrincipal":true},"effectiveFrom":"2026-01"}""";

	private static final String PROPERTY_FEE = """
			{"name":"物业费","method":"AREA","area":"BUILDING","unitPrice":"2.50","cycle":"MONTHLY","dueDay":15,
			"appliesTo":"ALL_ROOMS","effectiveFrom":"2026-01"}""";

	private long community;

	private String finance;

	@BeforeEach
	void community() {
		this.community = createCommunity();
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
	}

	@Test
	void theDocumentedShapesWorkAsWritten() {
		Api.Response electricity = this.api.postRaw("/api/v1/communities/" + this.community + "/fee-items",
				this.finance, "application/json", ELECTRICITY);
		assertThat(electricity).hasStatus(201);
		JsonNode json = electricity.json();
		assertThat(json.get("method").asString()).isEqualTo("METERED");
		assertThat(json.get("tiers").size()).isEqualTo(3);
		assertThat(json.get("tiers").get(2).get("upTo").isNull()).isTrue();
		assertThat(json.get("tiers").get(1).get("unitPrice").asString()).isEqualTo("0.5383");
		assertThat(json.get("lateFee").get("dailyRate").asString()).isEqualTo("0.000500");
		assertThat(json.get("effectiveFrom").asString()).isEqualTo("2026-01");
		assertThat(json.get("appliesTo").asString()).isEqualTo("ALL_ROOMS");

		Api.Response property = this.api.postRaw("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				"application/json", PROPERTY_FEE);
		assertThat(property).hasStatus(201);
		assertThat(property.json().get("unitPrice").asString()).isEqualTo("2.5000");
		assertThat(property.json().get("lateFee").isNull()).isTrue();

		long building = createBuilding(this.community, "1栋");
		Map<String, Object> parking = Map.of("name", "公共照明费", "method", "FIXED", "amount", "5.00", "cycle", "QUARTERLY",
				"appliesTo", Map.of("buildingIds", List.of(building)), "effectiveFrom", "2026-01");
		Api.Response fixed = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				parking);
		assertThat(fixed).hasStatus(201);
		assertThat(fixed.json().get("appliesTo").get("buildingIds").get(0).asLong()).isEqualTo(building);

		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", this.finance).json().size())
			.isEqualTo(3);
	}

	@Test
	void aPriceChangeIsANewVersionAndOverlapsAreRefused() {
		long first = this.api
			.postRaw("/api/v1/communities/" + this.community + "/fee-items", this.finance, "application/json",
					PROPERTY_FEE)
			.id();
		Map<String, Object> raise = new HashMap<>(Map.of("name", "物业费", "method", "AREA", "unitPrice", "2.80",
				"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-07"));
		Api.Response second = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				raise);
		assertThat(second).hasStatus(201);
		JsonNode old = this.api.get("/api/v1/fee-items/" + first, this.finance).json();
		assertThat(old.get("effectiveTo").asString()).isEqualTo("2026-06");

		raise.put("effectiveFrom", "2026-03");
		Api.Response overlapping = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				raise);
		assertThat(overlapping).hasStatus(400);
		assertThat(overlapping.fieldMessage("effectiveFrom")).contains("不能重叠");
	}

	@Test
	void badFeeItemsAreRefusedFieldByField() {
		Map<String, Object> negative = Map.of("name", "物业费", "method", "AREA", "unitPrice", "-2.50", "appliesTo",
				"ALL_ROOMS", "effectiveFrom", "2026-01");
		Api.Response refused = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				negative);
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("unitPrice")).isEqualTo("价格不能为负数");

		Map<String, Object> tiers = Map.of("name", "水费", "method", "METERED", "meterType", "WATER", "tiers",
				List.of(Map.of("upTo", 10, "unitPrice", "3"), Map.of("upTo", 5, "unitPrice", "4")), "appliesTo",
				"ALL_ROOMS", "effectiveFrom", "2026-01");
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance, tiers)
			.fieldMessage("tiers")).contains("逐档递增");

		Api.Response missing = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("method", "FIXED"));
		assertThat(missing.fieldMessage("name")).isEqualTo("必填");
		assertThat(missing.fieldMessage("amount")).isEqualTo("必填");
		assertThat(missing.fieldMessage("effectiveFrom")).isEqualTo("必填");
		assertThat(missing.fieldMessage("appliesTo")).isEqualTo("必填");

		Api.Response badMonth = this.api.postRaw("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				"application/json", PROPERTY_FEE.replace("2026-01", "2026-13"));
		assertThat(badMonth).hasStatus(400);
		assertThat(badMonth.fieldMessage("effectiveFrom")).isNotNull();

		Api.Response otherBuilding = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "x", "method", "FIXED", "amount", "1", "appliesTo",
						Map.of("buildingIds", List.of(987654321)), "effectiveFrom", "2026-01"));
		assertThat(otherBuilding.fieldMessage("appliesTo")).contains("987654321");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", this.finance).json().size())
			.isZero();
	}

	@Test
	void onlyFinanceAndManagersOfTheCommunity() {
		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", service)).hasStatus(403);
		String stranger = staffToken(List.of("FINANCE"), List.of(createCommunity()));
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", stranger)).hasStatus(404);
		assertThat(this.api.postRaw("/api/v1/communities/" + this.community + "/fee-items", stranger,
				"application/json", PROPERTY_FEE))
			.hasStatus(404);
		long item = this.api
			.postRaw("/api/v1/communities/" + this.community + "/fee-items", this.finance, "application/json",
					PROPERTY_FEE)
			.id();
		assertThat(this.api.get("/api/v1/fee-items/" + item, stranger)).hasStatus(404);
	}

	@Test
	void theFeeItemPages() {
		String username = createStaff(List.of("FINANCE"), List.of(this.community));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		browser.get("/admin/communities/" + this.community + "/fee-items/new");
		Map<String, String> form = new HashMap<>(Map.of("name", "电费", "method", "METERED", "meterType", "ELECTRICITY",
				"tier1UpTo", "240", "tier1Price", "0.4883", "tier2UpTo", "400", "tier2Price", "0.5383", "tierLastPrice",
				"0.7883", "cycle", "MONTHLY", "dueDay", "15"));
		form.putAll(Map.of("appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-01", "lateFeeOn", "true", "lateDailyRate",
				"0.0005", "lateGraceDays", "0", "lateCap", "true"));
		var saved = browser.postForm("/admin/communities/" + this.community + "/fee-items/new", form);
		assertThat(saved).hasStatus(302);
		var list = browser.get("/admin/communities/" + this.community + "/fee-items");
		assertThat(list.body()).contains("电费").contains("至 240：0.4883").contains("以上：0.7883").contains("每日 0.05%");

		form.put("name", "物业费");
		form.put("method", "AREA");
		form.put("unitPrice", "-1");
		var refused = browser.postForm("/admin/communities/" + this.community + "/fee-items/new", form);
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("价格不能为负数").contains("value=\"物业费\"");

		// late fees ticked without a rate: refused, beside the rate, not saved without
		// late fees
		form.put("unitPrice", "2.50");
		form.put("lateDailyRate", "");
		var noRate = browser.postForm("/admin/communities/" + this.community + "/fee-items/new", form);
		assertThat(noRate).hasStatus(200);
		assertThat(noRate.body()).contains("必填");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", admin()).json())
			.noneSatisfy((item) -> assertThat(item.get("name").asString()).isEqualTo("物业费"));
	}

}
