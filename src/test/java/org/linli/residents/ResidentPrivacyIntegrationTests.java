package org.linli.residents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The attacks on residents' personal data found in review, tried again: recovering a
 * masked number by searching for it, learning of another community's residents through
 * duplicate checks, wiping an ID number by saving a masked form.
 */
class ResidentPrivacyIntegrationTests extends IntegrationTest {

	private long community;

	private String service;

	@BeforeEach
	void aCommunityAndItsFrontDesk() {
		this.community = createCommunity();
		this.service = staffToken(List.of("SERVICE"), List.of(this.community));
	}

	private long register(String token, long community, String name, String phone, String idNumber, String emergency) {
		Map<String, Object> body = new HashMap<>(ResidentsSupport.resident(name, phone));
		body.put("communityId", community);
		body.put("idNumber", idNumber);
		body.put("emergencyContact", emergency);
		Api.Response created = this.api.post("/api/v1/residents", token, body);
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private String trusted(long community) {
		String username = createStaff(List.of("SERVICE"), List.of(community));
		long id = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();
		this.api.put("/api/v1/staff/" + id, admin(), Map.of("permissions", List.of("PERSONAL_DATA_VIEW")));
		return this.api.token(username, "password-123");
	}

	@Test
	void theFrontDeskFindsSomeoneByTheLastFourDigitsOfTheirPhoneIfItMaySeeNumbers() {
		String phone = ResidentsSupport.phone();
		long id = register(this.service, this.community, "尾号查找", phone, null, null);
		String tail = phone.substring(phone.length() - 4);
		String trusted = trusted(this.community);
		List<Long> found = new java.util.ArrayList<>();
		this.api.get("/api/v1/residents?communityId=" + this.community + "&q=" + tail, trusted)
			.json()
			.get("content")
			.forEach((r) -> found.add(r.get("id").asLong()));
		assertThat(found).contains(id);
		// the hash of the suffix, not the number, is what is searched
		assertThat(this.jdbc.sql("SELECT phone_tail_hash FROM resident WHERE id = ?")
			.param(id)
			.query(String.class)
			.single()).isNotBlank().doesNotContain(tail);
		// those who may not see numbers find nobody by them
		assertThat(this.api.get("/api/v1/residents?communityId=" + this.community + "&q=" + tail, this.service)
			.json()
			.get("totalElements")
			.asInt()).isZero();
	}

	@Test
	void onlyThoseWhoMaySeeNumbersFindPeopleByThemAuditedAndLimited() {
		String phone = ResidentsSupport.phone();
		String idNumber = ResidentsSupport.idNumber();
		register(this.service, this.community, "号码查找", phone, idNumber, null);
		// the masked number as a hint and the search as an oracle: nothing comes back
		assertThat(this.api.get("/api/v1/residents?q=" + phone, this.service).json().get("totalElements").asInt())
			.isZero();
		assertThat(this.api.get("/api/v1/residents?q=" + idNumber, this.service).json().get("totalElements").asInt())
			.isZero();
		assertThat(this.api.get("/api/v1/residents?q=号码查找", this.service).json().get("totalElements").asInt())
			.isEqualTo(1);

		String trusted = trusted(this.community);
		assertThat(this.api.get("/api/v1/residents?q=" + phone, trusted).json().get("totalElements").asInt())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_entry a JOIN staff_account s ON s.id = a.actor_id
				WHERE a.action = 'PERSONAL_DATA_SEARCHED' AND a.details LIKE '%phone%' AND a.details NOT LIKE ?""")
			.param("%" + phone + "%")
			.query(Long.class)
			.single()).isPositive();
		int refused = 0;
		for (int i = 0; i < 25; i++) {
			if (this.api.get("/api/v1/residents?q=" + ResidentsSupport.phone(), trusted).status() == 429) {
				refused++;
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(5);
	}

	@Test
	void theResidentsOwnViewMasksTheirIdNumberAndEmergencyContact() {
		String phone = ResidentsSupport.phone();
		String idNumber = ResidentsSupport.idNumber();
		long room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		Map<String, Object> body = new HashMap<>(ResidentsSupport.resident("本人", phone));
		body.putAll(Map.of("communityId", this.community, "idNumber", idNumber, "emergencyContact", "母亲 13900002222",
				"roomId", room, "role", "OWNER", "since", "2024-01-01"));
		long resident = this.api.post("/api/v1/residents", admin(), body).id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "own-view-1"));
		JsonNode me = this.api.get("/api/v1/me", this.api.token(phone, "own-view-1")).json();
		assertThat(me.toString()).doesNotContain(idNumber).doesNotContain("13900002222");
		assertThat(me.get("idNumber").asString()).contains("****");
	}

	@Test
	void duplicateChecksAreCountedForThoseWhoMayNotSeeNumbers() {
		String prober = createStaff(List.of("SERVICE"), List.of(this.community));
		String probe = this.api.token(prober, "password-123");
		long target = register(probe, this.community, "探测目标", ResidentsSupport.phone(), null, null);
		int refused = 0;
		for (int i = 0; i < 35; i++) {
			Api.Response guess = this.api.put("/api/v1/residents/" + target, probe,
					Map.of("name", "探测目标", "phone", ResidentsSupport.phone()));
			if (guess.status() == 429) {
				refused++;
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(5);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_entry a JOIN staff_account s ON s.id = a.actor_id
				WHERE a.action = 'PERSONAL_DATA_CHECKED' AND s.username = ?""")
			.param(prober)
			.query(Long.class)
			.single()).isEqualTo(30);
	}

	@Test
	void aCodeToANumberJustPutOnFileNeedsSomeoneWhoMaySeeNumbers() {
		long resident = register(admin(), this.community, "换号", ResidentsSupport.phone(), null, null);
		String controlled = ResidentsSupport.phone();
		assertThat(this.api.put("/api/v1/residents/" + resident, this.service,
				Map.of("name", "换号", "phone", controlled, "confirmDuplicate", true)))
			.hasStatus(200);
		Api.Response invite = this.api.post("/api/v1/residents/" + resident + "/portal-invitations", this.service,
				Map.of());
		assertThat(invite).hasStatus(400);
		assertThat(invite.fieldMessage("phone")).isNotBlank();
		assertThat(this.api.post("/api/v1/residents/" + resident + "/portal-invitations", trusted(this.community),
				Map.of()))
			.hasStatus(201);
	}

	@Test
	void duplicateChecksSayNothingOfAnotherCommunitysResidents() {
		long elsewhere = createCommunity();
		String phone = ResidentsSupport.phone();
		String idNumber = ResidentsSupport.idNumber();
		register(admin(), elsewhere, "别处的人", phone, idNumber, null);

		Map<String, Object> body = new HashMap<>(ResidentsSupport.resident("新登记", ResidentsSupport.phone()));
		body.put("communityId", this.community);
		body.put("idNumber", idNumber);
		Api.Response sameId = this.api.post("/api/v1/residents", this.service, body);
		assertThat(sameId).hasStatus(409);
		assertThat(sameId.body()).doesNotContain("别处的人");
		// the same phone in another community is no conflict here, and reveals nothing
		Api.Response samePhone = this.api.post("/api/v1/residents", this.service,
				Map.of("name", "同号码", "phone", phone, "communityId", this.community));
		assertThat(samePhone).hasStatus(201);
		assertThat(samePhone.body()).doesNotContain("别处的人");
		// a body naming a community outside the caller's scope is refused
		long mine = samePhone.id();
		assertThat(this.api.put("/api/v1/residents/" + mine, this.service,
				Map.of("name", "同号码", "phone", phone, "communityId", elsewhere)))
			.hasStatus(404);
	}

	@Test
	void savingAMaskedFormKeepsWhatStaffCannotSee() {
		String phone = ResidentsSupport.phone();
		String idNumber = ResidentsSupport.idNumber();
		long resident = register(admin(), this.community, "掩码编辑", phone, idNumber, "丈夫 13800001111");
		JsonNode masked = this.api.get("/api/v1/residents/" + resident, this.service).json();
		assertThat(masked.get("masked").asBoolean()).isTrue();
		Map<String, Object> back = new HashMap<>();
		back.put("name", "掩码编辑改");
		back.put("phone", masked.get("phone").asString());
		back.put("idNumber", masked.get("idNumber").asString());
		back.put("emergencyContact", masked.get("emergencyContact").asString());
		assertThat(this.api.put("/api/v1/residents/" + resident, this.service, back)).hasStatus(200);
		// omitted is unchanged too
		assertThat(this.api.put("/api/v1/residents/" + resident, this.service,
				Map.of("name", "掩码编辑改", "phone", masked.get("phone").asString())))
			.hasStatus(200);
		JsonNode full = this.api.get("/api/v1/residents/" + resident, admin()).json();
		assertThat(full.get("name").asString()).isEqualTo("掩码编辑改");
		assertThat(full.get("phone").asString()).isEqualTo(phone);
		assertThat(full.get("idNumber").asString()).isEqualTo(idNumber);
		assertThat(full.get("emergencyContact").asString()).isEqualTo("丈夫 13800001111");

		// a resident without an ID number saved from the form (an empty field) is fine
		long plain = register(admin(), this.community, "无证件", ResidentsSupport.phone(), null, null);
		JsonNode plainView = this.api.get("/api/v1/residents/" + plain, this.service).json();
		assertThat(this.api.put("/api/v1/residents/" + plain, this.service, Map.of("name", "无证件", "phone",
				plainView.get("phone").asString(), "idNumber", "", "emergencyContact", "")))
			.hasStatus(200);

		// a right guess is refused like a wrong one: the answer says nothing of the value
		Map<String, Object> guess = new HashMap<>(back);
		guess.put("emergencyContact", "丈夫 13800001111");
		Api.Response guessed = this.api.put("/api/v1/residents/" + resident, this.service, guess);
		assertThat(guessed).hasStatus(400);
		assertThat(guessed.fieldMessage("emergencyContact")).isNotBlank();
		// and nothing changed
		assertThat(this.api.get("/api/v1/residents/" + resident, admin()).json().get("emergencyContact").asString())
			.isEqualTo("丈夫 13800001111");

		// changing or clearing what one cannot see is refused, naming the field
		Map<String, Object> clear = new HashMap<>(back);
		clear.put("idNumber", "");
		Api.Response refused = this.api.put("/api/v1/residents/" + resident, this.service, clear);
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("idNumber")).isNotBlank();
		// who may see it may clear it
		Map<String, Object> byAdmin = new HashMap<>(back);
		byAdmin.put("phone", phone);
		byAdmin.put("idNumber", "");
		assertThat(this.api.put("/api/v1/residents/" + resident, admin(), byAdmin)).hasStatus(200);
		assertThat(this.api.get("/api/v1/residents/" + resident, admin()).json().get("idNumber").isNull()).isTrue();
	}

}
