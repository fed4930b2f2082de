package org.linli.identity;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The attacks on credentials found in review, tried again: parallel guessing of a
 * password or an activation code, locking a user out from elsewhere, old credentials that
 * outlive a password change, a portal account taken over with a code staff saw.
 */
class CredentialsIntegrationTests extends IntegrationTest {

	private List<Api.Response> parallel(int count, IntFunction<Api.Response> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<Api.Response>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				calls.add(pool.submit(() -> call.apply(n)));
			}
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> f : calls) {
				responses.add(f.get());
			}
			return responses;
		}
		finally {
			pool.shutdown();
		}
	}

	private Api.Response signIn(String username, String password, String from) {
		return this.api.post("/api/v1/auth/token", null, Map.of("username", username, "password", password),
				"X-Forwarded-For", from);
	}

	@Test
	void twentyFiveParallelGuessesAreCountedOneByOne() throws Exception {
		String username = createStaff(List.of("FINANCE"), List.of(createCommunity()));
		List<Api.Response> guesses = parallel(25, (i) -> signIn(username, "wrong-guess-" + i, "203.0.113.25"));
		assertThat(guesses.stream().filter((r) -> r.status() == 401).count()).isEqualTo(5);
		assertThat(guesses.stream().filter((r) -> r.status() == 429).count()).isEqualTo(20);
		assertThat(signIn(username, "password-123", "203.0.113.25")).hasStatus(429);
	}

	@Test
	void anAttackerAtOneAddressDoesNotLockTheUserOutElsewhere() {
		String username = createStaff(List.of("FINANCE"), List.of(createCommunity()));
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(username, "wrong-" + i, "203.0.113.7")).hasStatus(401);
		}
		assertThat(signIn(username, "password-123", "203.0.113.7")).hasStatus(429);
		assertThat(signIn(username, "password-123", "198.51.100.20")).hasStatus(200);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'LOGIN_FAILED' AND ip = ?")
			.param("203.0.113.7")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void parallelActivationCodesAreCountedOneByOne() throws Exception {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "孙八", "phone", phone, "communityId", community, "roomId",
					room, "role", "OWNER", "since", "2024-01-01", "confirmDuplicate", true))
			.id();
		String code = invite(resident);
		List<Api.Response> guesses = parallel(25,
				(i) -> this.api.post("/api/v1/portal/activate", null,
						Map.of("phone", phone, "code",
								String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000), "password",
								"resident-pass-1")));
		assertThat(guesses.stream().filter((r) -> r.status() == 400).count()).isEqualTo(5);
		assertThat(guesses.stream().filter((r) -> r.status() == 429).count()).isEqualTo(20);
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "resident-pass-1")))
			.hasStatus(429);
	}

	@Test
	void changingAPasswordEndsEveryTokenAndSigningOutEndsOne() {
		String username = createStaff(List.of("FINANCE"), List.of(createCommunity()));
		String first = this.api.token(username, "password-123");
		String second = this.api.token(username, "password-123");
		String third = this.api.token(username, "password-123");
		assertThat(this.api.post("/api/v1/auth/sign-out", third, Map.of())).hasStatus(204);
		assertThat(this.api.get("/api/v1/communities", third)).hasStatus(401);
		assertThat(this.api.get("/api/v1/communities", first)).hasStatus(200);

		Api.Response wrong = this.api.put("/api/v1/me/password", first,
				Map.of("currentPassword", "not-it", "newPassword", "new-password-456"));
		assertThat(wrong).hasStatus(400);
		assertThat(wrong.fieldMessage("currentPassword")).isNotBlank();
		assertThat(this.api.put("/api/v1/me/password", first,
				Map.of("currentPassword", "password-123", "newPassword", "new-password-456")))
			.hasStatus(204);
		assertThat(this.api.get("/api/v1/communities", first)).hasStatus(401);
		assertThat(this.api.get("/api/v1/communities", second)).hasStatus(401);
		assertThat(signIn(username, "password-123", "198.51.100.30")).hasStatus(401);
		String fresh = this.api.token(username, "new-password-456");

		// an admin setting the password ends the tokens too
		long id = this.api.get("/api/v1/staff?q=" + username, admin()).json().get("content").get(0).get("id").asLong();
		Api.Response staff = this.api.get("/api/v1/staff/" + id, admin());
		Map<String, Object> body = new HashMap<>();
		body.put("name", staff.json().get("name").asString());
		body.put("roles", List.of("FINANCE"));
		body.put("communityIds", List.of());
		body.put("password", "admin-set-789");
		assertThat(this.api.put("/api/v1/staff/" + id, admin(), body)).hasStatus(200);
		assertThat(this.api.get("/api/v1/communities", fresh)).hasStatus(401);
	}

	private WebSession portal(String phone, String password) {
		WebSession browser = WebSession.anonymous(this.api.base());
		browser.get("/portal/login");
		HttpResponse<String> in = browser.postForm("/portal/login", Map.of("phone", phone, "password", password));
		assertThat(in.headers().firstValue("Location").orElse("")).endsWith("/portal");
		assertThat(browser.get("/portal")).hasStatus(200);
		return browser;
	}

	@Test
	void portalSessionsEndWithThePasswordAndWhenStaffDisableTheAccount() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String phone = "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "吴十", "phone", phone, "communityId", community, "roomId",
					room, "role", "OWNER", "since", "2024-01-01", "confirmDuplicate", true))
			.id();
		String code = invite(resident);
		this.api.post("/api/v1/portal/activate", null, Map.of("phone", phone, "code", code, "password", "pass-one-1"));
		WebSession browser = portal(phone, "pass-one-1");
		String token = this.api.token(phone, "pass-one-1");
		assertThat(this.api.put("/api/v1/me/password", token,
				Map.of("currentPassword", "pass-one-1", "newPassword", "pass-two-2")))
			.hasStatus(204);
		assertThat(browser.get("/portal")).hasStatus(302);

		WebSession again = portal(phone, "pass-two-2");
		String pending = invite(resident);
		String service = staffToken(List.of("SERVICE"), List.of(community));
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-account/disable", service, Map.of()))
			.hasStatus(200);
		assertThat(again.get("/portal")).hasStatus(302);
		// a code sent before does not undo it, and no new one is sent while it is off
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", pending, "password", "pass-three-3")))
			.hasStatus(400);
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-invitations", service, Map.of()))
			.hasStatus(400);
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", phone, "password", "pass-two-2")))
			.hasStatus(401);
	}

	@Test
	void staffAndResidentsChangeTheirPasswordOnTheirPages() {
		String username = createStaff(List.of("SERVICE"), List.of(createCommunity()));
		String token = this.api.token(username, "password-123");
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(browser.get("/admin/password").body()).contains("id=\"password-form\"");
		HttpResponse<String> wrong = browser.postForm("/admin/password",
				Map.of("currentPassword", "nope", "newPassword", "page-pass-1", "repeatPassword", "page-pass-1"));
		assertThat(wrong).hasStatus(200);
		assertThat(wrong.body()).contains("alert-danger");
		HttpResponse<String> mismatch = browser.postForm("/admin/password", Map.of("currentPassword", "password-123",
				"newPassword", "page-pass-1", "repeatPassword", "page-pass-2"));
		assertThat(mismatch.body()).contains("is-invalid");
		HttpResponse<String> done = browser.postForm("/admin/password", Map.of("currentPassword", "password-123",
				"newPassword", "page-pass-1", "repeatPassword", "page-pass-1"));
		assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?passwordChanged");
		assertThat(this.api.get("/api/v1/communities", token)).hasStatus(401);
		assertThat(browser.get("/admin")).hasStatus(302);
		assertThat(this.api.token(username, "page-pass-1")).isNotBlank();

		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "郑十一", "phone", phone, "communityId", community,
					"roomId", room, "role", "OWNER", "since", "2024-01-01", "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "portal-pass-1"));
		WebSession mobile = portal(phone, "portal-pass-1");
		assertThat(mobile.get("/portal/password").body()).contains("id=\"password-form\"");
		HttpResponse<String> changed = mobile.postForm("/portal/password", Map.of("currentPassword", "portal-pass-1",
				"newPassword", "portal-pass-2", "repeatPassword", "portal-pass-2"));
		assertThat(changed.headers().firstValue("Location").orElse("")).endsWith("/portal/login?passwordChanged");
		assertThat(mobile.get("/portal")).hasStatus(302);
		assertThat(this.api.token(phone, "portal-pass-2")).isNotBlank();
	}

	@Test
	void controlCharactersInAUsernameAreJustWrongCredentials() {
		assertThat(this.api.postRaw("/api/v1/auth/token", null, "application/json",
				"{\"username\":\"a\\u0000b\",\"password\":\"x\"}"))
			.hasStatus(401);
		WebSession browser = WebSession.anonymous(this.api.base());
		browser.get("/login");
		assertThat(browser.postForm("/login", Map.of("username", "a\u0000b", "password", "x"))).hasStatus(302);
		browser.get("/portal/login");
		assertThat(browser.postForm("/portal/login", Map.of("phone", "1370000\u00000011", "password", "x")))
			.hasStatus(302);
	}

	@Test
	void aPortalAccountCannotBeTakenOverAndAResetEndsTheOldAccess() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String phone = "138" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "周九", "phone", phone, "communityId", community, "roomId",
					room, "role", "OWNER", "since", "2024-01-01", "confirmDuplicate", true))
			.id();
		Api.Response invitation = this.api.post("/api/v1/residents/" + resident + "/portal-invitations", admin(),
				Map.of());
		assertThat(invitation.body()).doesNotContain(invitationCode(resident)).doesNotContain(phone);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invitationCode(resident), "password", "resident-pass-1"));
		String old = this.api.token(phone, "resident-pass-1");
		assertThat(this.api.get("/api/v1/me", old)).hasStatus(200);

		// a second code is a password reset: whoever held the old password is out
		String code = invite(resident);
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "resident-pass-2")))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/me", old)).hasStatus(401);
		String current = this.api.token(phone, "resident-pass-2");

		// the resident changes it themselves
		assertThat(this.api.put("/api/v1/me/password", current,
				Map.of("currentPassword", "resident-pass-2", "newPassword", "resident-pass-3")))
			.hasStatus(204);
		assertThat(this.api.get("/api/v1/me", current)).hasStatus(401);
		String latest = this.api.token(phone, "resident-pass-3");

		// staff disable the account: it is out at once, and stays out
		String service = staffToken(List.of("SERVICE"), List.of(community));
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-account/disable", service, Map.of()))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/me", latest)).hasStatus(401);
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", phone, "password", "resident-pass-3")))
			.hasStatus(401);
		String stranger = staffToken(List.of("SERVICE"), List.of(createCommunity()));
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-account/enable", stranger, Map.of()))
			.hasStatus(404);
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-account/enable", service, Map.of()))
			.hasStatus(200);
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", phone, "password", "resident-pass-3")))
			.hasStatus(200);
	}

}
