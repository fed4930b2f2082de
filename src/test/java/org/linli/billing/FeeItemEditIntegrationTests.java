package org.linli.billing;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A fee item is renamed and its due rule changed without touching what was billed, and it
 * is stopped after a month: never billed after it, never stopped before what was billed.
 */
class FeeItemEditIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Test
	void aFeeItemIsRenamedGivenANewDueRuleAndStoppedAfterAMonth() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String financeUser = createStaff(List.of("FINANCE"), List.of(community));
		String finance = this.api.token(financeUser, "password-123");
		YearMonth now = YearMonth.now(this.clock);
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业服务费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.minusMonths(1).toString()))
			.id();
		new BillingRunner(this.api, this.runs).run(community, finance, now.minusMonths(1), List.of(fee));
		String due = this.api.get("/api/v1/rooms/" + room + "/bills", finance).json().get(0).get("dueDate").asString();

		Api.Response renamed = this.api.put("/api/v1/fee-items/" + fee, finance, Map.of("name", "物业费", "dueDay", 25));
		assertThat(renamed).hasStatus(200);
		assertThat(renamed.json().get("name").asString()).isEqualTo("物业费");
		assertThat(renamed.json().get("dueDay").asInt()).isEqualTo(25);
		JsonNode billed = this.api.get("/api/v1/rooms/" + room + "/bills", finance).json().get(0);
		assertThat(billed.get("feeItemName").asString()).isEqualTo("物业费");
		// a due rule changes lines billed from now on, not those billed
		assertThat(billed.get("dueDate").asString()).isEqualTo(due);
		assertThat(this.api.put("/api/v1/fee-items/" + fee, finance, Map.of("name", " ")).fieldMessage("name"))
			.isNotBlank();

		// not before what was billed; after this month, never again
		Api.Response early = this.api.post("/api/v1/fee-items/" + fee + "/stop", finance,
				Map.of("lastMonth", now.minusMonths(2).toString()));
		assertThat(early).hasStatus(400);
		assertThat(this.api.post("/api/v1/fee-items/" + fee + "/stop", finance, Map.of("lastMonth", now.toString())))
			.hasStatus(200);
		new BillingRunner(this.api, this.runs).run(community, finance, now, List.of(fee));
		assertThat(this.api.post("/api/v1/communities/" + community + "/billing-runs", finance,
				Map.of("period", now.plusMonths(1).toString(), "feeItemIds", List.of(fee))))
			.hasStatus(400);
		assertThat(this.api.get("/api/v1/rooms/" + room + "/bills", finance).json().size()).isEqualTo(2);

		// the page keeps what was typed when refused
		WebSession browser = WebSession.signIn(this.api.base(), financeUser, "password-123");
		assertThat(browser.get("/admin/communities/" + community + "/fee-items").body()).contains("编辑");
		browser.get("/admin/fee-items/" + fee + "/edit");
		HttpResponse<String> refused = browser.postForm("/admin/fee-items/" + fee + "/edit",
				Map.of("name", "物业费（新）", "dueDay", "40", "dueDaysAfterIssue", ""));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("物业费（新）").contains("应在 1 到 31 之间");
	}

	@Test
	void tiersAreNeverDroppedSilently() {
		long community = createCommunity();
		String financeUser = createStaff(List.of("FINANCE"), List.of(community));
		WebSession browser = WebSession.signIn(this.api.base(), financeUser, "password-123");
		String form = "/admin/communities/" + community + "/fee-items/new";
		browser.get(form);
		Map<String, String> metered = new java.util.HashMap<>(
				Map.of("name", "水费", "method", "METERED", "meterType", "WATER", "cycle", "MONTHLY", "dueDay", "15",
						"appliesTo", "ALL_ROOMS", "effectiveFrom", YearMonth.now(this.clock).toString()));
		metered.put("tier1UpTo", "15");
		HttpResponse<String> halfBand = browser.postForm(form, metered);
		assertThat(halfBand).hasStatus(200);
		assertThat(halfBand.body()).contains("同时填写").contains("value=\"15\"");
		metered.put("tier1Price", "3.5");
		metered.put("tierLastPrice", "5");
		metered.put("unitPrice", "4");
		assertThat(browser.postForm(form, metered).body()).contains("二选一");
		metered.remove("unitPrice");
		metered.put("tier2UpTo", "10");
		metered.put("tier2Price", "4");
		assertThat(browser.postForm(form, metered).body()).contains("逐档递增");
		assertThat(this.jdbc.sql("SELECT count(*) FROM fee_item WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single()).isZero();
		metered.put("tier2UpTo", "25");
		assertThat(browser.postForm(form, metered)).hasStatus(302);
		Api.Response api = this.api.post("/api/v1/communities/" + community + "/fee-items",
				this.api.token(financeUser, "password-123"),
				Map.of("name", "电费", "method", "METERED", "meterType", "ELECTRICITY", "cycle", "MONTHLY", "appliesTo",
						"ALL_ROOMS", "effectiveFrom", YearMonth.now(this.clock).toString(), "tiers",
						List.of(Map.of("upTo", "100", "unitPrice", "-1"), Map.of("unitPrice", "1"))));
		assertThat(api).hasStatus(400);
		assertThat(api.fieldMessage("tiers")).contains("第 1 档单价");
	}

	@Test
	void theLateFeeRuleChangesUntilALineOwesALateFee() {
		long community = createCommunity();
		createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		List<String> roles = List.of("FINANCE");
		String finance = staffToken(roles, List.of(community));
		YearMonth now = YearMonth.now(this.clock);
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.toString()))
			.id();
		new BillingRunner(this.api, this.runs).run(community, finance, now, List.of(fee));
		Map<String, Object> rule = Map.of("name", "物业费", "lateFee",
				Map.of("dailyRate", "0.0005", "graceDays", 0, "capAtPrincipal", true));
		Api.Response changed = this.api.put("/api/v1/fee-items/" + fee, finance, rule);
		assertThat(changed).hasStatus(200);
		assertThat(changed.json().get("lateFee").get("dailyRate").asString()).isEqualTo("0.000500");
		// sixty days on, the line owes a late fee under that rule: the rule is kept
		this.clock.setInstant(this.clock.instant().plusSeconds(60L * 86400));
		finance = staffToken(roles, List.of(community));
		Api.Response refused = this.api.put("/api/v1/fee-items/" + fee, finance,
				Map.of("name", "物业费", "lateFee", Map.of("dailyRate", "0.001", "graceDays", 0, "capAtPrincipal", true)));
		assertThat(refused).hasStatus(409);
		assertThat(refused.fieldMessage("lateFee")).contains("新建");
	}

}
