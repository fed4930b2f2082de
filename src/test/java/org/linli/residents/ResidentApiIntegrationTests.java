package org.linli.residents;

import java.time.LocalDate;
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

class ResidentApiIntegrationTests extends IntegrationTest {

	private static final LocalDate TODAY = LocalDate.now(org.linli.shared.Times.zone());

	private long community;

	private long building;

	@BeforeEach
	void estate() {
		this.community = createCommunity();
		this.building = createBuilding(this.community, "1栋");
	}

	@Test
	void registerAResidentAndMoveThemInAtOnce() {
		long room = createRoom(this.building, "2单元", 12, "1201");
		String phone = ResidentsSupport.phone();
		String id = ResidentsSupport.idNumber();
		Map<String, Object> body = ResidentsSupport.resident("张伟", phone);
		body.put("idNumber", id.toLowerCase());
		body.put("emergencyContact", "李娜 13900001111");
		body.put("note", "养狗");
		body.put("roomCode", "1-2-1201");
		body.put("role", "OWNER");
		body.put("since", "2026-01-01");
		body.put("communityId", this.community);
		Api.Response created = this.api.post("/api/v1/residents", admin(), body);
		assertThat(created).hasStatus(201);
		JsonNode json = created.json();
		assertThat(json.get("name").asString()).isEqualTo("张伟");
		assertThat(json.get("phone").asString()).isEqualTo(phone);
		assertThat(json.get("idNumber").asString()).isEqualTo(id.toUpperCase());
		assertThat(json.get("gender").asString()).isEqualTo("MALE");
		assertThat(json.get("currentRooms").get(0).get("roomId").asLong()).isEqualTo(room);
		assertThat(json.get("currentRooms").get(0).get("role").asString()).isEqualTo("OWNER");

		assertThat(this.api.get("/api/v1/rooms/" + room, admin()).json().get("status").asString())
			.isEqualTo("OCCUPIED");
		JsonNode occupants = this.api.get("/api/v1/rooms/" + room + "/occupancies", admin()).json();
		assertThat(occupants.size()).isEqualTo(1);
		assertThat(occupants.get(0).get("residentName").asString()).isEqualTo("张伟");
	}

	@Test
	void badInputIsRefusedFieldByFieldAndChangesNothing() {
		long before = count();
		Map<String, Object> body = ResidentsSupport.resident("", "12345");
		body.put("idNumber", "110101199003074579");
		body.put("communityId", this.community);
		Api.Response refused = this.api.post("/api/v1/residents", admin(), body);
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("name")).isEqualTo("必填");
		assertThat(refused.fieldMessage("phone")).contains("手机号码");
		assertThat(refused.fieldMessage("idNumber")).contains("身份证号码不正确");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void duplicatesAreRefusedUnlessConfirmed() {
		String phone = ResidentsSupport.phone();
		String id = ResidentsSupport.idNumber();
		Map<String, Object> first = ResidentsSupport.resident("王芳", phone);
		first.put("idNumber", id);
		first.put("communityId", this.community);
		long existing = this.api.post("/api/v1/residents", admin(), first).id();

		Map<String, Object> sameId = ResidentsSupport.resident("王芳芳", ResidentsSupport.phone());
		sameId.put("idNumber", id);
		sameId.put("communityId", this.community);
		Api.Response idTaken = this.api.post("/api/v1/residents", admin(), sameId);
		assertThat(idTaken).hasStatus(409);
		assertThat(idTaken.fieldMessage("idNumber")).contains("王芳").contains(String.valueOf(existing));

		Map<String, Object> samePhone = ResidentsSupport.resident("王小芳", phone);
		samePhone.put("communityId", this.community);
		Api.Response phoneTaken = this.api.post("/api/v1/residents", admin(), samePhone);
		assertThat(phoneTaken).hasStatus(409);
		assertThat(phoneTaken.fieldMessage("phone")).contains("王芳");
		samePhone.put("confirmDuplicate", true);
		assertThat(this.api.post("/api/v1/residents", admin(), samePhone)).hasStatus(201);

		Map<String, Object> otherCommunity = ResidentsSupport.resident("王大芳", phone);
		otherCommunity.put("communityId", createCommunity());
		assertThat(this.api.post("/api/v1/residents", admin(), otherCommunity)).hasStatus(201);
	}

