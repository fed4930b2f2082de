package org.linli.estate;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class EstateApiIntegrationTests extends IntegrationTest {

	@Test
	void communityIsCreatedReadAndChanged() {
		String name = unique("阳光花园");
		Api.Response created = this.api.post("/api/v1/communities", admin(),
				Map.of("name", name, "address", "文三路 188 号"));
		assertThat(created).hasStatus(201);
		long id = created.id();
		assertThat(created.json().get("name").asString()).isEqualTo(name);
		assertThat(created.json().has("contactName")).isTrue();
		assertThat(created.json().get("contactName").isNull()).isTrue();

		Api.Response read = this.api.get("/api/v1/communities/" + id, admin());
		assertThat(read.json().get("address").asString()).isEqualTo("文三路 188 号");

		Api.Response changed = this.api.put("/api/v1/communities/" + id, admin(),
				Map.of("name", name, "address", "文三路 200 号", "contactName", "王经理"));
		assertThat(changed).hasStatus(200);
		assertThat(changed.json().get("contactName").asString()).isEqualTo("王经理");
		String details = this.jdbc
			.sql("SELECT details FROM audit_entry WHERE action = 'COMMUNITY_UPDATED' AND target_id = ?")
			.param(String.valueOf(id))
			.query(String.class)
			.single();
		assertThat(details).contains("文三路 188 号").contains("文三路 200 号");

		Api.Response duplicate = this.api.post("/api/v1/communities", admin(), Map.of("name", name));
		assertThat(duplicate).hasStatus(409);
		assertThat(duplicate.fieldMessage("name")).contains(name);
		assertThat(this.api.get("/api/v1/communities/987654321", admin())).hasStatus(404);
		// the lists of a community that does not exist, for an admin who may see every
		// one
		for (String list : new String[] { "buildings", "rooms", "parking-spaces" }) {
			assertThat(this.api.get("/api/v1/communities/987654321/" + list, admin())).hasStatus(404);
		}
	}

	@Test
	void buildingsAndRoomsHaveTheDocumentedShapes() {
		long community = createCommunity();
		Api.Response building = this.api.post("/api/v1/communities/" + community + "/buildings", admin(),
				Map.of("name", "1栋", "floors", 18, "hasElevator", true));
		assertThat(building).hasStatus(201);
		long buildingId = building.id();
		assertThat(building.json().get("floors").asInt()).isEqualTo(18);
		assertThat(building.json().get("hasElevator").asBoolean()).isTrue();

		Api.Response room = this.api.post("/api/v1/buildings/" + buildingId + "/rooms", admin(), Map.of("unit", "1单元",
				"floor", 12, "number", "1201", "buildingArea", "89.50", "usableArea", "72.30", "type", "RESIDENTIAL"));
		assertThat(room).hasStatus(201);
		assertThat(room.json().get("unit").asString()).isEqualTo("1单元");
		assertThat(room.json().get("floor").asInt()).isEqualTo(12);
		assertThat(room.json().get("number").asString()).isEqualTo("1201");
		assertThat(room.json().get("buildingArea").asString()).isEqualTo("89.50");
		assertThat(room.json().get("usableArea").asString()).isEqualTo("72.30");
		assertThat(room.json().get("type").asString()).isEqualTo("RESIDENTIAL");
		assertThat(room.json().get("status").asString()).isEqualTo("VACANT");

		Api.Response same = this.api.get("/api/v1/rooms/" + room.id(), admin());
		assertThat(same.json().get("number").asString()).isEqualTo("1201");
		Api.Response listed = this.api.get("/api/v1/buildings/" + buildingId + "/rooms", admin());
		assertThat(listed.json().get("totalElements").asLong()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/buildings/" + buildingId, admin()).json().get("units").get(0).asString())
			.isEqualTo("1单元");

		Map<String, Object> change = new HashMap<>(Map.of("unit", "1单元", "floor", 12, "number", "1201", "buildingArea",
				"90.10", "type", "RESIDENTIAL", "status", "DECORATING"));
		Api.Response changed = this.api.put("/api/v1/rooms/" + room.id(), admin(), change);
		assertThat(changed).hasStatus(200);
		assertThat(changed.json().get("status").asString()).isEqualTo("DECORATING");
		assertThat(changed.json().get("usableArea").isNull()).isTrue();
		String details = this.jdbc
			.sql("SELECT details FROM audit_entry WHERE action = 'ROOM_UPDATED' AND target_id = ?")
			.param(String.valueOf(room.id()))
			.query(String.class)
			.single();
		assertThat(details).contains("89.50").contains("90.10").contains("DECORATING");
	}

	@Test
	void badRoomsAreRefusedWithFieldMessagesAndChangeNothing() {
		long community = createCommunity();
		long building = createBuilding(community, "2栋");
		createRoom(building, "1单元", 3, "301");

		Api.Response negative = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("unit", "1单元", "floor", 3, "number", "302", "buildingArea", "-1.00"));
		assertThat(negative).hasStatus(400);
		assertThat(negative.fieldMessage("buildingArea")).isEqualTo("必须大于 0");

		Api.Response several = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("floor", 30, "buildingArea", "80.123", "usableArea", "0"));
		assertThat(several).hasStatus(400);
		assertThat(several.fieldMessage("number")).isEqualTo("必填");
		assertThat(several.fieldMessage("floor")).contains("18");
		assertThat(several.fieldMessage("buildingArea")).contains("2");
		assertThat(several.fieldMessage("usableArea")).isEqualTo("必须大于 0");

		Api.Response usableTooLarge = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("floor", 3, "number", "303", "buildingArea", "80.00", "usableArea", "81.00"));
		assertThat(usableTooLarge.fieldMessage("usableArea")).isEqualTo("套内面积不能大于建筑面积");

		Api.Response duplicate = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("unit", "1单元", "floor", 3, "number", "301", "buildingArea", "80.00"));
		assertThat(duplicate).hasStatus(409);
		assertThat(duplicate.fieldMessage("number")).contains("301");

		Api.Response badType = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("floor", 3, "number", "304", "buildingArea", "80.00", "type", "CASTLE"));
		assertThat(badType).hasStatus(400);
		assertThat(badType.fieldMessage("type")).contains("CASTLE", "RESIDENTIAL");

		Api.Response malformed = this.api.postRaw("/api/v1/buildings/" + building + "/rooms", admin(),
				"application/json", "{\"floor\": 3, ");
		assertThat(malformed).hasStatus(400);
		assertThat(malformed.json().get("title").asString()).isEqualTo("请求内容不是有效的 JSON");
		assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at org.");

		assertThat(this.api.post("/api/v1/buildings/987654321/rooms", admin(),
				Map.of("floor", 3, "number", "305", "buildingArea", "80.00")))
			.hasStatus(404);
		assertThat(this.api.get("/api/v1/rooms/abc", admin())).hasStatus(400);

		long rooms = this.jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?")
			.param(building)
			.query(Long.class)
			.single();
		assertThat(rooms).isEqualTo(1);
	}

	@Test
	void sameNumberInAnotherUnitIsAllowed() {
		long community = createCommunity();
		long building = createBuilding(community, "3栋");
		createRoom(building, "1单元", 12, "1201");
		Api.Response otherUnit = this.api.post("/api/v1/buildings/" + building + "/rooms", admin(),
				Map.of("unit", "2单元", "floor", 12, "number", "1201", "buildingArea", "89.50"));
		assertThat(otherUnit).hasStatus(201);
	}

	@Test
	void buildingValidationAndDuplicates() {
		long community = createCommunity();
		createBuilding(community, "5栋");
		Api.Response duplicate = this.api.post("/api/v1/communities/" + community + "/buildings", admin(),
				Map.of("name", "5栋", "floors", 6));
		assertThat(duplicate).hasStatus(409);
		Api.Response bad = this.api.post("/api/v1/communities/" + community + "/buildings", admin(),
				Map.of("name", " ", "floors", 0));
		assertThat(bad).hasStatus(400);
		assertThat(bad.fieldMessage("name")).isEqualTo("必填");
		assertThat(bad.fieldMessage("floors")).isEqualTo("应在 1 到 200 之间");
	}

	@Test
	void roomListsPageSortAndFilter() {
		long community = createCommunity();
		long building = createBuilding(community, "6栋");
		for (int floor = 1; floor <= 5; floor++) {
			createRoom(building, "1单元", floor, floor + "01");
		}
		this.api.put("/api/v1/rooms/" + createRoom(building, "2单元", 2, "202"), admin(), Map.of("unit", "2单元", "floor",
				2, "number", "202", "buildingArea", "120.00", "type", "RESIDENTIAL", "status", "OCCUPIED"));

		Api.Response page = this.api.get("/api/v1/communities/" + community + "/rooms?size=2&sort=floor&dir=desc",
				admin());
		assertThat(page.json().get("totalElements").asLong()).isEqualTo(6);
		assertThat(page.json().get("totalPages").asInt()).isEqualTo(3);
		assertThat(page.json().get("content").get(0).get("floor").asInt()).isEqualTo(5);

		Api.Response occupied = this.api.get("/api/v1/communities/" + community + "/rooms?status=OCCUPIED", admin());
		assertThat(occupied.json().get("totalElements").asLong()).isEqualTo(1);
		assertThat(occupied.json().get("content").get(0).get("number").asString()).isEqualTo("202");

		Api.Response byNumber = this.api.get("/api/v1/buildings/" + building + "/rooms?number=30", admin());
		assertThat(byNumber.json().get("content").get(0).get("number").asString()).isEqualTo("301");
		Api.Response byUnit = this.api.get("/api/v1/buildings/" + building + "/rooms?unit=2单元", admin());
		assertThat(byUnit.json().get("totalElements").asLong()).isEqualTo(1);
	}

	@Test
	void parkingSpaces() throws java.io.IOException {
		long community = createCommunity();
		Api.Response created = this.api.post("/api/v1/communities/" + community + "/parking-spaces", admin(),
				Map.of("number", "B1-001", "location", "地下一层", "type", "UNDERGROUND", "area", "13.25"));
		assertThat(created).hasStatus(201);
		assertThat(created.json().get("status").asString()).isEqualTo("VACANT");
		assertThat(this.api.post("/api/v1/communities/" + community + "/parking-spaces", admin(),
				Map.of("number", "B1-001")))
			.hasStatus(409);
		Api.Response changed = this.api.put("/api/v1/parking-spaces/" + created.id(), admin(),
				Map.of("number", "B1-001", "type", "UNDERGROUND", "status", "SOLD"));
		assertThat(changed.json().get("status").asString()).isEqualTo("SOLD");
		assertThat(this.api.get("/api/v1/communities/" + community + "/parking-spaces?status=SOLD", admin())
			.json()
			.get("totalElements")
			.asLong()).isEqualTo(1);
		byte[] export = org.linli.support.WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD)
			.bytes("/admin/communities/" + community + "/parking/export.xlsx");
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(export))) {
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("B1-001");
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(4).getStringCellValue()).isEqualTo("已售");
		}
	}

	@Test
	void errorsSpeakEnglishWhenAsked() {
		long community = createCommunity();
		long building = createBuilding(community, "7栋");
		Api.Response english = this.api.post("/api/v1/buildings/" + building + "/rooms?lang=en", admin(),
				Map.of("floor", 3, "number", "301", "buildingArea", "-2"));
		assertThat(english.fieldMessage("buildingArea")).isEqualTo("Must be greater than 0");
		assertThat(english.json().get("title").asString()).isEqualTo("The request has invalid fields");
	}

}
