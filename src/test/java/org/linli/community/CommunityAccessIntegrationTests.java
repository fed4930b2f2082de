package org.linli.community;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.community.internal.Announcements;
import org.linli.shared.QrCodes;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Who sees what of community life: a notice or an activity for one building reaches its
 * households only; another community's staff get 404 on every id-taking endpoint and a
 * resident of another room cannot act on a registration; hostile rich text is cleaned;
 * publishing notifies the addressees once (urgent ones by SMS too) and each reading marks
 * its household; staff see how many households read.
 */
class CommunityAccessIntegrationTests extends IntegrationTest {

	@Autowired
	Announcements announcements;

	private long community;

	private long one;

	private long two;

	private String staff;

	private String stranger;

	private String inOne;

	private String inTwo;

	private long residentOne;

	private long roomOne;

	@BeforeEach
	void aCommunityWithTwoBuildings() {
		this.community = createCommunity();
		this.one = createBuilding(this.community, "1栋");
		this.two = createBuilding(this.community, "2栋");
		this.staff = staffToken(List.of("SERVICE"), List.of(this.community));
		this.stranger = staffToken(List.of("MANAGER"), List.of(createCommunity()));
		this.roomOne = createRoom(this.one, "1单元", 1, "101");
		this.inOne = residentToken(this.community, this.roomOne, "OWNER");
		this.residentOne = this.jdbc.sql("SELECT resident_id FROM occupancy WHERE room_id = ?")
			.param(this.roomOne)
			.query(Long.class)
			.single();
		this.inTwo = residentToken(this.community, createRoom(this.two, "1单元", 1, "101"), "OWNER");
	}

