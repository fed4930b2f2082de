package org.linli.identity;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class StaffApiIntegrationTests extends IntegrationTest {

	@Test
	void adminCreatesStaffWithRolesAndCommunities() {
		long community = createCommunity();
		String username = unique("li.na").toLowerCase();
		Api.Response created = this.api.post("/api/v1/staff", admin(),
				Map.of("username", username, "password", "secret-pass-1", "name", "李娜", "phone", "+86 138 0013 8000",
						"roles", List.of("FINANCE"), "communityIds", List.of(community)));
		assertThat(created).hasStatus(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/staff/" + created.id());
		assertThat(created.json().get("username").asString()).isEqualTo(username);
		assertThat(created.json().get("roles").get(0).asString()).isEqualTo("FINANCE");
		assertThat(created.json().get("communityIds").get(0).asLong()).isEqualTo(community);
		assertThat(created.json().get("phone").asString()).isEqualTo("13800138000");
		assertThat(created.json().has("permissions")).isTrue();

		String stored = this.jdbc.sql("SELECT coalesce(phone_cipher, '') || phone_hash FROM staff_account WHERE id = ?")
			.param(created.id())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("13800138000").doesNotContain("0013");
		String details = this.jdbc
			.sql("SELECT details FROM audit_entry WHERE action = 'STAFF_CREATED' AND target_id = ?")
			.param(String.valueOf(created.id()))
			.query(String.class)
			.single();
		assertThat(details).contains(username).doesNotContain("13800138000");

		String token = this.api.token(username, "secret-pass-1");
		Api.Response visible = this.api.get("/api/v1/communities", token);
		assertThat(visible.json().get("totalElements").asLong()).isEqualTo(1);
		assertThat(visible.json().get("content").get(0).get("id").asLong()).isEqualTo(community);
	}

	@Test
	void badStaffInputIsRefusedFieldByField() {
		Api.Response missing = this.api.post("/api/v1/staff", admin(), Map.of("username", "x"));
		assertThat(missing).hasStatus(400);
		assertThat(missing.fieldMessage("password")).isEqualTo("必填");
		assertThat(missing.fieldMessage("name")).isEqualTo("必填");
		assertThat(missing.fieldMessage("roles")).isEqualTo("至少选择一个角色");

		Api.Response shortPassword = this.api.post("/api/v1/staff", admin(),
				Map.of("username", unique("a"), "password", "short", "name", "张三", "roles", List.of("SERVICE")));
		assertThat(shortPassword).hasStatus(400);
		assertThat(shortPassword.fieldMessage("password")).contains("8");

		Api.Response unknownCommunity = this.api.post("/api/v1/staff", admin(), Map.of("username", unique("b"),
				"password", "long-enough", "name", "张三", "roles", List.of("SERVICE"), "communityIds", List.of(987654)));
		assertThat(unknownCommunity).hasStatus(400);
		assertThat(unknownCommunity.fieldMessage("communityIds")).contains("987654");

		Api.Response badPhone = this.api.post("/api/v1/staff", admin(), Map.of("username", unique("c"), "password",
				"long-enough", "name", "张三", "phone", "12345", "roles", List.of("SERVICE")));
		assertThat(badPhone).hasStatus(400);
		assertThat(badPhone.fieldMessage("phone")).contains("手机");

		Api.Response badRole = this.api.post("/api/v1/staff", admin(),
				Map.of("username", unique("d"), "password", "long-enough", "name", "张三", "roles", List.of("KING")));
		assertThat(badRole).hasStatus(400);
		assertThat(badRole.fieldMessage("roles")).isNotNull();

		String taken = createStaff(List.of("SERVICE"), List.of());
		Api.Response duplicate = this.api.post("/api/v1/staff", admin(), Map.of("username", taken.toUpperCase(),
				"password", "long-enough", "name", "张三", "roles", List.of("SERVICE")));
		assertThat(duplicate).hasStatus(409);
		assertThat(duplicate.fieldMessage("username")).contains(taken.toUpperCase());
	}

	@Test
	void onlyAdminsManageStaff() {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		assertThat(this.api.get("/api/v1/staff", manager)).hasStatus(403);
		assertThat(this.api.post("/api/v1/staff", manager,
				Map.of("username", unique("e"), "password", "long-enough", "name", "x", "roles", List.of("ADMIN"))))
			.hasStatus(403);
		assertThat(this.api.get("/api/v1/audit", manager)).hasStatus(403);
	}

	@Test
	void disablingAnAccountEndsItsTokensAndSessions() throws Exception {
		long community = createCommunity();
		String username = createStaff(List.of("MANAGER"), List.of(community));
		String token = this.api.token(username, "password-123");
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(browser.get("/admin")).hasStatus(200);
		long id = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();

		Api.Response disabled = this.api.put("/api/v1/staff/" + id, admin(), Map.of("enabled", false));
		assertThat(disabled).hasStatus(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

		assertThat(this.api.get("/api/v1/communities", token)).hasStatus(401);
		HttpResponse<String> afterDisable = browser.get("/admin");
		assertThat(afterDisable).hasStatus(302);
		assertThat(afterDisable.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", username, "password", "password-123")))
			.hasStatus(401);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'STAFF_DISABLED' AND target_id = ?")
			.param(String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(1);

		Api.Response enabled = this.api.put("/api/v1/staff/" + id, admin(), Map.of("enabled", true));
		assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
		assertThat(this.api.token(username, "password-123")).isNotBlank();
	}

	@Test
	void updatingRolesAndCommunitiesAppliesAtOnce() {
		long first = createCommunity();
		long second = createCommunity();
		String username = createStaff(List.of("SERVICE"), List.of(first));
		String token = this.api.token(username, "password-123");
		assertThat(this.api.get("/api/v1/communities/" + second, token)).hasStatus(404);
		long id = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();

		Api.Response updated = this.api.put("/api/v1/staff/" + id, admin(),
				Map.of("name", "新名字", "roles", List.of("MANAGER"), "communityIds", List.of(second)));
		assertThat(updated).hasStatus(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("新名字");
		assertThat(this.api.get("/api/v1/communities/" + second, token)).hasStatus(200);
		assertThat(this.api.get("/api/v1/communities/" + first, token)).hasStatus(404);
		assertThat(this.api.put("/api/v1/staff/999999", admin(), Map.of("name", "x"))).hasStatus(404);
		String changes = this.jdbc
			.sql("SELECT details FROM audit_entry WHERE action = 'STAFF_UPDATED' AND target_id = ?")
			.param(String.valueOf(id))
			.query(String.class)
			.single();
		assertThat(changes).contains("MANAGER").contains("SERVICE").contains("新名字");
	}

	@Test
	void theAuditLogCanBeFiltered() {
		long community = createCommunity();
		Api.Response page = this.api.get("/api/v1/audit?action=COMMUNITY_CREATED&actor=admin", admin());
		assertThat(page).hasStatus(200);
		assertThat(page.json().get("content").size()).isGreaterThan(0);
		page.json().get("content").forEach((entry) -> {
			assertThat(entry.get("action").asString()).isEqualTo("COMMUNITY_CREATED");
			assertThat(entry.get("actorName").asString()).isEqualTo("admin");
		});
		assertThat(page.json().get("content").get(0).get("targetId").asString()).isEqualTo(String.valueOf(community));
	}

	@Test
	void theAuditLogRefusesChanges() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM audit_entry").update())
			.hasMessageContaining("append-only");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.jdbc.sql("UPDATE audit_entry SET action = 'X'").update())
			.hasMessageContaining("append-only");
	}

}
