package org.linli.estate;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The staff console through HTTP as a browser uses it: sign-in, forms with CSRF,
 * validation that keeps what was typed, Chinese by default and English when asked.
 */
class EstatePagesIntegrationTests extends IntegrationTest {

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() {
		WebSession anonymous = WebSession.anonymous(this.api.base());
		HttpResponse<String> admin = anonymous.get("/admin");
		assertThat(admin).hasStatus(302);
		assertThat(admin.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		HttpResponse<String> login = anonymous.get("/login");
		assertThat(login).hasStatus(200);
		assertThat(login.body()).contains("物业员工登录").contains("name=\"_csrf\"");
		assertThat(anonymous.get("/somewhere-else")).hasStatus(302, 403, 404);
	}

	@Test
	void wrongPasswordOnTheLoginPageIsAuditedAndShown() {
		String username = createStaff(java.util.List.of("SERVICE"), java.util.List.of());
		WebSession browser = WebSession.anonymous(this.api.base());
		browser.get("/login");
		HttpResponse<String> failed = browser.postForm("/login", Map.of("username", username, "password", "wrong-one"));
		assertThat(failed.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(browser.get("/login?error").body()).contains("用户名或密码不正确");
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor_name = ? AND action = 'LOGIN_FAILED'")
			.param(username)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void homeShowsTheCommunitiesWithTheirCounts() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		this.api.put("/api/v1/rooms/" + room, admin(),
				Map.of("unit", "1单元", "floor", 1, "number", "101", "buildingArea", "89.50", "status", "OCCUPIED"));
		String username = createStaff(java.util.List.of("MANAGER"), java.util.List.of(community));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(browser.get("/admin")).hasStatus(200);
		HttpResponse<String> home = browser.get("/admin/communities");
		assertThat(home).hasStatus(200);
		String name = this.api.get("/api/v1/communities/" + community, admin()).json().get("name").asString();
		assertThat(home.body()).contains(name).contains("入住率 100.0%").contains("已入住");
		assertThat(browser.get("/admin/communities?lang=en").body()).contains("Occupancy 100.0%");
		assertThat(browser.get("/admin/communities").body()).as("the language is remembered").contains("Occupancy");
	}

	@Test
	void aRoomFormWithMistakesKeepsWhatWasTypedAndSavesNothing() {
		long community = createCommunity();
		long building = createBuilding(community, "2栋");
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin/communities/" + community + "/rooms/new");
		Map<String, String> form = new HashMap<>(
				Map.of("buildingId", String.valueOf(building), "unit", "1单元", "floor", "7", "number", "707",
						"buildingArea", "-5", "usableArea", "", "type", "RESIDENTIAL", "status", "VACANT"));
		HttpResponse<String> refused = browser.postForm("/admin/communities/" + community + "/rooms/new", form);
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("必须大于 0").contains("value=\"707\"").contains("value=\"-5\"");
		assertThat(this.jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?")
			.param(building)
			.query(Long.class)
			.single()).isZero();

		form.put("buildingArea", "abc");
		assertThat(browser.postForm("/admin/communities/" + community + "/rooms/new", form).body()).contains("应为数字")
			.contains("value=\"707\"");

		form.put("buildingArea", "96.80");
		HttpResponse<String> saved = browser.postForm("/admin/communities/" + community + "/rooms/new", form);
		assertThat(saved).hasStatus(302);
		HttpResponse<String> list = browser.get("/admin/communities/" + community + "/rooms?buildingId=" + building);
		assertThat(list.body()).contains("707").contains("96.80").contains("空置");

		// editing it with a mistake shows the form again with its building still named
		long room = this.jdbc.sql("SELECT id FROM room WHERE building_id = ?")
			.param(building)
			.query(Long.class)
			.single();
		browser.get("/admin/rooms/" + room + "/edit");
		form.put("floor", "x");
		HttpResponse<String> edited = browser.postForm("/admin/rooms/" + room + "/edit", form);
		assertThat(edited).hasStatus(200);
		assertThat(edited.body()).contains("应为整数").contains("selected=\"selected\">2栋");
	}

	@Test
	void aBuildingIsCreatedThroughItsForm() {
		long community = createCommunity();
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin/communities/" + community + "/buildings/new");
		HttpResponse<String> refused = browser.postForm("/admin/communities/" + community + "/buildings/new",
				Map.of("name", "", "floors", "300"));
		assertThat(refused.body()).contains("必填").contains("应在 1 到 200 之间").contains("value=\"300\"");
		HttpResponse<String> saved = browser.postForm("/admin/communities/" + community + "/buildings/new",
				Map.of("name", "9栋", "floors", "11", "hasElevator", "true"));
		assertThat(saved).hasStatus(302);
		assertThat(browser.get("/admin/communities/" + community).body()).contains("9栋");
	}

	@Test
	void listsAnswerFragmentsToHtmx() {
		long community = createCommunity();
		long building = createBuilding(community, "3栋");
		createRoom(building, "1单元", 1, "101");
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		HttpResponse<String> full = browser.get("/admin/communities/" + community + "/rooms");
		assertThat(full.body()).contains("<nav").contains("id=\"results\"");
	}

	@Test
	void theImportPageReportsEveryProblemRowByRow() throws java.io.IOException {
		long community = createCommunity();
		createBuilding(community, "1栋");
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		assertThat(browser.get("/admin/communities/" + community + "/rooms/import").body()).contains("下载导入模板");
		byte[] file = RoomImportIntegrationTests.workbook(java.util.List
			.of(java.util.List.of("1栋", "1单元", 1, "101", 80), java.util.List.of("2栋", "1单元", 1, "101", -80)));
		HttpResponse<String> report = browser.postMultipart("/admin/communities/" + community + "/rooms/import",
				Map.of(), "rooms.xlsx", file);
		assertThat(report).hasStatus(200);
		assertThat(report.body()).contains("文件共 2 行").contains("本小区没有楼栋“2栋”").contains("必须大于 0");
		HttpResponse<String> broken = browser.postMultipart("/admin/communities/" + community + "/rooms/import",
				Map.of(), "rooms.xlsx", new byte[] { 1, 2 });
		assertThat(broken.body()).contains("不是有效的 .xlsx 文件");
		HttpResponse<String> imported = browser.postMultipart("/admin/communities/" + community + "/rooms/import",
				Map.of(), "rooms.xlsx",
				RoomImportIntegrationTests.workbook(java.util.List.of(java.util.List.of("1栋", "1单元", 1, "101", 80))));
		assertThat(imported).hasStatus(302);
		assertThat(browser.get("/admin/communities/" + community + "/rooms").body()).contains("已导入 1 套房屋");
	}

	@Test
	void signingOutEndsTheSession() {
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin");
		HttpResponse<String> out = browser.postForm("/logout", Map.of());
		assertThat(out.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
		assertThat(browser.get("/admin")).hasStatus(302);
	}

}
