package org.linli.equipment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.equipment.DeviceCategory;
import org.linli.equipment.FaultReported;
import org.linli.equipment.internal.Inspections;
import org.linli.equipment.internal.Maintenance;
import org.linli.shared.QrCodes;
import org.linli.equipment.internal.Schedules;
import org.linli.notifications.internal.Deliveries;
import org.linli.shared.Seed;
import org.linli.shared.Times;
import org.linli.shared.files.FileStore;
import org.linli.support.Api;
import org.linli.support.Eventually;
import org.linli.support.IntegrationTest;
import org.linli.support.PublishedEvents;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Equipment through the API: the archive and its rules, maintenance plans and tasks
 * (elevators every 15 days at most, never skipped, idempotent generation), inspection
 * rounds with the abnormal → event path, missed rounds, history, compliance, and who may
 * see what.
 */
class EquipmentIntegrationTests extends IntegrationTest {

	@Autowired
	PublishedEvents events;

	private static final ZoneId ZONE = Times.zone();

	@Autowired
	Maintenance maintenance;

	@Autowired
	Inspections inspections;

	@Autowired
	ApplicationContext context;

	@org.springframework.beans.factory.annotation.Value("${linli.data-dir}")
	String dataDir;

	private long community;

	private String manager;

	private long technicianId;

	private String technician;

	@BeforeEach
	void aCommunityWithAManagerAndATechnician() {
		this.community = createCommunity();
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		String username = createStaff(List.of("TECHNICIAN"), List.of(this.community));
		this.technician = this.api.token(username, "password-123");
		this.technicianId = this.api.get("/api/v1/staff?q=" + username, admin())
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
	}

