package org.linli.statistics;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.Billing;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Statistics and expenses belong to finance and the managers of their community: staff of
 * another community get 404 on every id-taking endpoint and page, other roles and
 * residents 403, anonymous callers 401; the disclosure is shown to the community's
 * residents only, with figures and no person, room or debt.
 */
class StatisticsAccessIntegrationTests extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	Billing billing;

	private long theirs;

	private long expense;

	private String ourFinanceUser;

	private String ourFinance;

	private String resident;

	private long residentRoom;

	@BeforeEach
	void anExpenseInAnotherCommunity() {
		long ours = createCommunity();
		this.theirs = createCommunity();
		this.residentRoom = createRoom(createBuilding(this.theirs, "1栋"), "1单元", 1, "101");
		this.resident = residentToken(this.theirs, this.residentRoom, "OWNER");
		this.ourFinanceUser = createStaff(List.of("FINANCE", "MANAGER"), List.of(ours));
		this.ourFinance = this.api.token(this.ourFinanceUser, "password-123");
		this.expense = this.api
			.post("/api/v1/communities/" + this.theirs + "/expenses", admin(),
					Map.of("date", LocalDate.now(this.clock).toString(), "category", "OTHER", "amount", "12.34",
							"payee", "秘密收款方"))
			.id();
	}

	private List<Api.Response> everyEndpoint(String token) {
		String c = "/api/v1/communities/" + this.theirs;
		String e = "/api/v1/expenses/" + this.expense;
		return List.of(this.api.get(c + "/stats/collection", token), this.api.get(c + "/stats/arrears-aging", token),
				this.api.get(c + "/stats/income-expense", token), this.api.get(c + "/disclosure", token),
				this.api.get(c + "/expenses", token),
				this.api.post(c + "/expenses", token,
						Map.of("date", LocalDate.now(this.clock).toString(), "category", "OTHER", "amount", "1.00")),
				this.api.get(e, token), this.api.post(e + "/reversal", token, Map.of("reason", "x")),
				this.api.upload(e + "/attachment", token, "a.pdf", "%PDF-1.4 x".getBytes()),
				this.api.download(e + "/attachment", token));
	}

	private long rows() {
		return this.jdbc.sql("SELECT count(*) FROM expense WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single();
	}

	@Test
	void staffOfAnotherCommunityGet404EverywhereAndChangeNothing() {
		assertThat(everyEndpoint(this.ourFinance)).allSatisfy((response) -> {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("秘密收款方");
		});
		assertThat(rows()).isEqualTo(1);
		WebSession browser = WebSession.signIn(this.api.base(), this.ourFinanceUser, "password-123");
		String c = "/admin/communities/" + this.theirs;
		for (String path : List.of(c + "/stats/collection", c + "/stats/collection/export.xlsx", c + "/stats/aging",
				c + "/stats/aging/export.xlsx", c + "/stats/income-expense", c + "/stats/income-expense/export.xlsx",
				c + "/expenses", c + "/expenses/export.xlsx", c + "/disclosure",
				"/admin/expenses/" + this.expense + "/attachment")) {
			HttpResponse<String> response = browser.get(path);
			assertThat(response).as(path).hasStatus(404);
			assertThat(response.body()).as(path).doesNotContain("秘密收款方").doesNotContain("Exception");
		}
		for (String path : List.of(c + "/expenses", "/admin/expenses/" + this.expense + "/reversal")) {
			HttpResponse<String> response = browser.postForm(path, Map.of("date", LocalDate.now(this.clock).toString(),
					"category", "OTHER", "amount", "1.00", "reason", "x"));
			assertThat(response).as(path).hasStatus(404);
		}
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void otherRolesAndResidentsAre403AndAnonymousCallers401() {
		String service = staffToken(List.of("SERVICE", "TECHNICIAN"), List.of(this.theirs));
		assertThat(everyEndpoint(service)).allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyEndpoint(this.resident)).allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyEndpoint(null)).allSatisfy((response) -> assertThat(response).hasStatus(401));
		assertThat(rows()).isEqualTo(1);
		// the community's own finance clerk reads and records
		String finance = staffToken(List.of("FINANCE"), List.of(this.theirs));
		assertThat(this.api.get("/api/v1/communities/" + this.theirs + "/stats/collection", finance)).hasStatus(200);
	}

	@Test
	void residentsReadTheirCommunitysDisclosureWithFiguresAndNoPersonOrRoom() {
		long room = createRoom(createBuilding(this.theirs, "8栋"), "2单元", 3, "302");
		String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "公示测试人", "phone", phone, "communityId", this.theirs, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(owner), "password", "owner-pass-1"));
		// the room owes 4321.09 and paid 1234.56 of another line: neither shows
		long item = this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, '物业费', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0, DATE '2020-01-01', now()) RETURNING id""")
			.param(this.theirs)
			.query(Long.class)
			.single();
		LocalDate month = LocalDate.now(this.clock).withDayOfMonth(1);
		for (String amount : List.of("4321.09", "1234.56")) {
			month = month.minusMonths(1);
			this.jdbc.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
					                  due_date, issued_on, created_at)
					VALUES (?, ?, ?, ?, 1, 1, ?, ?, ?, ?, now())""")
				.params(this.theirs, room, item, month, new BigDecimal(amount), new BigDecimal(amount),
						month.plusDays(14), month)
				.update();
		}
		long paid = this.jdbc.sql("SELECT id FROM bill WHERE room_id = ? AND amount = 1234.56")
			.param(room)
			.query(Long.class)
			.single();
		assertThat(this.api.post("/api/v1/payments", admin(),
				Map.of("roomId", room, "amount", "1234.56", "method", "CASH", "billIds", List.of(paid)),
				"Idempotency-Key", java.util.UUID.randomUUID().toString()))
			.hasStatus(201);
		this.billing.refreshFigures();
		WebSession portal = WebSession.anonymous(this.api.base());
		portal.get("/portal/login");
		portal.postForm("/portal/login", Map.of("phone", phone, "password", "owner-pass-1"));
		HttpResponse<String> page = portal.get("/portal/disclosure");
		assertThat(page).hasStatus(200);
		assertThat(page.body()).contains("收支公示")
			.contains("收费项目及标准")
			.doesNotContain("公示测试人")
			.doesNotContain("8栋-2单元-302")
			.doesNotContain("秘密收款方")
			.doesNotContain("4321.09");
		// the figures are there: what was received this year, under its fee item
		assertThat(page.body()).contains("物业费").contains("1234.56");
		long elsewhere = createCommunity();
		assertThat(portal.get("/portal/disclosure?communityId=" + elsewhere)).hasStatus(404);
	}

}
