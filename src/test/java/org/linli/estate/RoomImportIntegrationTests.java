package org.linli.estate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class RoomImportIntegrationTests extends IntegrationTest {

	@Test
	void aCorrectFileImportsEveryRoom() throws IOException {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		createRoom(building, "1单元", 1, "101");
		byte[] file = workbook(List.of(List.of("1栋", "1单元", 1, "102", 89.5, 72.3, "住宅", "空置"),
				List.of("1栋", "3单元", 2, "201", "118.26", "", "RESIDENTIAL", "OCCUPIED"),
				List.of("1栋", "", 1, "S1", 45, "", "商铺", "")));
		Api.Response response = this.api.upload("/api/v1/communities/" + community + "/rooms/import", admin(),
				"rooms.xlsx", file);
		assertThat(response).hasStatus(200);
		assertThat(response.json().get("imported").asInt()).isEqualTo(3);
		Api.Response rooms = this.api.get("/api/v1/buildings/" + building + "/rooms?sort=number", admin());
		assertThat(rooms.json().get("totalElements").asLong()).isEqualTo(4);
		Api.Response unit3 = this.api.get("/api/v1/buildings/" + building + "/rooms?unit=3单元", admin());
		JsonNode imported = unit3.json().get("content").get(0);
		assertThat(imported.get("buildingArea").asString()).isEqualTo("118.26");
		assertThat(imported.get("status").asString()).isEqualTo("OCCUPIED");
		Api.Response shop = this.api.get("/api/v1/buildings/" + building + "/rooms?number=S1", admin());
		assertThat(shop.json().get("content").get(0).get("type").asString()).isEqualTo("SHOP");
		assertThat(shop.json().get("content").get(0).get("unit").isNull()).isTrue();
		assertThat(this.jdbc.sql("SELECT details FROM audit_entry WHERE action = 'ROOMS_IMPORTED' AND target_id = ?")
			.param(String.valueOf(community))
			.query(String.class)
			.single()).contains("3");
	}

	@Test
	void oneWrongRowImportsNothingAndEveryProblemIsReported() throws IOException {
		long community = createCommunity();
		long building = createBuilding(community, "2栋");
		createRoom(building, "1单元", 1, "101");
		byte[] file = workbook(List.of(List.of("2栋", "1单元", 2, "201", 89.5, 72.3, "住宅", "空置"),
				List.of("9栋", "1单元", 2, "202", 89.5, "", "", ""), List.of("2栋", "1单元", 1, "101", -3, "", "", ""),
				List.of("2栋", "1单元", "二楼", "203", "abc", "", "城堡", ""),
				List.of("2栋", "1单元", 2, "201", 90, 100, "", "")));
		Api.Response response = this.api.upload("/api/v1/communities/" + community + "/rooms/import", admin(),
				"rooms.xlsx", file);
		assertThat(response).hasStatus(400);
		assertThat(response.json().get("imported").asInt()).isZero();
		JsonNode errors = response.json().get("errors");
		assertThat(errors.toString()).contains("本小区没有楼栋“9栋”")
			.contains("该楼栋（单元）已有房号“101”")
			.contains("必须大于 0")
			.contains("应为整数")
			.contains("应为数字")
			.contains("取值无效")
			.contains("文件中房号“201”重复")
			.contains("套内面积不能大于建筑面积");
		assertThat(errors.get(0).get("row").asInt()).isEqualTo(3);
		assertThat(errors.get(0).get("column").asString()).isEqualTo("楼栋");
		assertThat(this.jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?")
			.param(building)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aBrokenFileIsRefusedPolitely() {
		long community = createCommunity();
		Api.Response response = this.api.upload("/api/v1/communities/" + community + "/rooms/import", admin(),
				"rooms.xlsx", "this is not a spreadsheet".getBytes());
		assertThat(response).hasStatus(400);
		assertThat(response.fieldMessage("file")).isEqualTo("不是有效的 .xlsx 文件");
	}

	@Test
	void theTemplateAndTheExportCanBeDownloadedFromThePages() throws IOException {
		long community = createCommunity();
		long building = createBuilding(community, "3栋");
		createRoom(building, "1单元", 5, "501");
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		var template = browser.get("/admin/communities/" + community + "/rooms/template.xlsx");
		assertThat(template).hasStatus(200);
		assertThat(template.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).contains("spreadsheetml"));

		assertThat(this.api.get("/admin/communities/" + community + "/rooms/export.xlsx", null)).hasStatus(302);
		byte[] exported = browser.bytes("/admin/communities/" + community + "/rooms/export.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(exported))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("房号");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("3栋");
			assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("501");
			assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(89.5);
		}
	}

	static byte[] workbook(List<List<Object>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("房屋");
			Row header = sheet.createRow(0);
			String[] names = { "楼栋", "单元", "楼层", "房号", "建筑面积", "套内面积", "类型", "状态" };
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				List<Object> values = rows.get(r);
				for (int c = 0; c < values.size(); c++) {
					Object value = values.get(c);
					if (value instanceof Number number) {
						row.createCell(c).setCellValue(number.doubleValue());
					}
					else if (!"".equals(value)) {
						row.createCell(c).setCellValue(value.toString());
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
