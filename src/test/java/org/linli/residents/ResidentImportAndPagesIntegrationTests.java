package org.linli.residents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class ResidentImportAndPagesIntegrationTests extends IntegrationTest {

	@Test
	void aCorrectFileRegistersEveryoneAndTheirStays() throws IOException {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long first = createRoom(building, "1单元", 1, "101");
		long second = createRoom(building, "1单元", 2, "201");
		String ownerPhone = ResidentsSupport.phone();
		String ownerId = ResidentsSupport.idNumber();
		byte[] file = workbook(List.of(List.of("赵一", ownerPhone, ownerId, "", "", "", "1-1-101", "业主", "2024-03-01"),
				List.of("赵一", ownerPhone, ownerId, "", "", "", "1栋-1单元-201", "OWNER", "2024-03-01"),
				List.of("赵二", ResidentsSupport.phone(), "", "女", "赵一 " + ownerPhone, "学生", "1-1-101", "家属",
						"2024-03-01"),
				List.of("钱租", ResidentsSupport.phone(), "", "男", "", "", "1-1-201", "租户", "2025-07-01")));
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin/residents/import");
		var response = browser.postMultipart("/admin/residents/import",
				Map.of("communityId", String.valueOf(community)), "residents.xlsx", file);
		assertThat(response).hasStatus(302);
		assertThat(this.api.get("/api/v1/residents?communityId=" + community, admin())
			.json()
			.get("totalElements")
			.asLong()).isEqualTo(3);
		assertThat(this.api.get("/api/v1/rooms/" + first + "/occupancies", admin()).json().size()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/rooms/" + first, admin()).json().get("status").asString())
			.isEqualTo("OCCUPIED");
		assertThat(this.api.get("/api/v1/rooms/" + second, admin()).json().get("status").asString())
			.isEqualTo("RENTED");
	}

	@Test
	void aWrongRowImportsNothingAndEveryProblemIsListed() throws IOException {
		long community = createCommunity();
		long building = createBuilding(community, "2栋");
		createRoom(building, "1单元", 1, "101");
		byte[] file = workbook(
				List.of(List.of("孙好", ResidentsSupport.phone(), "", "", "", "", "2-1-101", "业主", "2024-03-01"),
						List.of("孙坏", "12345", "110101199003074578", "未知", "", "", "9-9-999", "房东", "昨天")));
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin/residents/import");
		var response = browser.postMultipart("/admin/residents/import",
				Map.of("communityId", String.valueOf(community)), "residents.xlsx", file);
		assertThat(response).hasStatus(200);
		assertThat(response.body()).contains("不是有效的手机号码")
			.contains("身份证号码不正确")
			.contains("找不到房屋")
			.contains("取值无效")
			.contains("日期格式");
		assertThat(this.api.get("/api/v1/residents?communityId=" + community, admin())
			.json()
			.get("totalElements")
			.asLong()).isZero();
	}

	@Test
	void staffPagesShowTheResidentAndTheRoomHistory() {
		long community = createCommunity();
		long building = createBuilding(community, "3栋");
		long room = createRoom(building, "1单元", 8, "801");
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		browser.get("/admin/residents/new?roomId=" + room);
		String phone = ResidentsSupport.phone();
		var refused = browser.postForm("/admin/residents/new",
				Map.of("communityId", String.valueOf(community), "name", "页面住户", "phone", "999", "idType", "ID_CARD",
						"roomCode", "3-1-801", "role", "OWNER", "since", "2026-02-01"));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("不是有效的手机号码").contains("value=\"页面住户\"");
		var saved = browser.postForm("/admin/residents/new",
				Map.of("communityId", String.valueOf(community), "name", "页面住户", "phone", phone, "idType", "ID_CARD",
						"roomCode", "3-1-801", "role", "OWNER", "since", "2026-02-01"));
		assertThat(saved).hasStatus(302);
		String location = saved.headers().firstValue("Location").orElseThrow();
		var profile = browser.get(location.substring(location.indexOf("/admin")));
		assertThat(profile.body()).contains("页面住户").contains("3栋-1单元-801").contains("在住");
		var roomPage = browser.get("/admin/rooms/" + room + "/occupants");
		assertThat(roomPage.body()).contains("页面住户").contains("2026-02-01");
		var list = browser.get("/admin/residents?q=页面住户");
		assertThat(list.body()).contains("页面住户").contains("3栋-1单元-801");
		assertThat(browser.bytes("/admin/residents/export.xlsx?q=页面住户")).isNotEmpty();
		assertThat(browser.bytes("/admin/residents/import/template.xlsx")).isNotEmpty();
	}

	static byte[] workbook(List<List<String>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("住户");
			sheet.createRow(0).createCell(0).setCellValue("姓名");
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).size(); c++) {
					if (!rows.get(r).get(c).isEmpty()) {
						row.createCell(c).setCellValue(rows.get(r).get(c));
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
