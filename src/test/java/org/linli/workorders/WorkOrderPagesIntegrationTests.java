package org.linli.workorders;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The repair pages as staff and residents use them: the front desk's form keeps what was
 * typed when refused, the list filters and exports what it shows, the technician takes an
 * order from the pool and a refused completion keeps its values, and a resident reports
 * and follows a repair in the portal.
 */
class WorkOrderPagesIntegrationTests extends IntegrationTest {

	@Test
	void theFrontDeskTheListItsExportAndTheTechniciansPhonePage() throws Exception {
		long community = createCommunity();
		createRoom(createBuilding(community, "1栋"), "1单元", 3, "301");
		WebSession desk = WebSession.signIn(this.api.base(), createStaff(List.of("SERVICE"), List.of(community)),
				"password-123");
		String form = "/admin/communities/" + community + "/work-orders";
		assertThat(desk.get(form + "/new")).hasStatus(200);
		HttpResponse<String> refused = desk.postForm(form,
				Map.of("roomCode", "9-9-909", "area", "IN_HOME", "category", "ELECTRICAL", "urgency", "URGENT",
						"description", "", "reporterName", "李先生", "reporterPhone", "13800000000"));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("没有找到该房号").contains("李先生").contains("9-9-909");
		refused = desk.postForm(form, Map.of("roomCode", "1-1-301", "area", "IN_HOME", "category", "ELECTRICAL",
				"urgency", "URGENT", "description", "", "reporterName", "李先生"));
		assertThat(refused.body()).contains("必填").contains("李先生");
		HttpResponse<String> created = desk.postForm(form, Map.of("roomCode", "1-1-301", "area", "IN_HOME", "category",
				"ELECTRICAL", "urgency", "URGENT", "description", "客厅跳闸", "reporterName", "李先生"));
		assertThat(created).hasStatus(302);
		String order = java.net.URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
		String page = desk.get(order).body();
		assertThat(page).contains("客厅跳闸").contains("待派单").contains("加急").contains("1栋-1单元-301");
		String number = page.replaceAll("(?s).*<h1 class=\"h4 mb-0\">(BX[0-9-]+)</h1>.*", "$1");
		assertThat(number).startsWith("BX");

		String list = desk.get(form + "?status=SUBMITTED&q=跳闸").body();
		assertThat(list).contains(number);
		assertThat(desk.get(form + "?status=CLOSED").body()).doesNotContain(number);
		byte[] xlsx = desk.bytes(form + "/export.xlsx?status=SUBMITTED");
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("工单号");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(number);
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("待派单");
		}

		// the technician takes it from the pool on their phone page and completes it
		WebSession technician = WebSession.signIn(this.api.base(),
				createStaff(List.of("TECHNICIAN"), List.of(community)), "password-123");
		String mine = technician.get("/admin/my-work-orders").body();
		assertThat(mine).contains(number).contains("抢单");
		String id = order.substring(order.lastIndexOf('/') + 1);
		assertThat(technician.postForm("/admin/work-orders/" + id + "/take?back=mine", Map.of())).hasStatus(302);
		assertThat(technician.get("/admin/my-work-orders").body()).contains("已接单");
		technician.get("/admin/work-orders/" + id);
		assertThat(technician.postForm("/admin/work-orders/" + id + "/start", Map.of())).hasStatus(302);
		HttpResponse<String> bad = technician.postForm("/admin/work-orders/" + id + "/complete",
				Map.of("note", "更换空气开关", "labour", "abc", "materialName[0]", "空气开关", "materialQuantity[0]", "x",
						"materialUnitPrice[0]", "45"));
		assertThat(bad).hasStatus(200);
		assertThat(bad.body()).contains("数量：应为数字")
			.contains("人工费")
			.contains("更换空气开关")
			.contains("value=\"45\"")
			.contains("完工信息有误");
		assertThat(technician.get("/admin/work-orders/" + id + "/complete")).hasStatus(302);
		assertThat(technician.postForm("/admin/work-orders/" + id + "/complete", Map.of("note", "更换空气开关", "labour",
				"20", "materialName[0]", "空气开关", "materialQuantity[0]", "1", "materialUnitPrice[0]", "45")))
			.hasStatus(302);
		assertThat(technician.get("/admin/work-orders/" + id).body()).contains("已完工")
			.contains("65.00")
			.contains("未向住户收费");
	}

	@Test
	void aResidentReportsAndFollowsARepairInThePortal() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "2栋"), "1单元", 5, "502");
		String phone = "136" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "孙住户", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "resident-pass-1"));
		WebSession portal = WebSession.anonymous(this.api.base());
		portal.get("/portal/login");
		portal.postForm("/portal/login", Map.of("phone", phone, "password", "resident-pass-1"));
		assertThat(portal.get("/portal/repairs").body()).contains("您还没有报修记录");
		String form = portal.get("/portal/repairs/new").body();
		assertThat(form).contains("2栋-1单元-502");
		HttpResponse<String> refused = portal.postMultipart("/portal/repairs", Map.of("roomId", String.valueOf(room),
				"area", "PUBLIC", "category", "FACILITY", "description", "电梯按钮失灵", "location", ""), "x.png",
				WorkOrderIntegrationTests.PNG);
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("必填").contains("电梯按钮失灵");
		HttpResponse<String> reported = portal.postMultipart("/portal/repairs", Map.of("roomId", String.valueOf(room),
				"area", "PUBLIC", "category", "FACILITY", "description", "电梯按钮失灵", "location", "2栋电梯厅"), "x.png",
				WorkOrderIntegrationTests.PNG);
		assertThat(reported).hasStatus(302);
		String order = java.net.URI.create(reported.headers().firstValue("Location").orElseThrow()).getPath();
		String page = portal.get(order).body();
		assertThat(page).contains("待派单").contains("2栋电梯厅").contains("撤销报修");
		assertThat(portal.postMultipart(order + "/photos", Map.of(), "a.png", WorkOrderIntegrationTests.PNG))
			.hasStatus(302);
		assertThat(portal.get(order).body()).contains("/photos/");
		assertThat(portal.postForm(order + "/withdraw", Map.of())).hasStatus(302);
		assertThat(portal.get(order).body()).contains("已取消").doesNotContain("撤销报修");
		assertThat(portal.get("/portal/repairs").body()).contains("公共设施");
	}

}
