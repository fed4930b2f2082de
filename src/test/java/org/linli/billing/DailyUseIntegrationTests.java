package org.linli.billing;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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
 * Daily use at the desk and in finance: a line issued by mistake is voided from the bill
 * page, the payer is filled in, a room is found by its code as people type it, a payment
 * order holds exactly the ticked lines and says so when its lines were paid elsewhere,
 * and the receipt names who collected.
 */
class DailyUseIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	private long community;

	private long room;

	private String financeUser;

	private String finance;

	private String phone;

	private List<Long> lines;

	@BeforeEach
	void aRoomWithTwoMonthsBilled() {
		this.community = this.api.post("/api/v1/communities", admin(),
				Map.of("name", unique("小区"), "address", "测试路 2 号", "companyName", "邻里物业服务有限公司", "contactPhone",
						"021-62345678", "bankAccount", "工商银行测试支行 户名 邻里物业 账号 6222000011112222"))
			.id();
		this.room = createRoom(createBuilding(this.community, "3栋"), "2单元", 12, "1201");
		this.financeUser = createStaff(List.of("FINANCE"), List.of(this.community));
		this.finance = this.api.token(this.financeUser, "password-123");
		this.phone = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api.post("/api/v1/residents", admin(),
				Map.of("name", "钱业主", "phone", this.phone, "communityId", this.community, "roomId", this.room, "role",
						"OWNER", "since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", this.phone, "code", invite(owner), "password", "owner-pass-1"));
		YearMonth now = YearMonth.now(this.clock);
		long fee = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 28,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.minusMonths(1).toString()))
			.id();
		BillingRunner runner = new BillingRunner(this.api, this.runs);
		runner.run(this.community, this.finance, now.minusMonths(1), List.of(fee));
		runner.run(this.community, this.finance, now, List.of(fee));
		this.lines = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance)
			.json()
			.valueStream()
			.map((b) -> b.get("id").asLong())
			.sorted()
			.toList();
		assertThat(this.lines).hasSize(2);
	}

	@Test
	void aLineIssuedByMistakeIsVoidedFromTheBillPageWithAReason() {
		WebSession desk = WebSession.signIn(this.api.base(), this.financeUser, "password-123");
		String page = desk.get("/admin/rooms/" + this.room + "/bills").body();
		assertThat(page).contains("作废开错的账单").contains("钱业主");
		assertThat(desk.postForm("/admin/bills/" + this.lines.get(1) + "/cancel", Map.of("reason", " ")))
			.hasStatus(302);
		assertThat(desk.get("/admin/rooms/" + this.room + "/bills").body()).contains("必填");
		assertThat(desk.postForm("/admin/bills/" + this.lines.get(1) + "/cancel", Map.of("reason", "该户已退租，开错")))
			.hasStatus(302);
		assertThat(desk.get("/admin/rooms/" + this.room + "/bills").body()).contains("账单已作废");
		JsonNode voided = this.api.get("/api/v1/bills/" + this.lines.get(1), this.finance).json();
		assertThat(voided.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(voided.get("waived").asString()).isEqualTo("0.00");
		// a voided line stays void: running its period again bills nothing
		new BillingRunner(this.api, this.runs).run(this.community, this.finance, YearMonth.now(this.clock),
				List.of(voided.get("feeItemId").asLong()));
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json().size()).isEqualTo(2);
	}

	@Test
	void theCashierFindsTheRoomAsPeopleTypeItsCode() {
		WebSession desk = WebSession.signIn(this.api.base(), this.financeUser, "password-123");
		for (String code : List.of("3-2-1201", "3栋2单元1201", "3/2/1201", "3 2 1201", "3栋-2单元-1201室")) {
			HttpResponse<String> found = desk.get(
					"/admin/cashier?code=" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(found.statusCode()).as(code).isIn(200, 302);
			String location = found.headers().firstValue("Location").orElse("");
			assertThat(location + found.body()).as(code).contains("/admin/rooms/" + this.room + "/bills");
		}
		// by who lives there: a name for everyone, a number only for those who may see
		// numbers
		HttpResponse<String> byName = desk
			.get("/admin/cashier?code=" + java.net.URLEncoder.encode("钱业", java.nio.charset.StandardCharsets.UTF_8));
		assertThat(byName.headers().firstValue("Location").orElse("")).endsWith("/admin/rooms/" + this.room + "/bills");
		assertThat(desk.get("/admin/cashier?code=" + this.phone).body()).contains("未找到房屋");
		long staffId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(this.financeUser)
			.query(Long.class)
			.single();
		this.api.put("/api/v1/staff/" + staffId, admin(), Map.of("permissions", List.of("PERSONAL_DATA_VIEW")));
		WebSession trusted = WebSession.signIn(this.api.base(), this.financeUser, "password-123");
		// another community's cashier finds nothing here, by any means
		WebSession stranger = WebSession.signIn(this.api.base(),
				createStaff(List.of("FINANCE"), List.of(createCommunity())), "password-123");
		assertThat(stranger.get("/admin/cashier?communityId=" + this.community + "&code="
				+ java.net.URLEncoder.encode("钱业", java.nio.charset.StandardCharsets.UTF_8)))
			.hasStatus(404);
		for (String number : List.of(this.phone, this.phone.substring(7))) {
			assertThat(trusted.get("/admin/cashier?code=" + number).headers().firstValue("Location").orElse(""))
				.as(number)
				.endsWith("/admin/rooms/" + this.room + "/bills");
		}
	}

	@Test
	void anOrderHoldsTheTickedLinesAndSaysSoWhenTheyWerePaidElsewhere() {
		WebSession portal = WebSession.anonymous(this.api.base());
		portal.get("/portal/login");
		portal.postForm("/portal/login", Map.of("phone", this.phone, "password", "owner-pass-1"));
		portal.get("/portal/bills");
		HttpResponse<String> none = portal.postForm("/portal/orders", Map.of("roomId", String.valueOf(this.room)));
		assertThat(none).hasStatus(302);
		assertThat(portal.get("/portal/bills").body()).contains("请勾选要缴的账单");
		HttpResponse<String> ordered = portal.postForm("/portal/orders",
				Map.of("roomId", String.valueOf(this.room), "billIds", String.valueOf(this.lines.get(0))));
		assertThat(ordered).hasStatus(302);
		String order = java.net.URI.create(ordered.headers().firstValue("Location").orElseThrow()).getPath();
		String page = portal.get(order).body();
		assertThat(page).contains("待支付")
			.contains("本缴费单包含")
			.contains("100.00")
			.contains("物业服务中心")
			.contains("6222000011112222");
		// the owner pays that line at the desk without the order
		assertThat(
				this.api.post("/api/v1/payments", this.finance,
						Map.of("roomId", this.room, "amount", "100.00", "method", "CASH", "billIds",
								List.of(this.lines.get(0))),
						"Idempotency-Key", UUID.randomUUID().toString()))
			.hasStatus(201);
		page = portal.get(order).body();
		assertThat(page).contains("已结清").contains("已在其他地方缴清").doesNotContain("待支付");
		String number = page.replaceAll("(?s).*id=\"order-number\">(PO[0-9]+)<.*", "$1");
		Api.Response atDesk = this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", this.room, "amount", "100.00", "method", "CASH", "orderNumber", number),
				"Idempotency-Key", UUID.randomUUID().toString());
		assertThat(atDesk).hasStatus(409);
	}

	@Test
	void theReceiptNamesTheCompanyThatCollectedAndLeavesRoomForItsSeal() throws Exception {
		Api.Response paid = this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", this.room, "amount", "100.00", "method", "CASH"), "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(paid).hasStatus(201);
		byte[] pdf = this.api.download("/api/v1/payments/" + paid.id() + "/receipt.pdf", this.finance).bytes();
		String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf))
			.getTextFromPage(1);
		assertThat(text).contains("收款单位").contains("邻里物业服务有限公司").contains("盖章");
	}

	@Test
	void aCommunitysContactNumberMustBeOne() {
		Api.Response refused = this.api.post("/api/v1/communities", admin(),
				Map.of("name", unique("小区"), "address", "测试路 3 号", "contactPhone", "call us"));
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("contactPhone")).contains("固定电话");
		for (String number : List.of("13812345678", "021-62345678", "62345678", "400-123-4567", "0571-8888888-801")) {
			assertThat(this.api.post("/api/v1/communities", admin(),
					Map.of("name", unique("小区"), "address", "测试路 3 号", "contactPhone", number)))
				.as(number)
				.hasStatus(201);
		}
	}

	@Test
	void emptyListsSaySoAndTheApplicationHasAnIcon() {
		WebSession desk = WebSession.signIn(this.api.base(), this.financeUser, "password-123");
		String empty = desk.get("/admin/communities/" + this.community + "/arrears?minDays=365").body();
		assertThat(empty).contains("没有符合条件的记录").doesNotContain("共 0 条");
		assertThat(desk.get("/admin/cashier?communityId=" + this.community + "&date=2020-01-01").body())
			.contains("当天还没有收费记录");
		HttpResponse<String> icon = WebSession.anonymous(this.api.base()).get("/favicon.ico");
		assertThat(icon).hasStatus(200);
		assertThat(desk.get("/admin").body()).contains("rel=\"icon\"");
	}

	@Test
	void aRefundShowsOnTheResidentsPayment() {
		Api.Response paid = this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", this.room, "amount", "100.00", "method", "CASH"), "Idempotency-Key",
				UUID.randomUUID().toString());
		long refund = this.api
			.post("/api/v1/payments/" + paid.id() + "/refunds", this.finance, Map.of("amount", "40.00", "reason", "多收"))
			.id();
		String manager = staffToken(List.of("MANAGER"), List.of(this.community));
		assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", manager, Map.of())).hasStatus(200);
		WebSession portal = WebSession.anonymous(this.api.base());
		portal.get("/portal/login");
		portal.postForm("/portal/login", Map.of("phone", this.phone, "password", "owner-pass-1"));
		assertThat(portal.get("/portal/bills").body()).contains("已退款 40.00");
	}

}
