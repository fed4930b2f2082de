package org.linli.billing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

class MeterReadingIntegrationTests extends IntegrationTest {

	private static final YearMonth THIS_MONTH = YearMonth.now(org.linli.shared.Times.zone());

	private long community;

	private long room;

	private String finance;

	@BeforeEach
	void aRoom() {
		this.community = createCommunity();
		this.room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
	}

	private Api.Response read(YearMonth period, String reading, Boolean replacement, String start) {
		Map<String, Object> body = new HashMap<>(Map.of("roomId", this.room, "meterType", "ELECTRICITY", "period",
				period.toString(), "reading", reading));
		if (replacement != null) {
			body.put("replacement", replacement);
		}
		if (start != null) {
			body.put("startValue", start);
		}
		return this.api.post("/api/v1/meter-readings", this.finance, body);
	}

	@Test
	void readingsGiveUsageAndRefuseWhatCannotBe() {
		YearMonth first = THIS_MONTH.minusMonths(3);
		Api.Response baseline = read(first, "1000.0", null, null);
		assertThat(baseline).hasStatus(201);
		assertThat(baseline.json().get("usage").isNull()).isTrue();
		Api.Response second = read(first.plusMonths(1), "1200.0", null, null);
		assertThat(second.json().get("usage").asString()).isEqualTo("200.000");
		assertThat(second.json().get("previous").asString()).isEqualTo("1000.000");

		Api.Response lower = read(first.plusMonths(2), "1100", null, null);
		assertThat(lower).hasStatus(400);
		assertThat(lower.fieldMessage("reading")).contains("低于上次读数 1200");
		Api.Response replaced = read(first.plusMonths(2), "50", true, "0");
		assertThat(replaced).hasStatus(201);
		assertThat(replaced.json().get("usage").asString()).isEqualTo("50.000");

		Api.Response duplicate = read(first.plusMonths(2), "60", null, null);
		assertThat(duplicate).hasStatus(409);
		Api.Response backwards = read(first.minusMonths(1), "900", null, null);
		assertThat(backwards.fieldMessage("period")).contains("顺序");
		Api.Response future = read(THIS_MONTH.plusMonths(2), "2000", null, null);
		assertThat(future.fieldMessage("period")).isEqualTo("期间最晚为下个月");
		Api.Response flagged = read(first.plusMonths(3), "1000", null, null);
		assertThat(flagged.json().get("flagged").asBoolean()).isTrue();

		Api.Response unknownRoom = this.api.post("/api/v1/meter-readings", this.finance,
				Map.of("roomId", 987654321, "meterType", "WATER", "period", first.toString(), "reading", "1"));
		assertThat(unknownRoom).hasStatus(400);
		assertThat(unknownRoom.fieldMessage("roomId")).contains("987654321");
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/meter-readings", this.finance).json().size())
			.isEqualTo(4);
	}

	@Test
	void aFileImportsAllRowsOrNone() throws IOException {
		YearMonth period = THIS_MONTH.minusMonths(1);
		long second = createRoom(createBuilding(this.community, "2栋"), "1单元", 1, "101");
		byte[] good = workbook(List.of(List.of("1-1-101", "电", period.minusMonths(1).toString(), "100", "", ""),
				List.of("1-1-101", "ELECTRICITY", period.toString(), "350.5", "", ""),
				List.of("2栋-1单元-101", "水", period.toString(), "12", "", "")));
		Api.Response imported = this.api.upload("/api/v1/communities/" + this.community + "/meter-readings/import",
				this.finance, "readings.xlsx", good);
		assertThat(imported).hasStatus(200);
		assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
		Api.Response period1 = this.api
			.get("/api/v1/communities/" + this.community + "/meter-readings?period=" + period, this.finance);
		assertThat(period1.json().get("content").size()).isEqualTo(2);
		assertThat(period1.json().get("totalElements").asLong()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/rooms/" + second + "/meter-readings", this.finance)
			.json()
			.get(0)
			.get("reading")
			.asString()).isEqualTo("12.000");

		String csv = "房屋,表计,期间,读数,换表,新表起码\n1-1-101,电," + THIS_MONTH + ",300,,\n9-9-999,电," + THIS_MONTH
				+ ",1,,\n2-1-101,燃气,2026-13,abc,,\n";
		Api.Response refused = this.api.upload("/api/v1/communities/" + this.community + "/meter-readings/import",
				this.finance, "readings.csv", csv.getBytes(StandardCharsets.UTF_8));
		assertThat(refused).hasStatus(400);
		assertThat(refused.body()).contains("低于上次读数").contains("找不到房屋 9-9-999").contains("月份格式").contains("应为数字");
		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/meter-readings?period=" + THIS_MONTH, this.finance)
			.json()
			.get("totalElements")
			.asLong()).isZero();

		Api.Response broken = this.api.upload("/api/v1/communities/" + this.community + "/meter-readings/import",
				this.finance, "readings.xlsx", new byte[] { 1, 2, 3 });
		assertThat(broken.fieldMessage("file")).contains(".csv");
	}

	@Test
	void onlyFinanceOfTheCommunity() {
		String stranger = staffToken(List.of("FINANCE"), List.of(createCommunity()));
		Api.Response refused = this.api.post("/api/v1/meter-readings", stranger,
				Map.of("roomId", this.room, "meterType", "WATER", "period", THIS_MONTH.toString(), "reading", "1"));
		assertThat(refused).hasStatus(400);
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/meter-readings", stranger)).hasStatus(404);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/meter-readings?period=" + THIS_MONTH,
				stranger))
			.hasStatus(404);
		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/meter-readings", service)).hasStatus(403);
	}

	@Test
	void theReadingsPageShowsThePreviousReadingAndSaves() {
		read(THIS_MONTH.minusMonths(1), "500", null, null);
		String username = createStaff(List.of("FINANCE"), List.of(this.community));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		String page = "/admin/communities/" + this.community + "/meter-readings";
		assertThat(browser.get(page).body()).contains("录入读数");
		assertThat(browser.get(page + "/previous?room=1-1-101&meterType=ELECTRICITY&period=" + THIS_MONTH).body())
			.contains("上次读数")
			.contains("500");
		var saved = browser.postForm(page, Map.of("room", "1-1-101", "meterType", "ELECTRICITY", "period",
				THIS_MONTH.toString(), "reading", "640"));
		assertThat(saved).hasStatus(302);
		assertThat(browser.get(page + "?period=" + THIS_MONTH).body()).contains("1栋-1单元-101").contains("140");
		assertThat(browser.bytes(page + "/template.xlsx")).isNotEmpty();
	}

	static byte[] workbook(List<List<String>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("抄表");
			sheet.createRow(0).createCell(0).setCellValue("房屋");
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
