package org.linli.billing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.bills.Bills;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linli.support.HttpAssert.assertThat;

class BillingRunIntegrationTests extends IntegrationTest {

	private static final YearMonth NOW = YearMonth.now(Times.zone());

	@Autowired
	BillingRuns runs;

	@Autowired
	Bills bills;

	private long community;

	private long owned;

	private long second;

	private long unread;

	private long propertyFee;

	private long electricity;

	private String finance;

	private String financeUser;

	@BeforeEach
	void aCommunityWithFeesAndReadings() {
		// the first of the month, when the month is billed
		this.clock.set(NOW.atDay(1), 9, 0);
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.owned = createRoom(building, "1单元", 1, "101");
		this.second = room(building, "102", "120.00");
		this.unread = room(building, "103", "60.00");
		this.financeUser = createStaff(List.of("FINANCE"), List.of(this.community));
		this.finance = this.api.token(this.financeUser, "password-123");
		Map<String, Object> owner = new HashMap<>(
				Map.of("name", "付款人", "phone", "1360000" + String.format("%04d", (int) (Math.random() * 10000)),
						"communityId", this.community, "roomId", this.owned, "role", "OWNER", "since",
						NOW.minusMonths(6).atDay(1).toString(), "confirmDuplicate", true));
		assertThat(this.api.post("/api/v1/residents", admin(), owner)).hasStatus(201);
		this.propertyFee = this.api
			.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
					Map.of("name", "物业费", "method", "AREA", "area", "BUILDING", "unitPrice", "2.50", "cycle", "MONTHLY",
							"dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", NOW.minusMonths(6).toString()))
			.id();
		this.electricity = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "电费", "method", "METERED", "meterType", "ELECTRICITY", "tiers",
						List.of(Map.of("upTo", 240, "unitPrice", "0.4883"), Map.of("upTo", 400, "unitPrice", "0.5383"),
								mapOf("upTo", null, "unitPrice", "0.7883")),
						"cycle", "MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "lateFee",
						Map.of("dailyRate", "0.0005", "graceDays", 0, "capAtPrincipal", true), "effectiveFrom",
						NOW.minusMonths(6).toString()))
			.id();
		reading(this.owned, NOW.minusMonths(1), "1000");
		reading(this.owned, NOW, "1450");
		reading(this.second, NOW.minusMonths(1), "500");
		reading(this.second, NOW, "600");
	}

	@Test
	void aRunBillsEveryRoomOnceAndListsMissingReadings() {
		JsonNode run = runToTheEnd(NOW, List.of(this.propertyFee, this.electricity));
		// progress counts every room for every item: 3 rooms × 2 items, one of them
		// without a reading
		assertThat(run.get("total").asInt()).isEqualTo(6);
		assertThat(run.get("processed").asInt()).isEqualTo(6);
		assertThat(run.get("billed").asInt()).isEqualTo(5);
		assertThat(run.get("missing").size()).isEqualTo(1);
		assertThat(run.get("missing").get(0).get("roomId").asLong()).isEqualTo(this.unread);
		assertThat(run.get("missing").get(0).get("meterType").asString()).isEqualTo("ELECTRICITY");

		JsonNode lines = this.api.get("/api/v1/rooms/" + this.owned + "/bills", this.finance).json();
		assertThat(lines.size()).isEqualTo(2);
		JsonNode property = find(lines, "物业费");
		assertThat(property.get("amount").asString()).isEqualTo("223.75");
		assertThat(property.get("quantity").asString()).isEqualTo("89.500");
		assertThat(property.get("status").asString()).isEqualTo("UNPAID");
		assertThat(property.get("outstanding").asString()).isEqualTo("223.75");
		assertThat(property.get("paid").asString()).isEqualTo("0.00");
		assertThat(property.get("lateFee").asString()).isEqualTo("0.00");
		assertThat(property.get("dueDate").asString()).isEqualTo(NOW.atDay(15).toString());
		assertThat(property.get("period").asString()).isEqualTo(NOW.toString());
		assertThat(property.get("payerIds").size()).as("the owner pays").isEqualTo(1);
		assertThat(find(this.api.get("/api/v1/rooms/" + this.second + "/bills", this.finance).json(), "物业费")
			.get("payerIds")
			.size()).as("no owner on record").isZero();
		JsonNode power = find(lines, "电费");
		assertThat(power.get("amount").asString()).isEqualTo("242.74");
		assertThat(power.get("tiers").size()).isEqualTo(3);
		assertThat(power.get("tiers").get(0).get("amount").asString()).isEqualTo("117.1920");
		assertThat(power.get("tiers").get(2).get("quantity").asString()).isEqualTo("50");
		assertThat(power.get("tiers").get(2).get("unitPrice").asString()).isEqualTo("0.7883");

		JsonNode rerun = runToTheEnd(NOW, List.of(this.propertyFee, this.electricity));
		assertThat(rerun.get("billed").asInt()).isZero();
		assertThat(rerun.get("skipped").asInt()).isEqualTo(5);
		assertThat(billCount()).isEqualTo(5);

		reading(this.unread, NOW.minusMonths(1), "10");
		reading(this.unread, NOW, "30");
		JsonNode catchUp = runToTheEnd(NOW, List.of(this.electricity));
		assertThat(catchUp.get("billed").asInt()).isEqualTo(1);
		assertThat(catchUp.get("missing").size()).isZero();
		assertThat(billCount()).isEqualTo(6);
	}

	@Test
	void concurrentRunsNeverBillTwice() throws Exception {
		List<CompletableFuture<Api.Response>> starts = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			starts.add(CompletableFuture
				.supplyAsync(() -> this.api.post("/api/v1/communities/" + this.community + "/billing-runs",
						this.finance,
						Map.of("period", NOW.toString(), "feeItemIds", List.of(this.propertyFee, this.electricity)))));
		}
		for (CompletableFuture<Api.Response> start : starts) {
			Api.Response response = start.get();
			assertThat(response).hasStatus(202);
			waitFor(response.id());
		}
		assertThat(billCount()).isEqualTo(5);
	}

	@Test
	void aRunCutShortByACrashIsResumed() {
		long run = this.jdbc
			.sql("""
					INSERT INTO billing_run (community_id, period, fee_item_ids, status, processed, created_at, started_at, heartbeat_at)
					VALUES (?, ?, ?, 'RUNNING', 1, now(), now(), ?) RETURNING id""")
			.params(this.community, Date.valueOf(NOW.atDay(1)), this.propertyFee,
					Timestamp.from(this.clock.instant().minusSeconds(600)))
			.query(Long.class)
			.single();
		this.runs.pickUp();
		JsonNode resumed = waitFor(run);
		assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(billCount()).isEqualTo(3);
	}

	@Test
	void waiversAndCancellationsAreNewRowsAndMoneyIsNeverEdited() {
		runToTheEnd(NOW, List.of(this.propertyFee));
		long bill = find(this.api.get("/api/v1/rooms/" + this.owned + "/bills", this.finance).json(), "物业费").get("id")
			.asLong();
		Api.Response tooMuch = this.api.post("/api/v1/bills/" + bill + "/waive", this.finance,
				Map.of("amount", "300.00", "reason", "多减"));
		assertThat(tooMuch).hasStatus(400);
		assertThat(tooMuch.fieldMessage("amount")).contains("223.75");
		assertThat(this.api.post("/api/v1/bills/" + bill + "/waive", this.finance, Map.of("amount", "20.00"))
			.fieldMessage("reason")).isEqualTo("必填");
		Api.Response partly = this.api.post("/api/v1/bills/" + bill + "/waive", this.finance,
				Map.of("amount", "23.75", "reason", "维修期间减免"));
		assertThat(partly).hasStatus(200);
		assertThat(partly.json().get("outstanding").asString()).isEqualTo("200.00");
		assertThat(partly.json().get("status").asString()).isEqualTo("UNPAID");
		Api.Response rest = this.api.post("/api/v1/bills/" + bill + "/waive", this.finance,
				Map.of("amount", "200", "reason", "困难户"));
		assertThat(rest.json().get("status").asString()).isEqualTo("WAIVED");
		assertThat(this.api.get("/api/v1/rooms/" + this.owned + "/bills?status=UNPAID", this.finance).json().size())
			.isZero();

		long other = find(this.api.get("/api/v1/rooms/" + this.second + "/bills", this.finance).json(), "物业费").get("id")
			.asLong();
		Api.Response cancelled = this.api.post("/api/v1/bills/" + other + "/cancel", this.finance,
				Map.of("reason", "重复出账"));
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.json().get("outstanding").asString()).isEqualTo("0.00");
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM audit_entry WHERE action IN ('BILL_WAIVED', 'BILL_CANCELLED') AND target_id IN (?, ?)")
			.params(String.valueOf(bill), String.valueOf(other))
			.query(Long.class)
			.single()).isEqualTo(3);

		assertThatThrownBy(() -> this.jdbc.sql("UPDATE bill SET amount = 1 WHERE id = ?").param(bill).update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM bill_adjustment WHERE bill_id = ?").param(bill).update())
			.hasMessageContaining("append-only");
	}

	@Test
	void everyBillNamesAFeeItemThatExistsAndFeeItemsAreKept() {
		long missing = this.jdbc.sql("SELECT max(id) + 1000 FROM fee_item").query(Long.class).single();
		// one statement whose second line names no fee item is refused whole
		assertThatThrownBy(() -> this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, amount, due_date, issued_on,
					                  created_at)
					VALUES (?, ?, ?, DATE '2031-01-01', 1, 1, 1.00, DATE '2031-01-15', DATE '2031-01-01', now()),
					       (?, ?, ?, DATE '2031-01-01', 1, 1, 1.00, DATE '2031-01-15', DATE '2031-01-01', now())""")
			.params(this.community, this.owned, this.propertyFee, this.community, this.second, missing)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("fee item " + missing + ", which does not exist");
		assertThat(billCount()).isZero();
		assertThat(this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, amount, due_date, issued_on,
					                  created_at)
					VALUES (?, ?, ?, DATE '2031-01-01', 1, 1, 1.00, DATE '2031-01-15', DATE '2031-01-01', now())""")
			.params(this.community, this.owned, this.propertyFee)
			.update()).isEqualTo(1);

		// so a fee item a bill names can never go: none is deleted or renumbered, named
		// by a bill or not
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM fee_item WHERE id = ?").param(this.propertyFee).update())
			.hasMessageContaining("fee items are kept");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM fee_item WHERE id = ?").param(this.electricity).update())
			.hasMessageContaining("fee items are kept");
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE fee_item SET id = ? WHERE id = ?")
			.params(missing, this.propertyFee)
			.update()).hasMessageContaining("fee items are kept");
		assertThat(this.jdbc.sql("UPDATE fee_item SET name = name WHERE id = ?").param(this.propertyFee).update())
			.isEqualTo(1);
		assertThat(billCount()).isEqualTo(1);
	}

	@Test
	void lateFeesGrowDayByDayWithoutAnyJobAndEveryReadSeesTheSameFigure() {
		reading(this.unread, NOW.minusMonths(1), "100");
		reading(this.unread, NOW, "300");
		runToTheEnd(NOW, List.of(this.electricity));
		long bill = find(this.api.get("/api/v1/rooms/" + this.unread + "/bills", this.finance).json(), "电费").get("id")
			.asLong();

		// 200 kWh × 0.4883 = 97.66, due on the 15th; 30 days later, at 0.05% a day:
		// 1.4649 → 1.46
		this.clock.set(NOW.atDay(15).plusDays(30), 9, 0);
		JsonNode line = this.api.get("/api/v1/bills/" + bill, this.financeAgain()).json();
		assertThat(line.get("lateFee").asString()).isEqualTo("1.46");
		assertThat(line.get("outstanding").asString()).isEqualTo("99.12");
		assertThat(find(this.api.get("/api/v1/rooms/" + this.unread + "/bills", this.financeAgain()).json(), "电费")
			.get("lateFee")
			.asString()).isEqualTo("1.46");

		// ten days on: 40 days, 1.9532 → 1.95; nothing was written to get there
		this.clock.advanceDays(10);
		line = this.api.get("/api/v1/bills/" + bill, this.financeAgain()).json();
		assertThat(line.get("lateFee").asString()).isEqualTo("1.95");
		assertThat(this.jdbc.sql("SELECT count(*) FROM bill_adjustment WHERE bill_id = ?")
			.param(bill)
			.query(Long.class)
			.single()).isZero();
	}

	/** A fresh token of the finance account, valid at the clock's time. */
	private String financeAgain() {
		return this.api.token(this.financeUser, "password-123");
	}

	@Test
	void badRunRequestsAreRefusedAndNothingIsBilled() {
		Api.Response far = this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", NOW.plusMonths(3).toString(), "feeItemIds", List.of(this.propertyFee)));
		assertThat(far).hasStatus(400);
		assertThat(far.fieldMessage("period")).isEqualTo("期间最晚为下个月");
		long foreign = this.api
			.post("/api/v1/communities/" + createCommunity() + "/fee-items", admin(), Map.of("name", "x", "method",
					"FIXED", "amount", "1", "appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-01"))
			.id();
		Api.Response wrongItem = this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", NOW.toString(), "feeItemIds", List.of(foreign)));
		assertThat(wrongItem.fieldMessage("feeItemIds")).contains(String.valueOf(foreign));
		assertThat(this.api
			.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
					Map.of("period", NOW.toString()))
			.fieldMessage("feeItemIds")).isNotNull();
		assertThat(billCount()).isZero();
	}

	@Test
	void onlyFinanceAndManagersOfTheCommunity() {
		JsonNode run = runToTheEnd(NOW, List.of(this.propertyFee));
		long bill = this.api.get("/api/v1/rooms/" + this.owned + "/bills", this.finance)
			.json()
			.get(0)
			.get("id")
			.asLong();
		String stranger = staffToken(List.of("FINANCE"), List.of(createCommunity()));
		assertThat(this.api.get("/api/v1/billing-runs/" + run.get("id").asLong(), stranger)).hasStatus(404);
		assertThat(this.api.get("/api/v1/rooms/" + this.owned + "/bills", stranger)).hasStatus(404);
		assertThat(this.api.get("/api/v1/bills/" + bill, stranger)).hasStatus(404);
		assertThat(this.api.post("/api/v1/bills/" + bill + "/waive", stranger, Map.of("amount", "1", "reason", "x")))
			.hasStatus(404);
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/billing-runs", stranger,
				Map.of("period", NOW.toString(), "feeItemIds", List.of(this.propertyFee))))
			.hasStatus(404);
		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		assertThat(this.api.get("/api/v1/rooms/" + this.owned + "/bills", service)).hasStatus(403);
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/billing-runs", service,
				Map.of("period", NOW.toString(), "feeItemIds", List.of(this.propertyFee))))
			.hasStatus(403);
	}

	@Test
	void residentsReadTheBillsOfTheirOwnRoomsOnly() {
		runToTheEnd(NOW, List.of(this.propertyFee, this.electricity));
		String phone = "1590000" + String.format("%04d", (int) (Math.random() * 10000));
		long resident = this.api.post("/api/v1/residents", admin(),
				Map.of("name", "租客", "phone", phone, "communityId", this.community, "roomId", this.second, "role",
						"TENANT", "since", NOW.minusMonths(1).atDay(1).toString(), "confirmDuplicate", true))
			.id();
		String code = invite(resident);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "tenant-pass-1"));
		String token = this.api.token(phone, "tenant-pass-1");
		JsonNode mine = this.api.get("/api/v1/me/bills", token).json();
		assertThat(mine.size()).isEqualTo(2);
		mine.forEach((line) -> assertThat(line.get("roomId").asLong()).isEqualTo(this.second));
		assertThat(find(mine, "物业费").get("amount").asString()).isEqualTo("300.00");
		assertThat(this.api.get("/api/v1/rooms/" + this.owned + "/bills", token)).hasStatus(403);
		assertThat(this.api.post("/api/v1/bills/" + mine.get(0).get("id").asLong() + "/waive", token,
				Map.of("amount", "1", "reason", "x")))
			.hasStatus(403);
	}

	@Test
	void theBillingPages() {
		String username = createStaff(List.of("FINANCE"), List.of(this.community));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		String runs = "/admin/communities/" + this.community + "/billing-runs";
		assertThat(browser.get(runs).body()).contains("物业费").contains("电费");
		var preview = browser.postForm(runs + "/preview",
				Map.of("period", NOW.toString(), "feeItemIds", String.valueOf(this.propertyFee)));
		assertThat(preview.body()).contains("出账预览").contains("673.75");
		var started = browser.postForm(runs,
				Map.of("period", NOW.toString(), "feeItemIds", String.valueOf(this.propertyFee)));
		assertThat(started).hasStatus(302);
		String location = started.headers().firstValue("Location").orElseThrow();
		long run = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		waitFor(run);
		assertThat(browser.get("/admin/billing-runs/" + run).body()).contains("已完成").contains("新出账单 3 行");
		var bills = browser.get("/admin/rooms/" + this.owned + "/bills");
		assertThat(bills.body()).contains("物业费").contains("89.5 × 2.5").contains("223.75").contains("未缴");
		long bill = this.api.get("/api/v1/rooms/" + this.owned + "/bills", this.finance)
			.json()
			.get(0)
			.get("id")
			.asLong();
		var waived = browser.postForm("/admin/bills/" + bill + "/waive", Map.of("amount", "3.75", "reason", "尾数减免"));
		assertThat(waived).hasStatus(302);
		assertThat(browser.get("/admin/rooms/" + this.owned + "/bills").body()).contains("已减免 3.75").contains("220.00");
	}

	private JsonNode runToTheEnd(YearMonth period, List<Long> items) {
		Api.Response started = this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", period.toString(), "feeItemIds", items));
		assertThat(started).hasStatus(202);
		return waitFor(started.id());
	}

	private JsonNode waitFor(long run) {
		for (int i = 0; i < 200; i++) {
			JsonNode state = this.api.get("/api/v1/billing-runs/" + run, this.finance).json();
			String status = state.get("status").asString();
			if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
				assertThat(status).isEqualTo("COMPLETED");
				return state;
			}
			this.runs.pickUp();
			sleep();
		}
		throw new AssertionError("The run did not finish");
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long billCount() {
		return this.jdbc.sql("SELECT count(*) FROM bill WHERE community_id = ?")
			.param(this.community)
			.query(Long.class)
			.single();
	}

	private long room(long building, String number, String area) {
		return this.api
			.post("/api/v1/buildings/" + building + "/rooms", admin(),
					Map.of("unit", "1单元", "floor", 1, "number", number, "buildingArea", area))
			.id();
	}

	private void reading(long room, YearMonth period, String value) {
		Api.Response response = this.api.post("/api/v1/meter-readings", this.finance,
				Map.of("roomId", room, "meterType", "ELECTRICITY", "period", period.toString(), "reading", value));
		assertThat(response).hasStatus(201);
	}

	private static JsonNode find(JsonNode lines, String name) {
		for (JsonNode line : lines) {
			if (name.equals(line.get("feeItemName").asString())) {
				return line;
			}
		}
		throw new AssertionError("No line " + name + " in " + lines);
	}

	private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
		Map<String, Object> map = new HashMap<>();
		map.put(k1, v1);
		map.put(k2, v2);
		return map;
	}

}
