package org.linli.identity;

import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.linli.support.Eventually.eventually;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Who is behind a token, and where a staff member may work, are kept in memory on each
 * node; a revoked token, a disabled account or a withdrawn community must still be
 * refused on every node: on the node that made the change at once, on the other as soon
 * as the database's notice reaches it, and even when that notice was lost with the
 * listening connection.
 */
class AccessAcrossNodesIntegrationTests extends IntegrationTest {

	private static ConfigurableApplicationContext nodeB;

	@Autowired
	EmbeddedPostgres postgres;

	private Api onB;

	@BeforeEach
	void secondNode() {
		if (nodeB == null) {
			nodeB = new SpringApplicationBuilder(LinliApplication.class)
				.properties("spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres"),
						"spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0",
						"linli.demo-data=false")
				.run();
		}
		this.onB = new Api(((WebServerApplicationContext) nodeB).getWebServer().getPort());
	}

	@AfterAll
	static void stopSecondNode() {
		if (nodeB != null) {
			nodeB.close();
			nodeB = null;
		}
	}

	@Test
	void aTokenSignedOutOnOneNodeIsRefusedOnBoth() {
		long community = createCommunity();
		String token = staffToken(List.of("MANAGER"), List.of(community));
		// read twice on each node: the second read is served from memory
		for (int i = 0; i < 2; i++) {
			assertThat(this.api.get("/api/v1/communities/" + community, token)).hasStatus(200);
			assertThat(this.onB.get("/api/v1/communities/" + community, token)).hasStatus(200);
		}

		assertThat(this.api.post("/api/v1/auth/sign-out", token, Map.of())).hasStatus(204);

		assertThat(this.api.get("/api/v1/communities/" + community, token)).hasStatus(401);
		eventually(() -> assertThat(this.onB.get("/api/v1/communities/" + community, token)).hasStatus(401));
	}

	@Test
	void aCommunityWithdrawnOnOneNodeIsClosedOnBoth() {
		long kept = createCommunity();
		long withdrawn = createCommunity();
		String username = createStaff(List.of("MANAGER"), List.of(kept, withdrawn));
		String token = this.api.token(username, "password-123");
		for (int i = 0; i < 2; i++) {
			assertThat(this.api.get("/api/v1/communities/" + withdrawn + "/rooms", token)).hasStatus(200);
			assertThat(this.onB.get("/api/v1/communities/" + withdrawn + "/rooms", token)).hasStatus(200);
		}
		long id = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();

		assertThat(this.api.put("/api/v1/staff/" + id, admin(), Map.of("username", username, "name", "测试员工", "roles",
				List.of("MANAGER"), "communityIds", List.of(kept))))
			.hasStatus(200);

		assertThat(this.api.get("/api/v1/communities/" + withdrawn + "/rooms", token)).hasStatus(404);
		eventually(() -> assertThat(this.onB.get("/api/v1/communities/" + withdrawn + "/rooms", token)).hasStatus(404));
		assertThat(this.onB.get("/api/v1/communities/" + kept + "/rooms", token)).hasStatus(200);
	}

	@Test
	void aResidentDisabledOnOneNodeIsRefusedOnBoth() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1", 3, "301");
		String token = residentToken(community, room, "OWNER");
		for (int i = 0; i < 2; i++) {
			assertThat(this.api.get("/api/v1/me", token)).hasStatus(200);
			assertThat(this.onB.get("/api/v1/me", token)).hasStatus(200);
		}
		long resident = this.jdbc.sql("SELECT resident_id FROM occupancy WHERE room_id = ?")
			.param(room)
			.query(Long.class)
			.single();

		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-account/disable", admin(), Map.of()))
			.hasStatus(200);

		assertThat(this.api.get("/api/v1/me", token)).hasStatus(401);
		eventually(() -> assertThat(this.onB.get("/api/v1/me", token)).hasStatus(401));
	}

	@Test
	void aChangeMadeWhileNoNodeListensIsNotMissed() {
		long community = createCommunity();
		String username = createStaff(List.of("MANAGER"), List.of(community));
		String token = this.api.token(username, "password-123");
		assertThat(this.api.get("/api/v1/communities/" + community, token)).hasStatus(200);
		assertThat(this.onB.get("/api/v1/communities/" + community, token)).hasStatus(200);

		// both nodes lose their listening connection; the token is revoked behind the
		// application's back (no local forgetting), whether or not they listen again yet
		this.jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
			.param("linli-access-listener")
			.query()
			.listOfRows();
		this.jdbc.sql("DELETE FROM api_token WHERE account_id = (SELECT id FROM staff_account WHERE username = ?)")
			.param(username)
			.update();

		eventually(() -> assertThat(this.api.get("/api/v1/communities/" + community, token)).hasStatus(401));
		eventually(() -> assertThat(this.onB.get("/api/v1/communities/" + community, token)).hasStatus(401));
	}

}