	@Test
	void theArchiveKeepsCodesUniqueAndElevatorsWithLicensedContractors() {
		Map<String, Object> elevator = elevator("DT-1-01");
		Map<String, Object> unlicensed = new HashMap<>(elevator);
		unlicensed.put("contractor", Map.of("name", "无证公司"));
		Api.Response refused = this.api.post("/api/v1/communities/" + this.community + "/equipment", this.manager,
				unlicensed);
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("contractor.licenceNumber")).contains("持证");
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/equipment", this.manager,
				elevator);
		assertThat(created).hasStatus(201);
		JsonNode device = created.json();
		assertThat(device.get("code").asString()).isEqualTo("DT-1-01");
		assertThat(device.get("contractor").get("licenceNumber").asString()).isEqualTo("TS3110001-2026");
		assertThat(device.get("status").asString()).isEqualTo("IN_USE");
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/equipment", this.manager, elevator))
			.hasStatus(409);
		// the same code in another community is fine
		long other = createCommunity();
		assertThat(this.api.post("/api/v1/communities/" + other + "/equipment", admin(), elevator)).hasStatus(201);

		Map<String, Object> pump = Map.of("code", "SB-01", "name", "生活水泵", "category", "WATER", "location", "地下泵房");
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/equipment", this.manager, pump))
			.hasStatus(201);
		assertThat(
				this.api.get("/api/v1/communities/" + this.community + "/equipment?category=ELEVATOR", this.technician)
					.json()
					.get("totalElements")
					.asLong())
			.isEqualTo(1);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/equipment?q=泵房", this.technician)
			.json()
			.get("content")
			.get(0)
			.get("code")
			.asString()).isEqualTo("SB-01");
		Map<String, Object> repaired = new HashMap<>(elevator);
		repaired.put("status", "UNDER_REPAIR");
		assertThat(this.api.put("/api/v1/equipment/" + device.get("id").asLong(), this.manager, repaired)
			.json()
			.get("status")
			.asString()).isEqualTo("UNDER_REPAIR");
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/equipment", this.technician, pump))
			.hasStatus(403);
		String stranger = staffToken(List.of("MANAGER"), List.of(other));
		assertThat(this.api.get("/api/v1/equipment/" + device.get("id").asLong(), stranger)).hasStatus(404);
		assertThat(this.api.put("/api/v1/equipment/" + device.get("id").asLong(), stranger, repaired)).hasStatus(404);
		assertThat(this.api.get("/api/v1/equipment/" + device.get("id").asLong() + "/history", stranger))
			.hasStatus(404);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/equipment", stranger)).hasStatus(404);
		assertThat(this.api.get("/api/v1/equipment/" + device.get("id").asLong(), null)).hasStatus(401);
	}

	@Test
	void elevatorPlansAreAtMostFifteenDaysAndTheirTasksAreNeverSkipped() {
		long elevator = device(elevator("DT-2-01"));
		Api.Response monthly = this.api.post("/api/v1/equipment/" + elevator + "/maintenance-plans", this.manager,
				Map.of("intervalMonths", 1, "checklist", List.of("曳引机"), "startDate", today().toString()));
		assertThat(monthly).hasStatus(400);
		assertThat(monthly.fieldMessage("intervalMonths")).contains("TSG T5002").contains("15");
		assertThat(this.api.post("/api/v1/equipment/" + elevator + "/maintenance-plans", this.manager,
				Map.of("intervalDays", 16, "checklist", List.of("曳引机"), "startDate", today().toString())))
			.hasStatus(400);

		LocalDate start = today().minusDays(20);
		Api.Response plan = this.api.post("/api/v1/equipment/" + elevator + "/maintenance-plans", this.manager,
				Map.of("intervalDays", 15, "checklist", List.of("曳引机", "制动器", "门锁"), "assigneeId", this.technicianId,
						"startDate", start.toString()));
		assertThat(plan).hasStatus(201);
		// due 20 and 5 days ago (both overdue: nothing skipped), then every 15 days to 60
		// days ahead
		JsonNode tasks = this.api.get("/api/v1/communities/" + this.community + "/maintenance-tasks", this.manager)
			.json()
			.get("content");
		assertThat(tasks.size()).isEqualTo(6);
		JsonNode secondPage = this.api
			.get("/api/v1/communities/" + this.community + "/maintenance-tasks?size=4&page=1", this.manager)
			.json();
		assertThat(secondPage.get("totalElements").asLong()).isEqualTo(6);
		assertThat(secondPage.get("content").size()).isEqualTo(2);
		assertThat(secondPage.get("content").get(0).get("id").asLong()).isEqualTo(tasks.get(4).get("id").asLong());
		assertThat(tasks.get(0).get("dueDate").asString()).isEqualTo(start.toString());
		assertThat(tasks.get(0).get("status").asString()).isEqualTo("OVERDUE");
		assertThat(tasks.get(2).get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(this.maintenance.generateAll()).isZero();
		assertThat(this.maintenance.generateAll()).isZero();
		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/maintenance-tasks?status=OVERDUE", this.technician)
			.json()
			.get("content")
			.size()).isEqualTo(2);
		// another technician sees none of them
		String other = staffToken(List.of("TECHNICIAN"), List.of(this.community));
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/maintenance-tasks", other)
			.json()
			.get("content")
			.size()).isZero();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/equipment-compliance", this.manager)
			.json()
			.get("elevators")
			.get(0)
			.get("overdue")
			.asBoolean()).isTrue();

		long latest = tasks.get(1).get("id").asLong();
		Api.Response partial = this.api.post("/api/v1/maintenance-tasks/" + latest + "/complete", this.technician,
				Map.of("results", List.of(Map.of("item", "曳引机", "ok", true)), "notes", "x", "cost", "0.00"));
		assertThat(partial).hasStatus(400);
		assertThat(partial.fieldMessage("results")).contains("制动器");
		assertThat(
				this.api.post("/api/v1/maintenance-tasks/" + latest + "/complete", other, Map.of("results", List.of())))
			.hasStatus(404);
		Api.Response done = this.api.post("/api/v1/maintenance-tasks/" + latest + "/complete", this.technician,
				Map.of("results", List.of(Map.of("item", "曳引机", "ok", true), Map.of("item", "制动器", "ok", true),
						Map.of("item", "门锁", "ok", false)), "notes", "门锁触点更换", "cost", "120.00"));
		assertThat(done).hasStatus(200);
		assertThat(done.json().get("status").asString()).isEqualTo("DONE");
		assertThat(this.api.post("/api/v1/maintenance-tasks/" + latest + "/complete", this.technician,
				Map.of("results", List.of())))
			.hasStatus(409);
		// the next visit counts from today's completion: 15 days from now, not later
		JsonNode open = this.api
			.get("/api/v1/communities/" + this.community + "/maintenance-tasks?status=OPEN", this.manager)
			.json()
			.get("content");
		List<String> dues = new ArrayList<>();
		open.forEach((t) -> dues.add(t.get("dueDate").asString()));
		assertThat(dues).contains(start.toString(), today().plusDays(15).toString())
			.doesNotContain(start.plusDays(30).toString());
		JsonNode compliance = this.api
			.get("/api/v1/communities/" + this.community + "/equipment-compliance", this.manager)
			.json();
		assertThat(compliance.get("elevators").get(0).get("overdue").asBoolean()).isFalse();
		assertThat(compliance.get("elevators").get(0).get("lastMaintained").asString()).isEqualTo(today().toString());
		JsonNode history = this.api.get("/api/v1/equipment/" + elevator + "/history", this.manager).json();
		assertThat(history.get(0).get("kind").asString()).isEqualTo("MAINTENANCE");
		assertThat(history.get(0).get("cost").asString()).isEqualTo("120.00");

		// the overdue task is reassigned, not lost
		long overdue = tasks.get(0).get("id").asLong();
		assertThat(this.api.put("/api/v1/maintenance-tasks/" + overdue + "/assignee", this.manager,
				Map.of("assigneeId", 999_999)))
			.hasStatus(400);
		long otherId = this.api.get("/api/v1/maintenance-tasks/" + overdue, this.manager).json().get("id").asLong();
		assertThat(otherId).isEqualTo(overdue);
	}

	@Test
	void aRoundOnThePhoneWithOneAbnormalCheckpointPublishesAnEventAndMissedRoundsShow() {
		String inspectorName = createStaff(List.of("INSPECTOR"), List.of(this.community));
		String inspector = this.api.token(inspectorName, "password-123");
		long inspectorId = this.api.get("/api/v1/staff?q=" + inspectorName, admin())
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
		long extinguisher = device(Map.of("code", "XF-01", "name", "1栋灭火器组", "category", "FIRE", "location", "1栋大堂"));
		JsonNode compliance = this.api
			.get("/api/v1/communities/" + this.community + "/equipment-compliance", this.manager)
			.json();
		assertThat(compliance.get("fireNotInspected").size()).isEqualTo(1);

		Api.Response plan = this.api.post("/api/v1/communities/" + this.community + "/inspection-plans", this.manager,
				Map.of("name", "消防日巡", "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "23:59", "assigneeId",
						inspectorId, "startDate", today().toString(), "checkpoints",
						List.of(Map.of("equipmentId", extinguisher, "items", List.of("压力表", "铅封")),
								Map.of("name", "地下车库消防通道", "items", List.of("通道畅通")))));
		assertThat(plan).hasStatus(201);
		assertThat(this.inspections.generateAll()).isZero();
		JsonNode rounds = this.api.get("/api/v1/inspection-rounds?assignee=me", inspector).json();
		assertThat(rounds.size()).isGreaterThanOrEqualTo(7);
		JsonNode round = rounds.get(0);
		assumeThat(round.get("status").asString()).isEqualTo("OPEN");
		long id = round.get("id").asLong();
		long first = round.get("checkpoints").get(0).get("id").asLong();
		long second = round.get("checkpoints").get(1).get("id").asLong();
		String someoneElse = staffToken(List.of("INSPECTOR"), List.of(this.community));
		assertThat(this.api.get("/api/v1/inspection-rounds/" + id, someoneElse)).hasStatus(404);
		assertThat(this.api.get("/api/v1/inspection-rounds?communityId=" + this.community, someoneElse).json().size())
			.isZero();
		assertThat(this.api.get("/api/v1/inspection-rounds?communityId=" + this.community, inspector).json().size())
			.isPositive();
		assertThat(this.api.post("/api/v1/inspection-rounds/" + id + "/checkpoints/" + first + "/result", someoneElse,
				Map.of("normal", true)))
			.hasStatus(404);
		assertThat(this.api
			.post("/api/v1/inspection-rounds/" + id + "/checkpoints/" + first + "/result", inspector,
					Map.of("normal", false))
			.fieldMessage("note")).isNotBlank();
		assertThat(this.api
			.post("/api/v1/inspection-rounds/" + id + "/checkpoints/" + first + "/result", inspector,
					Map.of("normal", true))
			.json()
			.get("status")
			.asString()).isEqualTo("OPEN");
		Api.Response abnormal = this.api.post("/api/v1/inspection-rounds/" + id + "/checkpoints/" + second + "/result",
				inspector, Map.of("result", "ABNORMAL", "note", "杂物堵塞通道"));
		assertThat(abnormal.json().get("status").asString()).isEqualTo("DONE");
		assertThat(this.events.matching(InspectionAbnormal.class, (e) -> e.roundId() == id).stream()).singleElement()
			.satisfies((e) -> {
				assertThat(e.roundId()).isEqualTo(id);
				assertThat(e.checkpointId()).isEqualTo(second);
				assertThat(e.note()).isEqualTo("杂物堵塞通道");
				assertThat(e.communityId()).isEqualTo(this.community);
			});
		assertThat(this.api.post("/api/v1/inspection-rounds/" + id + "/checkpoints/" + second + "/result", inspector,
				Map.of("normal", true)))
			.hasStatus(400);
		assertThat(this.api.get("/api/v1/equipment/" + extinguisher + "/history", this.manager)
			.json()
			.get(0)
			.get("kind")
			.asString()).isEqualTo("INSPECTION");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/equipment-compliance", this.manager)
			.json()
			.get("fireNotInspected")
			.size()).isZero();

		// a route made after today's window closed starts with tomorrow's: nothing is
		// missed that could not be done
		LocalTime now = LocalTime.now(ZONE);
		assumeThat(now.isAfter(LocalTime.of(0, 3))).isTrue();
		this.api.post("/api/v1/communities/" + this.community + "/inspection-plans", this.manager,
				Map.of("name", "凌晨巡查", "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "00:02", "assigneeId",
						inspectorId, "startDate", today().toString(), "checkpoints",
						List.of(Map.of("name", "大门", "items", List.of("门禁")))));
		JsonNode today = this.api
			.get("/api/v1/inspection-rounds?communityId=" + this.community + "&from=" + today() + "&to=" + today(),
					this.manager)
			.json();
		List<String> statuses = new ArrayList<>();
		today.forEach((r) -> statuses.add(r.get("plan").asString() + ":" + r.get("status").asString()));
		assertThat(statuses).contains("消防日巡:DONE").noneMatch((s) -> s.startsWith("凌晨巡查"));
		assertThat(this.api
			.get("/api/v1/inspection-rounds?communityId=" + this.community + "&from=" + today().plusDays(1) + "&to="
					+ today().plusDays(1), this.manager)
			.json()
			.findValuesAsString("plan")).contains("凌晨巡查");
		assertThat(this.api
			.get("/api/v1/inspection-rounds?communityId=" + this.community + "&from=2026-01-01&to=2026-12-31",
					this.manager)
			.fieldMessage("to")).contains("62");
	}

	@Test
	void theEquipmentPagesAndTheQrPage() throws Exception {
		String username = createStaff(List.of("MANAGER"), List.of(this.community));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(browser.get("/admin/communities/" + this.community + "/equipment/new").body()).contains("登记设备");
		// a refused device keeps what was typed
		var refused = browser.postForm("/admin/communities/" + this.community + "/equipment",
				Map.of("code", "DT-9", "name", "9号电梯", "category", "ELEVATOR", "status", "IN_USE", "location", "9栋"));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("持证").contains("value=\"9号电梯\"").contains("value=\"9栋\"");
		var created = browser.postForm("/admin/communities/" + this.community + "/equipment",
				Map.of("code", "DT-9", "name", "9号电梯", "category", "ELEVATOR", "status", "IN_USE", "location", "9栋",
						"contractorName", "XX电梯维保公司", "licenceNumber", "TS-9", "licenceExpiry",
						today().plusDays(10).toString()));
		assertThat(created).hasStatus(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(browser.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains("已保存");
		assertThat(browser.get("/admin/communities/" + this.community + "/equipment?category=ELEVATOR").body())
			.contains("DT-9")
			.contains("9号电梯");
		assertThat(browser.postForm("/admin/equipment/" + id + "/maintenance-plans",
				Map.of("interval", "1", "unit", "MONTHS", "checklist", "曳引机,门锁", "startDate", today().toString())))
			.hasStatus(302);
		assertThat(browser.get("/admin/equipment/" + id).body()).contains("TSG T5002");
		assertThat(browser.postForm("/admin/equipment/" + id + "/maintenance-plans",
				Map.of("interval", "2", "unit", "WEEKS", "checklist", "曳引机,门锁", "startDate", today().toString())))
			.hasStatus(302);
		String page = browser.get("/admin/equipment/" + id).body();
		assertThat(page).contains("每 14 天").contains("曳引机、门锁");
		assertThat(browser.bytes("/admin/equipment/" + id + "/qr.png"))
			.startsWith(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertThat(browser.get("/admin/communities/" + this.community + "/equipment/labels?location=9栋").body())
			.contains("9号电梯");
		assertThat(browser.get("/admin/communities/" + this.community + "/maintenance-tasks?status=OPEN").body())
			.contains("DT-9");
		assertThat(browser.get("/admin/communities/" + this.community + "/equipment-compliance").body())
			.contains("从未维保")
			.contains("TS-9");
		this.jdbc
			.sql("""
					INSERT INTO equipment (community_id, code, name, category, status, public_token, created_at, updated_at)
					SELECT ?, 'ZM-' || g, '照明 ' || g, 'LIGHTING', 'IN_USE', md5(random()::text || g), now(), now() FROM generate_series(1, 205) g""")
			.param(this.community)
			.update();
		byte[] export = browser.bytes("/admin/communities/" + this.community + "/equipment/export.xlsx");
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(export))) {
			// every device, not a page of them: the header, DT-9 and the 205 lights
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(206);
		}
		assertThat(browser.get("/admin/communities/" + this.community + "/inspection-rounds").body())
			.contains("新建巡检路线");
		assertThat(
				browser.postForm("/admin/communities/" + this.community + "/inspection-plans",
						Map.of("name", "夜间安防巡查", "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "23:59",
								"startDate", today().toString(), "checkpoints", "DT-9 | 门锁，急停\n东大门 | 门禁")))
			.hasStatus(302);
		assertThat(browser.get("/admin/communities/" + this.community + "/inspection-rounds").body()).contains("已保存")
			.contains("夜间安防巡查")
			.contains("1. 9号电梯")
			.contains("2. 东大门");

		// the QR page: no sign-in, a fault report, nothing else of the device
		String technician = createStaff(List.of("TECHNICIAN"), List.of(this.community));
		String token = this.api.get("/api/v1/equipment/" + id, this.manager).json().get("publicToken").asString();
		WebSession anyone = WebSession.anonymous(this.api.base());
		String qr = anyone.get("/d/" + token).body();
		assertThat(qr).contains("9号电梯").contains("9栋").doesNotContain("TS-9");
		assertThat(anyone.postForm("/d/" + token + "/faults", Map.of("description", "")).body()).contains("请描述故障情况");
		assertThat(anyone.postForm("/d/" + token + "/faults", Map.of("description", "电梯门关不上", "reporterName", "王先生")))
			.hasStatus(302);
		assertThat(anyone.get("/d/" + token + "?reported").body()).contains("已收到您的报修");
		// published for the work-orders module
		FaultReported reported = this.events.await(FaultReported.class,
				(e) -> e.equipmentId() == id && e.description().equals("电梯门关不上"));
		assertThat(reported.communityId()).isEqualTo(this.community);
		assertThat(reported.category()).isEqualTo(DeviceCategory.ELEVATOR);
		assertThat(reported.reporterName()).isEqualTo("王先生");
		// and rings the bell of the community's technicians and managers
		Eventually.eventually(() -> assertThat(
				this.jdbc.sql("SELECT count(*) FROM notification WHERE template = 'FAULT_REPORTED' AND subject = ?")
					.param("equipment:" + id)
					.query(Long.class)
					.single())
			.isPositive());
		Deliveries.deliverNow(this.context);
		WebSession bench = WebSession.signIn(this.api.base(), technician, "password-123");
		assertThat(bench.get("/admin/messages").body()).contains("设备报修：" + reported.equipmentCode()).contains("电梯门关不上");
		assertThat(bench.get("/admin/messages/unread").body()).contains("unread-count");
		Matcher alert = Pattern.compile("id=\"message-(\\d+)\"").matcher(bench.get("/admin/messages").body());
		assertThat(alert.find()).isTrue();
		String read = "/admin/messages/" + alert.group(1) + "/read";
		// a colleague cannot mark it; its owner can
		WebSession colleague = WebSession.signIn(this.api.base(),
				createStaff(List.of("TECHNICIAN"), List.of(this.community)), "password-123");
		colleague.get("/admin/messages");
		assertThat(colleague.postForm(read, Map.of())).hasStatus(404);
		assertThat(bench.postForm(read, Map.of())).hasStatus(302);
		assertThat(bench.get("/admin/messages/unread").body()).doesNotContain("unread-count");
		for (int i = 0; i < 4; i++) {
			anyone.postForm("/d/" + token + "/faults", Map.of("description", "又坏了 " + i));
		}
		var flooded = anyone.postForm("/d/" + token + "/faults", Map.of("description", "刷屏"));
		assertThat(flooded).hasStatus(429);
		assertThat(flooded.body()).contains("提交过于频繁");
		assertThat(anyone.get("/d/notatoken")).hasStatus(404);
		assertThat(anyone.get("/admin/equipment/" + id)).hasStatus(302);
		JsonNode faults = this.api.get("/api/v1/equipment/" + id + "/history", this.manager).json();
		// the five reports, beside the repair orders they became
		assertThat(faults.valueStream().filter((f) -> f.get("kind").asString().equals("FAULT_PUBLIC")).count())
			.isEqualTo(5);
		assertThat(faults.get(faults.size() - 1).get("summary").asString()).isEqualTo("电梯门关不上");
		String stranger = createStaff(List.of("MANAGER"), List.of(createCommunity()));
		WebSession other = WebSession.signIn(this.api.base(), stranger, "password-123");
		assertThat(other.get("/admin/equipment/" + id)).hasStatus(404);
		assertThat(other.get("/admin/communities/" + this.community + "/equipment")).hasStatus(404);
	}

	@Test
	void photosAndDocumentsAreCheckedByContentAndStoredUnderNamesLinliChooses() throws Exception {
		long pump = device(Map.of("code", "SB-02", "name", "消防水泵", "category", "FIRE"));
		byte[] png = QrCodes.png("photo", 60);
		Api.Response photo = this.api.upload("/api/v1/equipment/" + pump + "/files", this.manager,
				"../../etc/铭牌<1>.PNG", png);
		assertThat(photo).hasStatus(201);
		assertThat(photo.json().get("name").asString()).isEqualTo("铭牌1.png");
		assertThat(photo.json().get("contentType").asString()).isEqualTo("image/png");
		byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.api.upload("/api/v1/equipment/" + pump + "/files", this.technician, "合格证.pdf", pdf))
			.hasStatus(201);
		Api.Response script = this.api.upload("/api/v1/equipment/" + pump + "/files", this.manager, "photo.png",
				"<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
		assertThat(script).hasStatus(400);
		assertThat(script.fieldMessage("file")).contains("PDF");
		byte[] huge = new byte[11 * 1024 * 1024];
		huge[0] = (byte) 0xFF;
		huge[1] = (byte) 0xD8;
		huge[2] = (byte) 0xFF;
		assertThat(this.api.upload("/api/v1/equipment/" + pump + "/files", this.manager, "big.jpg", huge))
			.hasStatus(400, 413);
		JsonNode files = this.api.get("/api/v1/equipment/" + pump + "/files", this.technician).json();
		assertThat(files.size()).isEqualTo(2);
		Api.Response download = this.api
			.download("/api/v1/equipment/" + pump + "/files/" + files.get(0).get("id").asLong(), this.technician);
		assertThat(download.bytes()).isEqualTo(png);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		String inspector = staffToken(List.of("INSPECTOR"), List.of(this.community));
		assertThat(this.api.upload("/api/v1/equipment/" + pump + "/files", inspector, "x.png", png)).hasStatus(403);
		String stranger = staffToken(List.of("MANAGER"), List.of(createCommunity()));
		assertThat(
				this.api.download("/api/v1/equipment/" + pump + "/files/" + files.get(0).get("id").asLong(), stranger))
			.hasStatus(404);
		assertThat(this.api.upload("/api/v1/equipment/" + pump + "/files", stranger, "x.png", png)).hasStatus(404);
		// stored under a name Linli made up, in the database where every node reads it
		String stored = this.jdbc
			.sql("SELECT stored_name FROM equipment_file WHERE equipment_id = ? ORDER BY id LIMIT 1")
			.param(pump)
			.query(String.class)
			.single();
		assertThat(stored).matches("[0-9a-f-]{36}\\.png");
		assertThat(this.jdbc.sql("SELECT sum(length(data)) FROM stored_file_chunk WHERE name = ?")
			.param(stored)
			.query(Long.class)
			.single()).isEqualTo(png.length);
	}

	@Test
	void filesKeptOnDiskByEarlierVersionsMoveIntoTheDatabaseOnStart() throws Exception {
		long pump = device(Map.of("code", "SB-OLD", "name", "老水泵", "category", "WATER", "location", "泵房"));
		// as an earlier version left it: a row naming a file in data/files/equipment
		Path folder = Path.of(this.dataDir, "files", "equipment");
		Files.createDirectories(folder);
		String stored = java.util.UUID.randomUUID() + ".pdf";
		byte[] pdf = new byte[3 * FileStore.CHUNK + 17];
		new java.util.Random(7).nextBytes(pdf);
		System.arraycopy("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 8);
		Files.write(folder.resolve(stored), pdf);
		long file = this.jdbc
			.sql("""
					INSERT INTO equipment_file (equipment_id, original_name, stored_name, content_type, size, uploaded_by, uploaded_at)
					VALUES (?, '说明书.pdf', ?, 'application/pdf', ?, NULL, now()) RETURNING id""")
			.params(pump, stored, pdf.length)
			.query(Long.class)
			.single();
		Seed move = this.context.getBean("equipmentFilesMove", Seed.class);
		move.seed();
		move.seed();
		Api.Response download = this.api.download("/api/v1/equipment/" + pump + "/files/" + file, this.technician);
		assertThat(download).hasStatus(200);
		assertThat(download.bytes()).isEqualTo(pdf);
		assertThat(folder).doesNotExist();
		// moved aside, not deleted (beside any folder an earlier run moved)
		try (var moved = Files.walk(Path.of(this.dataDir, "files-moved"))) {
			assertThat(moved.map((p) -> p.getFileName().toString())).contains(stored);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM stored_file_chunk WHERE name = ?")
			.param(stored)
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void anImportIsAllOrNothingWithEachProblemByRowAndColumn() throws Exception {
		Api.Response template = this.api.download("/api/v1/communities/" + this.community + "/equipment/template.xlsx",
				this.manager);
		assertThat(template).hasStatus(200);
		byte[] bad = workbook(new String[][] {
				{ "DT-7-01", "7栋电梯", "电梯", "日立", "", "", "7栋", "2021-03-01", "", "", "在用", "XX维保", "TS-7",
						"2028-01-01" },
				{ "DT-8-01", "8栋电梯", "电梯", "", "", "", "8栋", "", "", "", "", "", "", "" },
				{ "DT-7-01", "重复", "FIRE", "", "", "", "", "", "", "", "", "", "", "" },
				{ "X-1", "未知类别", "火箭", "", "", "", "", "2021-13-01", "", "abc", "", "", "", "" } });
		Api.Response refused = this.api.upload("/api/v1/communities/" + this.community + "/equipment/import",
				this.manager, "devices.xlsx", bad);
		assertThat(refused).hasStatus(400);
		List<String> problems = new ArrayList<>();
		refused.json()
			.get("errors")
			.forEach((e) -> problems.add(e.get("row").asInt() + ":" + e.get("field").asString()));
		assertThat(problems).contains("3:contractor.licenceNumber", "4:code", "5:category", "5:installDate", "5:price");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/equipment", this.manager)
			.json()
			.get("totalElements")
			.asLong()).isZero();
		byte[] good = workbook(new String[][] {
				{ "DT-7-01", "7栋电梯", "电梯", "日立", "", "", "7栋", "2021-03-01", "", "", "在用", "XX维保", "TS-7",
						"2028-01-01" },
				{ "XF-7-01", "7栋灭火器", "消防", "", "", "", "7栋", "", "", "120.5", "", "", "", "" } });
		Api.Response imported = this.api.upload("/api/v1/communities/" + this.community + "/equipment/import",
				this.manager, "devices.xlsx", good);
		assertThat(imported).hasStatus(200);
		assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
		JsonNode fire = this.api.get("/api/v1/communities/" + this.community + "/equipment?category=FIRE", this.manager)
			.json()
			.get("content")
			.get(0);
		assertThat(fire.get("price").asString()).isEqualTo("120.50");
		assertThat(fire.get("publicToken").asString()).hasSize(24);
		assertThat(this.api.upload("/api/v1/communities/" + this.community + "/equipment/import", this.technician,
				"devices.xlsx", good))
			.hasStatus(403);
	}

	private static byte[] workbook(String[][] rows) throws IOException {
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("设备");
			sheet.createRow(0).createCell(0).setCellValue("设备编号");
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					if (!rows[r][c].isEmpty()) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@Test
	void aCategoryPlanCoversEveryDeviceOfItsCategoryIncludingLaterOnes() {
		long first = device(Map.of("code", "XF-A", "name", "A栋灭火器", "category", "FIRE"));
		long second = device(Map.of("code", "XF-B", "name", "B栋灭火器", "category", "FIRE"));
		device(Map.of("code", "SB-A", "name", "水泵", "category", "WATER"));
		assertThat(this.api
			.post("/api/v1/communities/" + this.community + "/maintenance-plans", this.manager, Map.of("category",
					"ELEVATOR", "intervalMonths", 1, "checklist", List.of("x"), "startDate", today().toString()))
			.fieldMessage("intervalMonths")).contains("15");
		Api.Response plan = this.api.post("/api/v1/communities/" + this.community + "/maintenance-plans", this.manager,
				Map.of("category", "FIRE", "intervalMonths", 1, "checklist", List.of("压力", "有效期"), "startDate",
						today().toString(), "assigneeId", this.technicianId));
		assertThat(plan).hasStatus(201);
		JsonNode tasks = this.api.get("/api/v1/communities/" + this.community + "/maintenance-tasks", this.manager)
			.json()
			.get("content");
		Set<Long> devices = new HashSet<>();
		tasks.forEach((t) -> devices.add(t.get("equipmentId").asLong()));
		assertThat(devices).containsExactlyInAnyOrder(first, second);
		assertThat(tasks.size())
			.isEqualTo(2 * Schedules.dueDates(new Schedules.Cadence(null, 1), today(), null, today(), 60).size());
		long third = device(Map.of("code", "XF-C", "name", "C栋灭火器", "category", "FIRE"));
		assertThat(this.maintenance.generateAll())
			.isEqualTo(Schedules.dueDates(new Schedules.Cadence(null, 1), today(), null, today(), 60).size());
		assertThat(this.api.get("/api/v1/equipment/" + third + "/maintenance-plans", this.manager)
			.json()
			.get(0)
			.get("category")
			.asString()).isEqualTo("FIRE");
		assertThat(this.api.get("/api/v1/equipment/" + third + "/maintenance-plans", this.manager)
			.json()
			.get(0)
			.get("name")
			.asString()).isEqualTo("消防维保");
	}

	@Test
	void photosOfTheJobOnTasksAndCheckpoints() {
		byte[] png = QrCodes.png("job", 40);
		long pump = device(Map.of("code", "SB-P", "name", "水泵", "category", "WATER"));
		this.api.post("/api/v1/equipment/" + pump + "/maintenance-plans", this.manager, Map.of("intervalMonths", 1,
				"checklist", List.of("润滑"), "assigneeId", this.technicianId, "startDate", today().toString()));
		long task = this.api.get("/api/v1/communities/" + this.community + "/maintenance-tasks", this.manager)
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
		assertThat(this.api.upload("/api/v1/maintenance-tasks/" + task + "/photos", this.technician, "photo", "a.pdf",
				"%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))
			.hasStatus(400);
		Api.Response withPhoto = this.api.upload("/api/v1/maintenance-tasks/" + task + "/photos", this.technician,
				"photo", "job.png", png);
		assertThat(withPhoto).hasStatus(200);
		long photo = withPhoto.json().get("photos").get(0).asLong();
		assertThat(this.api.download("/api/v1/equipment-photos/" + photo, this.manager).bytes()).isEqualTo(png);
		String stranger = staffToken(List.of("MANAGER"), List.of(createCommunity()));
		assertThat(this.api.download("/api/v1/equipment-photos/" + photo, stranger)).hasStatus(404);
		String other = staffToken(List.of("TECHNICIAN"), List.of(this.community));
		assertThat(this.api.upload("/api/v1/maintenance-tasks/" + task + "/photos", other, "photo", "job.png", png))
			.hasStatus(404);

		Api.Response plan = this.api.post("/api/v1/communities/" + this.community + "/inspection-plans", this.manager,
				Map.of("name", "泵房巡查", "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "23:59", "assigneeId",
						this.technicianId, "startDate", today().toString(), "checkpoints",
						List.of(Map.of("equipmentId", pump, "items", List.of("渗漏")))));
		assertThat(plan).hasStatus(201);
		JsonNode round = this.api.get("/api/v1/inspection-rounds?assignee=me", this.technician).json().get(0);
		assumeThat(round.get("status").asString()).isEqualTo("OPEN");
		String base = "/api/v1/inspection-rounds/" + round.get("id").asLong() + "/checkpoints/"
				+ round.get("checkpoints").get(0).get("id").asLong();
		assertThat(this.api.upload(base + "/photos", this.technician, "photo", "p.png", png)).hasStatus(400);
		this.api.post(base + "/result", this.technician, Map.of("normal", false, "note", "地面有水"));
		JsonNode after = this.api.upload(base + "/photos", this.technician, "photo", "p.png", png).json();
		assertThat(after.get("results").get(0).get("photos").size()).isEqualTo(1);
	}

	private Map<String, Object> elevator(String code) {
		Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "1栋1号电梯", "category", "ELEVATOR", "brand",
				"奥的斯", "model", "GeN2", "serialNumber", "SN123", "location", "1栋", "purchaseDate", "2020-05-01",
				"installDate", "2020-06-01"));
		body.put("warrantyUntil", "2025-06-01");
		body.put("contractor",
				Map.of("name", "XX电梯维保公司", "licenceNumber", "TS3110001-2026", "licenceExpiry", "2028-12-31"));
		return body;
	}

	private long device(Map<String, Object> body) {
		Api.Response response = this.api.post("/api/v1/communities/" + this.community + "/equipment", this.manager,
				body);
		assertThat(response).hasStatus(201);
		return response.id();
	}

	private static LocalDate today() {
		return LocalDate.now(ZONE);
	}

}