	@Test
	void roomStatusFollowsOccupancies() {
		long room = createRoom(this.building, "1单元", 3, "301");
		long owner = register("业主甲");
		long tenant = register("租户乙");
		Api.Response moved = this.api.post("/api/v1/rooms/" + room + "/occupancies", admin(),
				Map.of("residentId", owner, "role", "OWNER", "since", TODAY.minusDays(10).toString()));
		assertThat(moved).hasStatus(201);
		assertThat(status(room)).isEqualTo("OCCUPIED");
		Api.Response rented = this.api.post("/api/v1/rooms/" + room + "/occupancies", admin(),
				Map.of("residentId", tenant, "role", "TENANT", "since", TODAY.toString()));
		assertThat(status(room)).isEqualTo("RENTED");

		Api.Response beforeStart = this.api.post("/api/v1/occupancies/" + rented.id() + "/end", admin(),
				Map.of("until", TODAY.minusDays(1).toString(), "reason", "x"));
		assertThat(beforeStart).hasStatus(400);
		assertThat(beforeStart.fieldMessage("until")).contains("不能早于入住日期");

		assertThat(this.api.post("/api/v1/occupancies/" + rented.id() + "/end", admin(),
				Map.of("until", TODAY.toString(), "reason", "租约到期")))
			.hasStatus(200);
		assertThat(status(room)).isEqualTo("OCCUPIED");
		Api.Response ended = this.api.post("/api/v1/occupancies/" + moved.id() + "/end", admin(),
				Map.of("until", TODAY.toString(), "reason", "出售"));
		assertThat(ended.json().get("until").asString()).isEqualTo(TODAY.toString());
		assertThat(ended.json().get("endReason").asString()).isEqualTo("出售");
		assertThat(status(room)).isEqualTo("VACANT");

		JsonNode history = this.api.get("/api/v1/rooms/" + room + "/occupancies?include=history", admin()).json();
		assertThat(history.size()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/rooms/" + room + "/occupancies", admin()).json().size()).isZero();
		assertThat(
				this.api.post("/api/v1/occupancies/" + moved.id() + "/end", admin(), Map.of("until", TODAY.toString())))
			.hasStatus(400);
	}

	@Test
	void theSamePersonCannotLiveTwiceInOneRoom() {
		long room = createRoom(this.building, "1单元", 4, "401");
		long person = register("重复者");
		assertThat(moveIn(room, person, "OWNER", "2026-01-01")).hasStatus(201);
		Api.Response twice = moveIn(room, person, "FAMILY", "2026-02-01");
		assertThat(twice).hasStatus(409);
		assertThat(twice.fieldMessage("residentId")).contains("重叠");
		assertThat(moveIn(room, person, null, null).fieldMessage("role")).isEqualTo("必填");
	}

	@Test
	void roomChangeEndsTheOldStayAndStartsTheNewOneOnTheSameDay() {
		long from = createRoom(this.building, "1单元", 5, "501");
		long to = createRoom(this.building, "1单元", 6, "601");
		long person = register("换房者");
		moveIn(from, person, "TENANT", TODAY.minusDays(100).toString());

		Api.Response same = this.api.post("/api/v1/residents/" + person + "/room-change", admin(),
				Map.of("fromRoomId", from, "toRoomId", from, "date", TODAY.toString()));
		assertThat(same).hasStatus(400);
		assertThat(same.fieldMessage("toRoomId")).isEqualTo("新房屋不能与原房屋相同");

		Api.Response changed = this.api.post("/api/v1/residents/" + person + "/room-change", admin(),
				Map.of("fromRoomId", from, "toRoomId", to, "date", TODAY.toString()));
		assertThat(changed).hasStatus(200);
		assertThat(changed.json().get("ended").get("until").asString()).isEqualTo(TODAY.toString());
		assertThat(changed.json().get("started").get("since").asString()).isEqualTo(TODAY.toString());
		assertThat(changed.json().get("started").get("role").asString()).isEqualTo("TENANT");
		assertThat(status(from)).isEqualTo("VACANT");
		assertThat(status(to)).isEqualTo("RENTED");

		JsonNode history = this.api.get("/api/v1/residents/" + person + "/occupancies", admin()).json();
		assertThat(history.size()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/residents/" + person, admin())
			.json()
			.get("currentRooms")
			.get(0)
			.get("roomId")
			.asLong()).isEqualTo(to);
		assertThat(this.api.post("/api/v1/residents/" + person + "/room-change", admin(),
				Map.of("fromRoomId", from, "toRoomId", to, "date", TODAY.toString())))
			.hasStatus(400);
	}

	@Test
	void searchByNamePhoneRoomRoleAndState() {
		long room = createRoom(this.building, "2单元", 7, "702");
		String phone = ResidentsSupport.phone();
		long owner = this.api
			.post("/api/v1/residents", admin(), withCommunity(ResidentsSupport.resident("搜索业主", phone)))
			.id();
		moveIn(room, owner, "OWNER", "2026-01-01");
		long former = register("搜索旧租户");
		Api.Response stay = moveIn(room, former, "TENANT", "2025-01-01");
		this.api.post("/api/v1/occupancies/" + stay.id() + "/end", admin(),
				Map.of("until", "2025-12-31", "reason", "到期"));

		assertThat(names("q=搜索业主")).containsExactly("搜索业主");
		assertThat(names("q=" + phone)).containsExactly("搜索业主");
		assertThat(names("room=1-2-702&communityId=" + this.community)).containsExactlyInAnyOrder("搜索业主", "搜索旧租户");
		assertThat(names("room=1栋-2单元-702&state=current&communityId=" + this.community)).containsExactly("搜索业主");
		assertThat(names("state=former&communityId=" + this.community)).containsExactly("搜索旧租户");
		assertThat(names("role=TENANT&communityId=" + this.community)).containsExactly("搜索旧租户");
	}

	@Test
	void personalDataIsMaskedWithoutThePermissionAndUnmaskingIsAudited() {
		String phone = ResidentsSupport.phone();
		String id = ResidentsSupport.idNumber();
		Map<String, Object> body = withCommunity(ResidentsSupport.resident("隐私", phone));
		body.put("idNumber", id);
		long resident = this.api.post("/api/v1/residents", admin(), body).id();

		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		JsonNode masked = this.api.get("/api/v1/residents/" + resident, service).json();
		assertThat(masked.get("phone").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
		assertThat(masked.get("idNumber").asString()).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
		assertThat(masked.get("masked").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/residents?q=隐私", service).body()).doesNotContain(phone).doesNotContain(id);

		String username = createStaff(List.of("SERVICE"), List.of(this.community));
		long staffId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();
		this.api.put("/api/v1/staff/" + staffId, admin(), Map.of("permissions", List.of("PERSONAL_DATA_VIEW")));
		String trusted = this.api.token(username, "password-123");
		JsonNode full = this.api.get("/api/v1/residents/" + resident, trusted).json();
		assertThat(full.get("phone").asString()).isEqualTo(phone);
		assertThat(full.get("masked").asBoolean()).isFalse();
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = ? AND target_id = ?")
			.params(staffId, String.valueOf(resident))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theDatabaseHoldsNoPhoneOrIdNumberInClearText() {
		String phone = ResidentsSupport.phone();
		String id = ResidentsSupport.idNumber();
		Map<String, Object> body = withCommunity(ResidentsSupport.resident("加密", phone));
		body.put("idNumber", id);
		body.put("emergencyContact", "紧急 " + phone);
		long resident = this.api.post("/api/v1/residents", admin(), body).id();
		this.api.post("/api/v1/residents/" + resident + "/portal-invitations", admin(), Map.of());
		this.api.put("/api/v1/residents/" + resident, admin(), Map.of("name", "加密改", "phone", phone, "idNumber", id));
		for (String table : List.of("resident", "occupancy", "audit_entry", "resident_account", "portal_invitation",
				"api_token", "staff_account")) {
			long hits = this.jdbc.sql("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ? OR t::text LIKE ?")
				.params("%" + phone + "%", "%" + id + "%")
				.query(Long.class)
				.single();
			assertThat(hits).as(table).isZero();
		}
	}

	@Test
	void updatesKeepHistoryAndRefuseBadData() {
		long resident = register("更新");
		Api.Response updated = this.api.put("/api/v1/residents/" + resident, admin(),
				Map.of("name", "更新后", "phone", ResidentsSupport.phone(), "gender", "FEMALE", "note", "新备注"));
		assertThat(updated).hasStatus(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("更新后");
		assertThat(updated.json().get("gender").asString()).isEqualTo("FEMALE");
		Api.Response bad = this.api.put("/api/v1/residents/" + resident, admin(), Map.of("name", "x", "phone", "123"));
		assertThat(bad).hasStatus(400);
		assertThat(this.api.get("/api/v1/residents/" + resident, admin()).json().get("name").asString())
			.isEqualTo("更新后");
		assertThat(this.api.get("/api/v1/residents/99999999", admin())).hasStatus(404);
	}

	private long register(String name) {
		Api.Response created = this.api.post("/api/v1/residents", admin(),
				withCommunity(ResidentsSupport.resident(name, ResidentsSupport.phone())));
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private Map<String, Object> withCommunity(Map<String, Object> body) {
		Map<String, Object> copy = new HashMap<>(body);
		copy.put("communityId", this.community);
		return copy;
	}

	private Api.Response moveIn(long room, long resident, String role, String since) {
		Map<String, Object> body = new HashMap<>();
		body.put("residentId", resident);
		body.put("role", role);
		body.put("since", since);
		return this.api.post("/api/v1/rooms/" + room + "/occupancies", admin(), body);
	}

	private String status(long room) {
		return this.api.get("/api/v1/rooms/" + room, admin()).json().get("status").asString();
	}

	private List<String> names(String query) {
		List<String> names = new java.util.ArrayList<>();
		this.api.get("/api/v1/residents?size=100&" + query, admin())
			.json()
			.get("content")
			.forEach((r) -> names.add(r.get("name").asString()));
		return names;
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM resident").query(Long.class).single();
	}

}
