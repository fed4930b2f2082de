package org.linli.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the integration tests: the whole application on a random port, against the
 * embedded PostgreSQL, driven through HTTP. All such tests share one application context
 * (and database), so each makes its own data with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTestConfiguration.class)
public abstract class IntegrationTest {

	protected static final String ADMIN_PASSWORD = "test-admin-password";

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	/**
	 * The application's clock: a test may set the date; it is put back after each test.
	 */
	@Autowired
	protected TestClock clock;

	protected Api api;

	private static String adminToken;

	@BeforeEach
	void connect() {
		this.api = new Api(this.port);
	}

	@AfterEach
	void backToRealTime() {
		this.clock.reset();
	}

	protected String admin() {
		if (adminToken == null || this.api.get("/api/v1/communities", adminToken).status() != 200) {
			adminToken = this.api.token("admin", ADMIN_PASSWORD);
		}
		return adminToken;
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected long createCommunity() {
		return this.api.post("/api/v1/communities", admin(), Map.of("name", unique("小区"), "address", "测试路 1 号")).id();
	}

	protected long createBuilding(long communityId, String name) {
		return this.api
			.post("/api/v1/communities/" + communityId + "/buildings", admin(),
					Map.of("name", name, "floors", 18, "hasElevator", true))
			.id();
	}

	/** A room handed over long ago (2020-01-01): every period a test bills is its own. */
	protected long createRoom(long buildingId, String unit, int floor, String number) {
		return this.api
			.post("/api/v1/buildings/" + buildingId + "/rooms", admin(),
					Map.of("unit", unit, "floor", floor, "number", number, "buildingArea", "89.50", "usableArea",
							"72.30", "type", "RESIDENTIAL", "handoverDate", "2020-01-01"))
			.id();
	}

	/**
	 * Creates a staff member with the roles in the communities, and answers their
	 * username.
	 */
	protected String createStaff(List<String> roles, List<Long> communityIds) {
		String username = unique("staff").toLowerCase();
		Api.Response response = this.api.post("/api/v1/staff", admin(), Map.of("username", username, "password",
				"password-123", "name", "测试员工", "roles", roles, "communityIds", communityIds));
		if (response.status() != 201) {
			throw new AssertionError("Could not create staff: " + response);
		}
		return username;
	}

	protected String staffToken(List<String> roles, List<Long> communityIds) {
		return this.api.token(createStaff(roles, communityIds), "password-123");
	}

	/**
	 * A resident living in the room since last year, with a portal account; answers a
	 * token for them.
	 */
	/**
	 * Has staff send the resident a portal activation code, and reads it from the text
	 * message queued for their phone (as the resident would from their phone).
	 */
	protected String invite(long residentId) {
		Api.Response sent = this.api.post("/api/v1/residents/" + residentId + "/portal-invitations", admin(), Map.of());
		if (sent.status() != 201) {
			throw new AssertionError("Could not invite: " + sent);
		}
		return invitationCode(residentId);
	}

	/** The code of the latest activation text message queued for a resident. */
	protected String invitationCode(long residentId) {
		String params = this.jdbc.sql("""
				SELECT params FROM notification WHERE template = 'PORTAL_INVITATION' AND recipient_kind = 'RESIDENT'
				AND recipient_id = ? ORDER BY id DESC LIMIT 1""").param(residentId).query(String.class).single();
		return Api.JSON.readTree(params).get("code").asString();
	}

	protected String residentToken(long communityId, long roomId, String role) {
		return residentToken(communityId, roomId, role, LocalDate.now(this.clock).minusYears(1));
	}

	/** The same for a resident living in the room since the given day. */
	protected String residentToken(long communityId, long roomId, String role, LocalDate since) {
		String phone = "13" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "住户" + phone.substring(7), "phone", phone, "communityId", communityId, "roomId",
							roomId, "role", role, "since", since.toString(), "confirmDuplicate", true))
			.id();
		String code = invite(resident);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "resident-pass-1"));
		return this.api.token(phone, "resident-pass-1");
	}

}
