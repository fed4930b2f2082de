package org.linli.dunning;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.notifications.internal.Deliveries;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Every id-taking endpoint of dunning and notifications refuses staff of another
 * community (404, nothing revealed or changed), roles without the work (403), residents
 * (403) and anonymous callers (401); a resident reads only their own messages.
 */
class DunningAccessIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Autowired
	ApplicationContext context;

	private long theirs;

	private long theirRoom;

	private String ourFinance;

	private String ourFinanceUser;

	private String theirFinance;

	private String resident;

	@BeforeEach
	void twoCommunities() {
		long ours = createCommunity();
		this.theirs = createCommunity();
		this.theirRoom = createRoom(createBuilding(this.theirs, "1栋"), "1单元", 1, "101");
		this.ourFinanceUser = createStaff(List.of("FINANCE", "MANAGER"), List.of(ours));
		this.ourFinance = this.api.token(this.ourFinanceUser, "password-123");
		this.theirFinance = staffToken(List.of("FINANCE"), List.of(this.theirs));
		this.resident = residentToken(this.theirs, this.theirRoom, "OWNER");
		YearMonth last = YearMonth.now(this.clock).minusMonths(2);
		long fee = this.api.post("/api/v1/communities/" + this.theirs + "/fee-items", this.theirFinance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", last.toString()))
			.id();
		// billed on the first of that month, as a run then would have been
		Instant now = this.clock.instant();
		this.clock.set(last.atDay(1), 9, 0);
		new BillingRunner(this.api, this.runs).run(this.theirs, this.theirFinance, last, List.of(fee));
		this.clock.setInstant(now);
	}

	private List<Api.Response> everyEndpoint(String token) {
		String c = "/api/v1/communities/" + this.theirs;
		String r = "/api/v1/rooms/" + this.theirRoom;
		return List.of(this.api.get(c + "/dunning-policy", token),
				this.api.put(c + "/dunning-policy", token,
						Map.of("enabled", true, "firstAfterDays", 1, "everyDays", 1, "maxReminders", 9, "channels",
								List.of("SMS"))),
				this.api.post(c + "/dunning-runs", token, Map.of()), this.api.get(c + "/arrears", token),
				this.api.post(c + "/reminders", token,
						Map.of("roomIds", List.of(this.theirRoom), "channels", List.of("SMS"))),
				this.api.post(c + "/dunning-notices", token, Map.of("roomIds", List.of(this.theirRoom))),
				this.api.get(r + "/reminders", token), this.api.get(r + "/dunning-notes", token),
				this.api.post(r + "/dunning-notes", token, Map.of("kind", "CALL", "note", "x")),
				this.api.get(c + "/notifications", token), this.api.get(c + "/notification-settings", token),
				this.api.put(c + "/notification-settings", token,
						Map.of("quietStart", "00:00", "quietEnd", "23:59", "smsDailyLimit", 50)));
	}

	private long reminders() {
		return this.jdbc.sql("SELECT count(*) FROM dunning_reminder WHERE room_id = ?")
			.param(this.theirRoom)
			.query(Long.class)
			.single();
	}

	@Test
	void staffOfAnotherCommunityGet404EverywhereAndChangeNothing() {
		assertThat(everyEndpoint(this.ourFinance)).allSatisfy((response) -> {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("1栋").doesNotContain("100.00");
		});
		assertThat(reminders()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM dunning_policy WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM notification_settings WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void rolesWithoutTheWorkAndResidentsAre403AndAnonymousCallers401() {
		String technician = staffToken(List.of("TECHNICIAN"), List.of(this.theirs));
		assertThat(everyEndpoint(technician)).allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyEndpoint(this.resident)).allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyEndpoint(null)).allSatisfy((response) -> assertThat(response).hasStatus(401));
		// the front desk reminds and notes, but does not change the policy or run it
		String service = staffToken(List.of("SERVICE"), List.of(this.theirs));
		String c = "/api/v1/communities/" + this.theirs;
		assertThat(this.api.get(c + "/arrears", service)).hasStatus(200);
		assertThat(this.api.put(c + "/dunning-policy", service, Map.of("enabled", true, "firstAfterDays", 1,
				"everyDays", 1, "maxReminders", 9, "channels", List.of("SMS"))))
			.hasStatus(403);
		assertThat(this.api.post(c + "/dunning-runs", service, Map.of())).hasStatus(403);
		assertThat(this.api.put(c + "/notification-settings", service,
				Map.of("quietStart", "00:00", "quietEnd", "23:59", "smsDailyLimit", 50)))
			.hasStatus(403);
		assertThat(this.api.post(c + "/reminders", service,
				Map.of("roomIds", List.of(this.theirRoom), "channels", List.of("IN_APP"))))
			.hasStatus(202);
		assertThat(reminders()).isEqualTo(1);
	}

	@Test
	void aResidentReadsOnlyTheirOwnMessagesAndStaffHaveNoInbox() {
		assertThat(this.api.post("/api/v1/communities/" + this.theirs + "/reminders", this.theirFinance,
				Map.of("roomIds", List.of(this.theirRoom), "channels", List.of("IN_APP"))))
			.hasStatus(202);
		Deliveries.deliverNow(this.context);
		long message = this.api.get("/api/v1/me/messages", this.resident)
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
		long otherRoom = createRoom(createBuilding(this.theirs, "2栋"), "1单元", 1, "101");
		String neighbour = residentToken(this.theirs, otherRoom, "OWNER");
		assertThat(this.api.get("/api/v1/me/messages", neighbour).json().get("totalElements").asInt()).isZero();
		assertThat(this.api.post("/api/v1/me/messages/" + message + "/read", neighbour, Map.of())).hasStatus(404);
		assertThat(this.api.get("/api/v1/me/messages", this.theirFinance)).hasStatus(403);
		assertThat(this.api.get("/api/v1/me/messages", null)).hasStatus(401);
	}

	@Test
	void pagesOfAnotherCommunityAre404AndPortalPagesAreTheResidentsOnly() {
		WebSession browser = WebSession.signIn(this.api.base(), this.ourFinanceUser, "password-123");
		for (String path : List.of("/admin/communities/" + this.theirs + "/arrears",
				"/admin/communities/" + this.theirs + "/arrears/export.xlsx",
				"/admin/rooms/" + this.theirRoom + "/reminders", "/admin/communities/" + this.theirs + "/notifications",
				"/admin/communities/" + this.theirs + "/notifications/export.xlsx")) {
			HttpResponse<String> response = browser.get(path);
			assertThat(response).hasStatus(404);
			assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("1栋-1单元-101");
		}
		for (String path : List.of("/admin/communities/" + this.theirs + "/arrears/remind",
				"/admin/communities/" + this.theirs + "/dunning-runs",
				"/admin/communities/" + this.theirs + "/dunning-policy",
				"/admin/rooms/" + this.theirRoom + "/dunning-notes")) {
			HttpResponse<String> response = browser.postForm(path,
					Map.of("roomIds", String.valueOf(this.theirRoom), "channels", "SMS", "kind", "CALL", "note", "x",
							"enabled", "true", "firstAfterDays", "1", "everyDays", "1", "maxReminders", "9"));
			assertThat(response).hasStatus(302, 404);
			assertThat(response.body()).doesNotContain("Exception");
		}
		assertThat(reminders()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM dunning_note WHERE room_id = ?")
			.param(this.theirRoom)
			.query(Long.class)
			.single()).isZero();
		HttpResponse<String> notices = browser.postForm("/admin/communities/" + this.theirs + "/arrears/notices.pdf",
				Map.of("roomIds", String.valueOf(this.theirRoom)));
		assertThat(notices.headers().firstValue("Content-Type").orElse("")).doesNotContain("pdf");
		assertThat(WebSession.anonymous(this.api.base()).get("/admin/communities/" + this.theirs + "/arrears"))
			.hasStatus(302);
		assertThat(browser.get("/portal/messages")).hasStatus(302, 403);
	}

}
