package org.linli.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class AuthApiIntegrationTests extends IntegrationTest {

	@Test
	void rightCredentialsGiveAToken() {
		Api.Response response = this.api.post("/api/v1/auth/token", null,
				Map.of("username", "admin", "password", ADMIN_PASSWORD));
		assertThat(response).hasStatus(200);
		assertThat(response.json().get("token").asString()).hasSizeGreaterThan(30);
		assertThat(response.json().get("expiresAt").asString()).isNotBlank();
		String token = response.json().get("token").asString();
		assertThat(this.api.get("/api/v1/communities", token)).hasStatus(200);
	}

	@Test
	void wrongCredentialsAre401AndAudited() {
		String username = createStaff(List.of("FINANCE"), List.of());
		Api.Response response = this.api.post("/api/v1/auth/token", null,
				Map.of("username", username, "password", "not-the-password"));
		assertThat(response).hasStatus(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).contains("problem+json"));
		assertThat(response.json().get("title").asString()).isEqualTo("用户名或密码不正确");
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", "nobody-" + username, "password", "x")))
			.hasStatus(401);
		this.api.token(username, "password-123");
		List<String> actions = this.jdbc.sql("SELECT action FROM audit_entry WHERE lower(actor_name) = ? ORDER BY id")
			.param(username)
			.query(String.class)
			.list();
		assertThat(actions).containsSubsequence("LOGIN_FAILED", "LOGIN_SUCCEEDED");
		String ip = this.jdbc.sql("SELECT ip FROM audit_entry WHERE lower(actor_name) = ? AND action = 'LOGIN_FAILED'")
			.param(username)
			.query(String.class)
			.single();
		assertThat(ip).isNotBlank();
	}

	@Test
	void repeatedFailuresAreThrottledEvenWithTheRightPassword() {
		String username = createStaff(List.of("FINANCE"), List.of());
		for (int i = 0; i < 5; i++) {
			assertThat(
					this.api.post("/api/v1/auth/token", null, Map.of("username", username, "password", "guess-" + i)))
				.hasStatus(401);
		}
		Api.Response throttled = this.api.post("/api/v1/auth/token", null,
				Map.of("username", username, "password", "password-123"));
		assertThat(throttled).hasStatus(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor_name = ? AND action = 'LOGIN_THROTTLED'")
			.param(username)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anonymousAndBadTokensAre401() {
		Api.Response anonymous = this.api.get("/api/v1/communities", null);
		assertThat(anonymous).hasStatus(401);
		assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/communities", "not-a-token")).hasStatus(401);
		assertThat(this.api.get("/api/v1/staff", null)).hasStatus(401);
		assertThat(this.api.get("/api/v1/unknown", null)).hasStatus(401);
	}

	@Test
	void unknownPathsAndMethodsAnswerProblemDetails() {
		String token = admin();
		Api.Response unknown = this.api.get("/api/v1/no-such-thing", token);
		assertThat(unknown).hasStatus(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).contains("problem+json"));
		assertThat(unknown.json().get("title").asString()).isEqualTo("未找到");
		Api.Response method = this.api.postRaw("/api/v1/communities/1/buildings?lang=en", token, "text/plain", "x");
		assertThat(method).hasStatus(415);
		assertThat(method.json().get("title").asString()).isEqualTo("Unsupported content type");
		assertThat(method.body()).doesNotContain("Exception");
	}

	@Test
	void missingFieldsAreNamed() {
		Api.Response response = this.api.post("/api/v1/auth/token", null, Map.of("username", "admin"));
		assertThat(response).hasStatus(400);
		assertThat(response.fieldMessage("password")).isEqualTo("必填");
	}

	@Test
	void apiDocumentationIsForStaff() {
		assertThat(this.api.get("/v3/api-docs", null)).hasStatus(302);
		assertThat(this.api.get("/swagger-ui/index.html", null)).hasStatus(302);
		Api.Response docs = this.api.get("/v3/api-docs", admin());
		assertThat(docs).hasStatus(200);
		assertThat(docs.json().path("paths").has("/api/v1/buildings/{id}/rooms")).isTrue();
		assertThat(docs.json().path("paths").has("/api/v1/auth/token")).isTrue();
		for (String path : List.of("/api/v1/payments", "/api/v1/payments/{id}/receipt.pdf",
				"/api/v1/rooms/{id}/prepaid-account", "/api/v1/payment-gateway/notifications",
				"/api/v1/communities/{id}/equipment", "/api/v1/equipment/{id}/history",
				"/api/v1/inspection-rounds/{id}/checkpoints/{cid}/result", "/api/v1/maintenance-tasks/{id}/complete")) {
			assertThat(docs.json().path("paths").has(path)).as(path).isTrue();
		}
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		assertThat(browser.get("/swagger-ui/index.html")).hasStatus(200);
	}

}
