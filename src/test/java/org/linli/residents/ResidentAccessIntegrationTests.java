package org.linli.residents;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Residents see only their own rooms and profile; staff of another community see nothing
 * of a community's residents; a resident's token opens no staff endpoint.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentAccessIntegrationTests extends IntegrationTest {

	private static final LocalDate TODAY = LocalDate.now(Times.zone());

	private long community;

	private long room;

	private long otherRoom;

	private long resident;

	private long stay;

	private String phone;

	@BeforeEach
	void aResidentLivingInARoom() {
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.room = createRoom(building, "1单元", 1, "101");
		this.otherRoom = createRoom(building, "1单元", 1, "102");
		this.phone = ResidentsSupport.phone();
		Map<String, Object> body = ResidentsSupport.resident("门户住户", this.phone);
		body.put("communityId", this.community);
		this.resident = this.api.post("/api/v1/residents", admin(), body).id();
		this.stay = this.api
			.post("/api/v1/rooms/" + this.room + "/occupancies", admin(),
					Map.of("residentId", this.resident, "role", "OWNER", "since", "2025-06-01"))
			.id();
		Map<String, Object> neighbour = ResidentsSupport.resident("邻居", ResidentsSupport.phone());
		neighbour.put("communityId", this.community);
		long other = this.api.post("/api/v1/residents", admin(), neighbour).id();
		this.api.post("/api/v1/rooms/" + this.otherRoom + "/occupancies", admin(),
				Map.of("residentId", other, "role", "OWNER", "since", "2025-06-01"));
	}

	private String activate(String password) {
		Api.Response invitation = this.api.post("/api/v1/residents/" + this.resident + "/portal-invitations", admin(),
				Map.of());
		assertThat(invitation).hasStatus(201);
		assertThat(invitation.json().get("expiresAt").asString()).isNotBlank();
		// the code went to the resident's phone; staff see where, masked, never the code
		assertThat(invitation.json().has("code")).isFalse();
		assertThat(invitation.json().get("sentTo").asString()).contains("****");
		String code = invitationCode(this.resident);
		Api.Response activated = this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", this.phone, "code", code, "password", password));
		assertThat(activated).hasStatus(200);
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", this.phone, "code", code, "password", password)))
			.hasStatus(400);
		return this.api.token(this.phone, password);
	}

	@Test
	void aResidentSeesOnlyTheirOwnRoomsAndProfile(CapturedOutput output) {
		String token = activate("resident-pass-1");
		Api.Response me = this.api.get("/api/v1/me", token);
		assertThat(me).hasStatus(200);
		assertThat(me.json().get("id").asLong()).isEqualTo(this.resident);
		assertThat(me.json().get("phone").asString()).isEqualTo(this.phone);
		Api.Response rooms = this.api.get("/api/v1/me/rooms", token);
		assertThat(rooms.json().size()).isEqualTo(1);
		assertThat(rooms.json().get(0).get("id").asLong()).isEqualTo(this.room);
		assertThat(rooms.json().get(0).get("myRole").asString()).isEqualTo("OWNER");
		assertThat(this.api.get("/api/v1/me/rooms/" + this.room, token)).hasStatus(200);
		assertThat(this.api.get("/api/v1/me/rooms/" + this.otherRoom, token)).hasStatus(404);
		assertThat(rooms.body()).doesNotContain("邻居");

		for (String path : List.of("/api/v1/residents", "/api/v1/residents/" + this.resident, "/api/v1/communities",
				"/api/v1/rooms/" + this.room, "/api/v1/rooms/" + this.room + "/occupancies", "/api/v1/staff")) {
			assertThat(this.api.get(path, token)).hasStatus(403);
		}
		assertThat(this.api.post("/api/v1/rooms/" + this.otherRoom + "/occupancies", token,
				Map.of("residentId", this.resident, "role", "OWNER", "since", "2026-01-01")))
			.hasStatus(403);

		assertThat(output.getAll()).doesNotContain(this.phone);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry t WHERE t::text LIKE ?")
			.param("%" + this.phone + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void movingOutEndsAccessToTheRoom() {
		String token = activate("resident-pass-2");
		this.api.post("/api/v1/occupancies/" + this.stay + "/end", admin(),
				Map.of("until", TODAY.toString(), "reason", "出售"));
		assertThat(this.api.get("/api/v1/me/rooms", token).json().size()).isZero();
		assertThat(this.api.get("/api/v1/me/rooms/" + this.room, token)).hasStatus(404);
		assertThat(this.api.get("/api/v1/me", token)).hasStatus(200);
	}

	@Test
	void wrongCodesAreRefusedAndThrottled() {
		this.api.post("/api/v1/residents/" + this.resident + "/portal-invitations", admin(), Map.of());
		for (int i = 0; i < 5; i++) {
			Api.Response wrong = this.api.post("/api/v1/portal/activate", null,
					Map.of("phone", this.phone, "code", "00000" + i, "password", "long-enough-1"));
			assertThat(wrong).hasStatus(400);
			assertThat(wrong.fieldMessage("code")).contains("激活码");
		}
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", this.phone, "code", "000009", "password", "long-enough-1")))
			.hasStatus(429);
		assertThat(this.api.post("/api/v1/portal/activate", null, Map.of("phone", "123", "code", "1", "password", "x"))
			.fieldMessage("phone")).isNotNull();
	}

	@Test
	void staffOfAnotherCommunityGet404() {
		long elsewhere = createCommunity();
		String stranger = staffToken(List.of("SERVICE"), List.of(elsewhere));
		List<Api.Response> responses = List.of(this.api.get("/api/v1/residents/" + this.resident, stranger),
				this.api.put("/api/v1/residents/" + this.resident, stranger, Map.of("name", "x", "phone", this.phone)),
				this.api.get("/api/v1/residents/" + this.resident + "/occupancies", stranger),
				this.api.post("/api/v1/residents/" + this.resident + "/portal-invitations", stranger, Map.of()),
				this.api.post("/api/v1/residents/" + this.resident + "/room-change", stranger,
						Map.of("fromRoomId", this.room, "toRoomId", this.otherRoom, "date", TODAY.toString())),
				this.api.get("/api/v1/rooms/" + this.room + "/occupancies?include=history", stranger),
				this.api.post("/api/v1/rooms/" + this.room + "/occupancies", stranger,
						Map.of("residentId", this.resident, "role", "OWNER", "since", "2026-01-01")),
				this.api.post("/api/v1/occupancies/" + this.stay + "/end", stranger,
						Map.of("until", TODAY.toString())));
		assertThat(responses).allSatisfy((r) -> {
			assertThat(r).hasStatus(404);
			assertThat(r.body()).doesNotContain("门户住户");
		});
		assertThat(this.api.get("/api/v1/residents?q=门户住户", stranger).json().get("totalElements").asLong()).isZero();

		String readOnly = staffToken(List.of("FINANCE"), List.of(this.community));
		assertThat(this.api.get("/api/v1/residents/" + this.resident, readOnly)).hasStatus(200);
		assertThat(
				this.api.post("/api/v1/occupancies/" + this.stay + "/end", readOnly, Map.of("until", TODAY.toString())))
			.hasStatus(403);
	}

	@Test
	void theResidentSignsInToThePortalWithPhoneAndPassword() {
		activate("resident-pass-3");
		WebSession browser = WebSession.anonymous(this.api.base());
		browser.get("/portal/login");
		var signedIn = browser.postForm("/portal/login", Map.of("phone", this.phone, "password", "resident-pass-3"));
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/portal"));
		assertThat(browser.get("/portal")).hasStatus(200);
		var home = browser.get("/portal/profile");
		assertThat(home).hasStatus(200);
		assertThat(home.body()).contains("门户住户").contains("1栋-1单元-101").doesNotContain("1栋-1单元-102");
		assertThat(browser.get("/admin")).hasStatus(302);

		WebSession wrong = WebSession.anonymous(this.api.base());
		wrong.get("/portal/login");
		assertThat(wrong.postForm("/portal/login", Map.of("phone", this.phone, "password", "nope"))
			.headers()
			.firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/portal/login?error"));
		assertThat(WebSession.anonymous(this.api.base()).get("/portal")).hasStatus(302);
	}

}