	private static String at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, Times.zone()).toString();
	}

	@Test
	void aNoticeForOneBuildingReachesItsHouseholdsOnlyAndCountsWhoReadIt() {
		Map<String, Object> body = new HashMap<>();
		body.put("title", "1栋停水通知");
		body.put("body",
				"<p>明天 9:00—15:00 停水</p><script>alert(1)</script><img src=x onerror=alert(2)>"
						+ "<a href=\"javascript:alert(3)\">点我</a><div style=\"position:fixed;inset:0\">覆盖</div>"
						+ "<p onclick=\"steal()\">请储水</p><a href=\"https://example.com/notice\">详情</a>");
		body.put("buildingIds", List.of(this.one));
		body.put("urgent", true);
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/announcements", this.staff,
				body);
		assertThat(created).hasStatus(201);
		long id = created.id();
		String clean = created.json().get("body").asString();
		assertThat(clean).contains("<p>明天 9:00—15:00 停水</p>", "请储水", "https://example.com/notice", "覆盖");
		assertThat(clean.toLowerCase()).doesNotContain("<script", "onerror", "onclick", "javascript:", "style=",
				"position:fixed", "<img", "<div");

		// the publishing job tells building 1's households, once, in the app and by SMS
		assertThat(this.announcements.notifyDue()).isEqualTo(1);
		assertThat(this.announcements.notifyDue()).isZero();
		assertThat(this.jdbc
			.sql("SELECT string_agg(channel, ',' ORDER BY channel) FROM notification "
					+ "WHERE subject = ? AND recipient_kind = 'RESIDENT'")
			.param("announcement:" + id)
			.query(String.class)
			.single()).isEqualTo("IN_APP,SMS");

		JsonNode mine = this.api.get("/api/v1/me/announcements", this.inOne).json();
		assertThat(mine.get("totalElements").asInt()).isEqualTo(1);
		assertThat(mine.get("content").get(0).get("read").asBoolean()).isFalse();
		assertThat(this.api.get("/api/v1/me/announcements", this.inTwo).json().get("totalElements").asInt()).isZero();
		assertThat(this.api.get("/api/v1/me/announcements/" + id, this.inTwo)).hasStatus(404);

		assertThat(this.api.get("/api/v1/announcements/" + id, this.staff).json().get("readHouseholds").asInt())
			.isZero();
		assertThat(this.api.get("/api/v1/me/announcements/" + id, this.inOne)).hasStatus(200);
		assertThat(this.api.get("/api/v1/me/announcements/" + id, this.inOne)).hasStatus(200);
		JsonNode read = this.api.get("/api/v1/announcements/" + id, this.staff).json();
		assertThat(read.get("readHouseholds").asInt()).isEqualTo(1);
		assertThat(read.get("households").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/announcements", this.inOne)
			.json()
			.get("content")
			.get(0)
			.get("read")
			.asBoolean()).isTrue();

		// the staff pages show it with its read households and the list counts the
		// households too
		org.linli.support.WebSession console = org.linli.support.WebSession.signIn(this.api.base(),
				createStaff(List.of("SERVICE"), List.of(this.community)), "password-123");
		var page = console.get("/admin/announcements/" + id);
		assertThat(page).hasStatus(200);
		assertThat(page.body()).contains("1 / 1 户").contains("aria-valuenow=\"100\"").doesNotContain("<script>alert");
		assertThat(console.get("/admin/communities/" + this.community + "/announcements").body()).contains("1栋停水通知");
		JsonNode listed = this.api.get("/api/v1/communities/" + this.community + "/announcements", this.staff)
			.json()
			.get("content")
			.get(0);
		assertThat(listed.get("households").asInt()).isEqualTo(1);
		assertThat(listed.get("readHouseholds").asInt()).isEqualTo(1);

		// withdrawn: gone for residents
		assertThat(this.api.post("/api/v1/announcements/" + id + "/withdraw", this.staff, Map.of())).hasStatus(200);
		assertThat(this.api.get("/api/v1/me/announcements/" + id, this.inOne)).hasStatus(404);
	}

	@Test
	void scheduledAndExpiredNoticesAreNotShownAndBadInputNamesItsField() {
		Map<String, Object> later = new HashMap<>();
		later.put("title", "元旦游园会");
		later.put("body", "欢迎参加");
		later.put("publishAt", at(this.clock.instant().plus(Duration.ofDays(2))));
		long id = this.api.post("/api/v1/communities/" + this.community + "/announcements", this.staff, later).id();
		assertThat(this.announcements.notifyDue()).isZero();
		assertThat(this.api.get("/api/v1/me/announcements", this.inOne).json().get("totalElements").asInt()).isZero();
		assertThat(this.api.get("/api/v1/announcements/" + id, this.staff).json().get("state").asString())
			.isEqualTo("SCHEDULED");

		Map<String, Object> bad = new HashMap<>();
		bad.put("title", "");
		bad.put("body", "<script>only()</script>");
		bad.put("buildingIds", List.of(createBuilding(createCommunity(), "外")));
		bad.put("expiresAt", at(this.clock.instant().minus(Duration.ofDays(1))));
		Api.Response refused = this.api.post("/api/v1/communities/" + this.community + "/announcements", this.staff,
				bad);
		assertThat(refused).hasStatus(400);
		for (String field : List.of("title", "body", "buildingIds", "expiresAt")) {
			assertThat(refused.fieldMessage(field)).as(field).isNotEmpty();
		}
	}

	@Test
	void anotherCommunitysStaffAndAnotherRoomsResidentAreRefused() {
		long notice = this.api
			.post("/api/v1/communities/" + this.community + "/announcements", this.staff,
					Map.of("title", "通知", "body", "内容"))
			.id();
		long attachment = this.api
			.upload("/api/v1/announcements/" + notice + "/attachments", this.staff, "a.png", QrCodes.png("a", 40))
			.id();
		Instant start = this.clock.instant().plus(Duration.ofDays(5));
		Map<String, Object> plan = new HashMap<>();
		plan.put("title", "读书会");
		plan.put("place", "会所");
		plan.put("startsAt", at(start));
		plan.put("endsAt", at(start.plus(Duration.ofHours(1))));
		plan.put("registrationDeadline", at(start.minus(Duration.ofDays(1))));
		plan.put("capacity", 10);
		plan.put("perHousehold", 2);
		plan.put("buildingIds", List.of(this.one));
		long activity = this.api.post("/api/v1/communities/" + this.community + "/activities", this.staff, plan).id();
		long registration = this.api
			.post("/api/v1/activities/" + activity + "/registrations", this.inOne,
					Map.of("roomId", this.roomOne, "people", 1))
			.id();

		String c = "/api/v1/communities/" + this.community;
		for (String path : List.of(c + "/announcements", c + "/activities", "/api/v1/announcements/" + notice,
				"/api/v1/announcements/" + notice + "/attachments/" + attachment, "/api/v1/activities/" + activity,
				"/api/v1/activities/" + activity + "/registrations")) {
			assertThat(this.api.get(path, this.stranger)).as(path).hasStatus(404);
		}
		assertThat(this.api.post(c + "/announcements", this.stranger, Map.of("title", "x", "body", "y")))
			.hasStatus(404);
		assertThat(this.api.post(c + "/activities", this.stranger, plan)).hasStatus(404);
		assertThat(this.api.post("/api/v1/announcements/" + notice + "/withdraw", this.stranger, Map.of()))
			.hasStatus(404);
		assertThat(this.api.upload("/api/v1/announcements/" + notice + "/attachments", this.stranger, "b.png",
				QrCodes.png("b", 40)))
			.hasStatus(404);
		assertThat(this.api.put("/api/v1/activities/" + activity, this.stranger, plan)).hasStatus(404);
		assertThat(this.api.post("/api/v1/activities/" + activity + "/cancel", this.stranger, Map.of("reason", "x")))
			.hasStatus(404);
		assertThat(this.api.delete("/api/v1/registrations/" + registration, this.stranger)).hasStatus(404);
		assertThat(this.api.post("/api/v1/registrations/" + registration + "/check-in", this.stranger, Map.of()))
			.hasStatus(404);
		String code = this.api.get("/api/v1/me/registrations/" + registration, this.inOne)
			.json()
			.get("checkInCode")
			.asString();
		assertThat(code).hasSize(32);
		assertThat(this.api.post("/api/v1/check-ins", this.stranger, Map.of("code", code))).hasStatus(404);

		// pages: another community's staff get 404 on the workbench, lists and items
		String strangerUser = createStaff(List.of("MANAGER"), List.of(createCommunity()));
		org.linli.support.WebSession browser = org.linli.support.WebSession.signIn(this.api.base(), strangerUser,
				"password-123");
		for (String path : List.of("/admin?communityId=" + this.community,
				"/admin/communities/" + this.community + "/announcements",
				"/admin/communities/" + this.community + "/activities", "/admin/announcements/" + notice,
				"/admin/activities/" + activity, "/admin/activities/" + activity + "/registrations.xlsx",
				"/admin/check-in/" + code)) {
			assertThat(browser.get(path)).as(path).hasStatus(404);
		}
		assertThat(browser.get("/admin")).hasStatus(200);

		// the other building's household sees neither the activity nor the registration
		assertThat(this.api.get("/api/v1/me/activities/" + activity, this.inTwo)).hasStatus(404);
		assertThat(this.api.post("/api/v1/activities/" + activity + "/registrations", this.inTwo,
				Map.of("roomId", this.roomOne, "people", 1)))
			.hasStatus(404);
		assertThat(this.api.get("/api/v1/me/registrations/" + registration, this.inTwo)).hasStatus(404);
		assertThat(this.api.delete("/api/v1/registrations/" + registration, this.inTwo)).hasStatus(404);
		assertThat(this.api.get("/api/v1/me/activities", this.inTwo).json().get("upcoming").size()).isZero();
		// the staff list of registrations never carries a household's check-in code
		assertThat(this.api.get("/api/v1/activities/" + activity + "/registrations", this.staff).body())
			.doesNotContain(code);
		// a resident cannot plan activities, staff cannot register as a household
		assertThat(this.api.post(c + "/activities", this.inOne, plan)).hasStatus(403);
		assertThat(this.api.post("/api/v1/activities/" + activity + "/registrations", this.staff,
				Map.of("roomId", this.roomOne, "people", 1)))
			.hasStatus(403);
		// check-in only on the day (the QR page says so and offers no button)
		assertThat(this.api.post("/api/v1/check-ins", this.staff, Map.of("code", code))).hasStatus(409);
		org.linli.support.WebSession desk = org.linli.support.WebSession.signIn(this.api.base(),
				createStaff(List.of("SERVICE"), List.of(this.community)), "password-123");
		var early = desk.get("/admin/check-in/" + code);
		assertThat(early).hasStatus(200);
		assertThat(early.body()).contains("只能在活动当天签到").doesNotContain("/check-in\" method");
		assertThat(desk.get("/admin/activities/" + activity)).hasStatus(200);
		assertThat(desk.get("/admin/activities/" + activity + "/edit")).hasStatus(200);
		this.clock.setInstant(start.plus(Duration.ofMinutes(10)));
		String staffAgain = staffToken(List.of("SERVICE"), List.of(this.community));
		JsonNode checked = this.api.post("/api/v1/check-ins", staffAgain, Map.of("code", code)).json();
		assertThat(checked.get("checkedInPeople").asInt()).isEqualTo(1);
		assertThat(this.api.post("/api/v1/check-ins", staffAgain, Map.of("code", code))).hasStatus(409);
		assertThat(this.api.get("/api/v1/activities/" + activity, staffAgain).json().get("attended").asInt())
			.isEqualTo(1);
	}

}
