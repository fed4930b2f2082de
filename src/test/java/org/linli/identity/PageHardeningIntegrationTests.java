package org.linli.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages carry a Content-Security-Policy (scripts only from the application) and a
 * Permissions-Policy, and an anonymous visit (a sign-in page, a device's QR page) creates
 * no session in the database.
 */
class PageHardeningIntegrationTests extends IntegrationTest {

	private HttpResponse<String> anonymous(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.api.base() + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private long sessions() {
		return this.jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
	}

	@Test
	void pagesForbidForeignScriptsAndDeviceApis() throws Exception {
		for (String path : List.of("/login", "/portal/login")) {
			HttpResponse<String> page = anonymous(path);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
				.contains("frame-ancestors 'self'");
			assertThat(page.headers().firstValue("Permissions-Policy").orElse("")).contains("camera=()");
			assertThat(page.body()).doesNotContain("onclick=").doesNotContain("onchange=");
		}
	}

	@Test
	void anonymousVisitsCreateNoSession() throws Exception {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		long device = this.api.post("/api/v1/communities/" + community + "/equipment", manager,
				Map.of("code", "DT-9", "name", "9号电梯", "category", "ELEVATOR", "status", "IN_USE", "contractor",
						Map.of("name", "维保公司", "licenceNumber", "TS-1", "licenceExpiry", "2030-01-01")))
			.id();
		String token = this.api.get("/api/v1/equipment/" + device, manager).json().get("publicToken").asString();
		long before = sessions();
		for (String path : List.of("/login", "/portal/login", "/d/" + token, "/admin/residents")) {
			HttpResponse<String> page = anonymous(path);
			assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch((c) -> c.startsWith("SESSION"));
		}
		assertThat(sessions()).isEqualTo(before);
		// a fault report through the QR page still works (its form carries the CSRF
		// token of a cookie), and signing in still does
		WebSession visitor = WebSession.anonymous(this.api.base());
		assertThat(visitor.get("/d/" + token).statusCode()).isEqualTo(200);
		assertThat(visitor.postForm("/d/" + token + "/faults", Map.of("description", "按钮失灵")).statusCode())
			.isEqualTo(302);
		WebSession staff = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		assertThat(staff.get("/admin").statusCode()).isEqualTo(200);
	}

	@Test
	void pageViewsOfASignedInMemberWriteNothing() {
		String username = createStaff(List.of("MANAGER"), List.of(createCommunity()));
		WebSession staff = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(staff.get("/admin").statusCode()).isEqualTo(200);
		String row = "SELECT xmin::text || '/' || last_access_time FROM spring_session WHERE principal_name = ?";
		String before = this.jdbc.sql(row).param(username).query(String.class).single();
		for (String path : List.of("/admin", "/admin/communities", "/admin/residents", "/admin")) {
			assertThat(staff.get(path).statusCode()).as(path).isEqualTo(200);
		}
		// the same row version: no UPDATE at all (its last access is stored once a
		// minute)
		assertThat(this.jdbc.sql(row).param(username).query(String.class).single()).isEqualTo(before);
	}

}
