package org.linli.workorders;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.equipment.InspectionAbnormal;
import org.linli.support.Api;
import org.linli.support.Eventually;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import org.linli.workorders.internal.WorkOrderService;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Repair orders through HTTP: each way in (the portal, the front desk, a QR label, an
 * abnormal inspection), dispatch and every step, completion with its charge (once, and
 * cancelled with the order), the rating and call-back, the limits, and closing unrated
 * orders.
 */
class WorkOrderIntegrationTests extends IntegrationTest {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	@Autowired
	WorkOrderService service;

	@Autowired
	WorkOrders workOrders;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private long community;

	private long room;

	private String resident;

	private String service(List<String> roles) {
		return staffToken(roles, List.of(this.community));
	}

	private String technicianUser;

	private String technician;

	private long technicianId;

	private String desk;

	@BeforeEach
	void aCommunityWithAResidentAndATechnician() {
		this.community = createCommunity();
		this.room = createRoom(createBuilding(this.community, "1栋"), "1单元", 3, "301");
		this.resident = residentToken(this.community, this.room, "OWNER");
		this.technicianUser = createStaff(List.of("TECHNICIAN"), List.of(this.community));
		this.technician = this.api.token(this.technicianUser, "password-123");
		this.technicianId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(this.technicianUser)
			.query(Long.class)
			.single();
		this.desk = service(List.of("SERVICE"));
	}

	private long report(String description) {
		Api.Response created = this.api.post("/api/v1/me/work-orders", this.resident,
				Map.of("roomId", this.room, "area", "IN_HOME", "category", "PLUMBING", "description", description,
						"location", "厨房", "preferredTime", "2026-12-01T09:00:00+08:00"));
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private JsonNode step(long id, String step, String token, Object body) {
		Api.Response response = this.api.post("/api/v1/work-orders/" + id + "/" + step, token, body);
		assertThat(response).hasStatus(200);
		return response.json();
	}

	private JsonNode toWork(long id) {
		step(id, "assign", this.desk, Map.of("assigneeId", this.technicianId));
		step(id, "accept", this.technician, Map.of());
		return step(id, "start", this.technician, Map.of());
	}

	private static Map<String, Object> chargeable() {
		return Map.of("note", "更换阀门", "labour", "50.00", "materials",
				List.of(Map.of("name", "角阀", "quantity", "1", "unitPrice", "30.00")), "chargeable", true);
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aResidentsLeakIsDispatchedRepairedChargedOnceSeenInTheirBillsAndRated() {
		long id = report("厨房水管漏水");
		JsonNode order = this.api.get("/api/v1/me/work-orders/" + id, this.resident).json();
		assertThat(order.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(order.get("number").asString()).matches("BX\\d{4}-\\d{5}");
		assertThat(order.get("source").asString()).isEqualTo("PORTAL");
		assertThat(order.get("place").asString()).isEqualTo("1栋-1单元-301（厨房）");
		assertThat(order.get("preferredTime").asString()).isEqualTo("2026-12-01T01:00:00Z");
		assertThat(order.get("history").get(0).get("status").asString()).isEqualTo("SUBMITTED");
		// photos: images only, by their bytes
		assertThat(this.api.upload("/api/v1/me/work-orders/" + id + "/photos", this.resident, "leak.png", PNG))
			.hasStatus(201);
		Api.Response text = this.api.upload("/api/v1/me/work-orders/" + id + "/photos", this.resident, "leak.png",
				"not an image".getBytes());
		assertThat(text).hasStatus(400);
		assertThat(text.fieldMessage("file")).contains("PNG");
		long photo = this.api.get("/api/v1/me/work-orders/" + id, this.resident)
			.json()
			.get("photos")
			.get(0)
			.get("id")
			.asLong();
		Api.Response download = this.api.download("/api/v1/me/work-orders/" + id + "/photos/" + photo, this.resident);
		assertThat(download).hasStatus(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

		// the dispatcher is helped by a suggestion
		JsonNode candidates = this.api.get("/api/v1/work-orders/" + id + "/candidates", this.desk).json();
		assertThat(candidates.get(0).get("id").asLong()).isEqualTo(this.technicianId);
		assertThat(candidates.get(0).get("suggested").asBoolean()).isTrue();
		toWork(id);
		JsonNode done = step(id, "complete", this.technician, chargeable());
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("charge").get("amount").asString()).isEqualTo("80.00");
		long bill = done.get("charge").get("billId").asLong();
		// a retry charges nothing twice
		JsonNode again = step(id, "complete", this.technician, chargeable());
		assertThat(again.get("charge").get("billId").asLong()).isEqualTo(bill);
		assertThat(count("SELECT count(*) FROM bill WHERE source_key = ?", "workorder:" + id)).isEqualTo(1);
		// the resident sees the 80.00 line in their bills
		JsonNode bills = this.api.get("/api/v1/me/bills", this.resident).json();
		assertThat(bills.valueStream()
			.filter((b) -> b.get("id").asLong() == bill)
			.findFirst()
			.orElseThrow()
			.get("amount")
			.asString()).isEqualTo("80.00");
		// and was told of each step
		Eventually.eventually(() -> assertThat(this.jdbc.sql("""
				SELECT template FROM notification WHERE recipient_kind = 'RESIDENT' AND subject = ? ORDER BY id""")
			.param("workorder:" + id)
			.query(String.class)
			.list()).contains("WORK_ORDER_ASSIGNED", "WORK_ORDER_ACCEPTED", "WORK_ORDER_IN_PROGRESS",
					"WORK_ORDER_COMPLETED_CHARGED"));
		// rates it, which closes it
		Api.Response rated = this.api.post("/api/v1/me/work-orders/" + id + "/evaluation", this.resident,
				Map.of("stars", 4, "comment", "修得很快"));
		assertThat(rated).hasStatus(200);
		assertThat(rated.json().get("status").asString()).isEqualTo("CLOSED");
		assertThat(rated.json().get("rating").asInt()).isEqualTo(4);
		assertThat(rated.json().get("callbackDue").asBoolean()).isFalse();
		assertThat(this.api.post("/api/v1/me/work-orders/" + id + "/evaluation", this.resident, Map.of("stars", 1)))
			.hasStatus(409);
		// rated well: nobody needs to call back
		assertThat(this.api.post("/api/v1/work-orders/" + id + "/callback", this.desk, Map.of("note", "回访")))
			.hasStatus(409);
	}

	@Test
	void aStepNotAllowedFromTheCurrentStateIs409NamingBothStatesAndChangesNothing() {
		long id = report("门锁坏了");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/work-orders?pool=true", this.desk)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(1);
		step(id, "assign", this.desk, Map.of("assigneeId", this.technicianId));
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/work-orders?pool=true", this.desk)
			.json()
			.get("totalElements")
			.asInt()).isZero();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/work-orders?open=true", this.desk)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(1);
		Api.Response refused = this.api.post("/api/v1/work-orders/" + id + "/complete", this.technician, chargeable());
		assertThat(refused).hasStatus(409);
		assertThat(refused.body()).contains("已派单").contains("已完工");
		assertThat(this.api.post("/api/v1/work-orders/" + id + "/hold", this.technician, Map.of("note", "x")))
			.hasStatus(409);
		// a reason is required where one is asked for
		step(id, "accept", this.technician, Map.of());
		step(id, "start", this.technician, Map.of());
		assertThat(this.api.post("/api/v1/work-orders/" + id + "/hold", this.technician, Map.of("note", " ")))
			.hasStatus(400);
		assertThat(this.api.get("/api/v1/work-orders/" + id, this.desk).json().get("status").asString())
			.isEqualTo("IN_PROGRESS");
		// public areas are never charged to a resident
		long lobby = this.api
			.post("/api/v1/communities/" + this.community + "/work-orders", this.desk,
					Map.of("location", "1栋大堂", "category", "LIGHTING", "description", "大堂灯不亮"))
			.id();
		toWork(lobby);
		Api.Response charged = this.api.post("/api/v1/work-orders/" + lobby + "/complete", this.technician,
				chargeable());
		assertThat(charged).hasStatus(400);
		assertThat(charged.fieldMessage("chargeable")).contains("公共区域");
		assertThat(count("SELECT count(*) FROM bill WHERE source_key = ?", "workorder:" + lobby)).isZero();
	}

	@Test
	void cancellingAChargedOrderCancelsItsLineWithAnAdjustmentUnlessSomethingWasPaid() {
		long id = report("水龙头滴水");
		toWork(id);
		long bill = step(id, "complete", this.technician, chargeable()).get("charge").get("billId").asLong();
		JsonNode cancelled = step(id, "cancel", this.desk, Map.of("note", "误收费，免费维修"));
		assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.get("charge").get("status").asString()).isEqualTo("CANCELLED");
		assertThat(count("SELECT count(*) FROM bill_adjustment WHERE bill_id = ? AND kind = 'CANCELLATION'", bill))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM bill WHERE id = ? AND amount = 80.00", bill)).isEqualTo(1);

		long paid = report("马桶漏水");
		toWork(paid);
		long paidBill = step(paid, "complete", this.technician, chargeable()).get("charge").get("billId").asLong();
		String finance = service(List.of("FINANCE"));
		assertThat(this.api.post("/api/v1/payments", finance,
				Map.of("roomId", this.room, "amount", "80.00", "method", "CASH", "billIds", List.of(paidBill)),
				"Idempotency-Key", UUID.randomUUID().toString()))
			.hasStatus(201);
		Api.Response refused = this.api.post("/api/v1/work-orders/" + paid + "/cancel", this.desk,
				Map.of("note", "误收费"));
		assertThat(refused).hasStatus(409);
		assertThat(this.api.get("/api/v1/work-orders/" + paid, this.desk).json().get("status").asString())
			.isEqualTo("COMPLETED");
	}

	@Test
	void aRepairsChargeCountsAsTheHouseholdsUntilFinanceCancelsItsLine() {
		long kept = report("水龙头滴水");
		toWork(kept);
		step(kept, "complete", this.technician, chargeable());
		long dropped = report("马桶漏水");
		toWork(dropped);
		long droppedBill = step(dropped, "complete", this.technician, chargeable()).get("charge")
			.get("billId")
			.asLong();
		String finance = service(List.of("FINANCE"));
		assertThat(this.api.post("/api/v1/bills/" + droppedBill + "/cancel", finance, Map.of("reason", "免费维修")))
			.hasStatus(200);

		LocalDate today = this.clock.today();
		Map<Long, WorkOrders.RepairCost> costs = new java.util.HashMap<>();
		this.workOrders.repairCosts(this.community, today.minusDays(1), today.plusDays(1))
			.forEach((cost) -> costs.put(cost.workOrderId(), cost));

		assertThat(costs.get(kept).cost().amount()).isEqualByComparingTo("80.00");
		assertThat(costs.get(kept).charged().amount()).isEqualByComparingTo("80.00");
		assertThat(costs.get(kept).expense().amount()).isEqualByComparingTo("0.00");
		assertThat(costs.get(dropped).charged().amount()).isEqualByComparingTo("0.00");
		assertThat(costs.get(dropped).expense().amount()).isEqualByComparingTo("80.00");
	}

	@Test
	void theFrontDeskRegistersACallerAndItsPhoneIsMaskedAndKeptEncrypted() {
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/work-orders", this.desk,
				Map.of("roomId", this.room, "category", "ELECTRICAL", "description", "跳闸", "urgency", "URGENT",
						"reporterName", "王先生", "reporterPhone", "13912345678"));
		assertThat(created).hasStatus(201);
		JsonNode order = created.json();
		assertThat(order.get("source").asString()).isEqualTo("STAFF");
		assertThat(order.get("area").asString()).isEqualTo("IN_HOME");
		assertThat(order.get("reporterPhone").asString()).isEqualTo("139****5678");
		assertThat(count("SELECT count(*) FROM work_order WHERE id = ? AND reporter_phone_cipher LIKE '%13912345678%'",
				order.get("id").asLong()))
			.isZero();
		// urgent: respond within 2 hours, complete within 24
		Instant created0 = Instant.parse(order.get("createdAt").asString());
		assertThat(Instant.parse(order.get("respondBy").asString())).isEqualTo(created0.plusSeconds(7200));
		assertThat(Instant.parse(order.get("resolveBy").asString())).isEqualTo(created0.plusSeconds(86400));
		// the technician it is given to calls the caller: in clear for them while it is
		// open
		long id = order.get("id").asLong();
		step(id, "assign", this.desk, Map.of("assigneeId", this.technicianId));
		assertThat(this.api.get("/api/v1/work-orders/" + id, this.technician).json().get("reporterPhone").asString())
			.isEqualTo("13912345678");
		assertThat(this.api.get("/api/v1/work-orders/" + id, this.desk).json().get("reporterPhone").asString())
			.isEqualTo("139****5678");
		// the resident of the room sees it, without the caller's phone
		JsonNode theirs = this.api.get("/api/v1/me/work-orders/" + order.get("id").asLong(), this.resident).json();
		assertThat(theirs.get("reporterPhone").isNull()).isTrue();
		Api.Response bad = this.api.post("/api/v1/communities/" + this.community + "/work-orders", this.desk,
				Map.of("category", "ELECTRICAL", "description", "跳闸", "reporterPhone", "12"));
		assertThat(bad).hasStatus(400);
		assertThat(bad.fieldMessage("roomId")).isNotBlank();
		assertThat(bad.fieldMessage("reporterPhone")).isNotBlank();
	}

	@Test
	void aQrReportOpensAnOrderForTheDeviceWhichIsUnderRepairUntilDoneAndTheReporterFollowsItWithTheirCode() {
		String manager = service(List.of("MANAGER"));
		long device = this.api.post("/api/v1/communities/" + this.community + "/equipment", manager,
				Map.of("code", "DT-" + UUID.randomUUID().toString().substring(0, 4), "name", "1号电梯", "category",
						"ELEVATOR", "location", "1栋", "contractor",
						Map.of("name", "奥的斯", "licenceNumber", "TS-1", "licenceExpiry", "2030-01-01")))
			.id();
		String token = this.api.get("/api/v1/equipment/" + device, manager).json().get("publicToken").asString();
		WebSession anyone = WebSession.anonymous(this.api.base());
		assertThat(anyone.get("/d/" + token)).hasStatus(200);
		HttpResponse<String> posted = anyone.postForm("/d/" + token + "/faults",
				Map.of("description", "电梯门夹人", "reporterName", "路过的住户"));
		assertThat(posted).hasStatus(302);
		Matcher code = Pattern.compile("code=([A-Z0-9]{8})")
			.matcher(posted.headers().firstValue("Location").orElse(""));
		assertThat(code.find()).isTrue();
		Eventually.eventually(() -> assertThat(
				count("SELECT count(*) FROM work_order WHERE equipment_id = ? AND source = 'QR'", device))
			.isEqualTo(1));
		long id = this.jdbc.sql("SELECT id FROM work_order WHERE equipment_id = ?")
			.param(device)
			.query(Long.class)
			.single();
		JsonNode order = this.api.get("/api/v1/work-orders/" + id, manager).json();
		assertThat(order.get("category").asString()).isEqualTo("ELEVATOR");
		assertThat(order.get("area").asString()).isEqualTo("PUBLIC");
		assertThat(this.api.get("/api/v1/equipment/" + device, manager).json().get("status").asString())
			.isEqualTo("UNDER_REPAIR");
		// the reporter checks with the code; a wrong code reveals nothing
		String page = anyone.get("/d/" + token + "?code=" + code.group(1)).body();
		assertThat(page).contains("待派单").contains(order.get("number").asString()).doesNotContain("路过的住户");
		assertThat(anyone.get("/d/" + token + "?code=ZZZZZZZZ").body()).contains("未找到").doesNotContain("待派单");
		toWork(id);
		step(id, "complete", this.technician, Map.of("note", "调整门机", "labour", "0"));
		assertThat(this.api.get("/api/v1/equipment/" + device, manager).json().get("status").asString())
			.isEqualTo("IN_USE");
		assertThat(anyone.get("/d/" + token + "?code=" + code.group(1)).body()).contains("已完工");
		// the device's history lists the repair
		assertThat(this.api.get("/api/v1/equipment/" + device + "/history", manager).body()).contains("REPAIR")
			.contains(order.get("number").asString());
	}

	@Test
	void aDeviceStaysUnderRepairWhileAnyOrderForItIsOpenAndKeepsAStatusSomeoneElseSet() {
		String manager = service(List.of("MANAGER"));
		Map<String, Object> pump = Map.of("code", "SB-" + UUID.randomUUID().toString().substring(0, 4), "name", "水泵",
				"category", "WATER", "location", "泵房");
		long device = this.api.post("/api/v1/communities/" + this.community + "/equipment", manager, pump).id();
		Map<String, Object> fault = Map.of("deviceId", device, "category", "PLUMBING", "description", "漏水");
		long first = this.api.post("/api/v1/communities/" + this.community + "/work-orders", this.desk, fault).id();
		long second = this.api.post("/api/v1/communities/" + this.community + "/work-orders", this.desk, fault).id();
		assertThat(deviceStatus(device, manager)).isEqualTo("UNDER_REPAIR");
		toWork(first);
		step(first, "complete", this.technician, Map.of("note", "换密封圈"));
		assertThat(deviceStatus(device, manager)).isEqualTo("UNDER_REPAIR");
		step(second, "cancel", this.desk, Map.of("note", "重复报修"));
		assertThat(deviceStatus(device, manager)).isEqualTo("IN_USE");
		// stopped by hand while under repair: the repair's end leaves it stopped
		long third = this.api.post("/api/v1/communities/" + this.community + "/work-orders", this.desk, fault).id();
		Map<String, Object> stopped = new java.util.HashMap<>(pump);
		stopped.put("status", "STOPPED");
		assertThat(this.api.put("/api/v1/equipment/" + device, manager, stopped)).hasStatus(200);
		step(third, "cancel", this.desk, Map.of("note", "停用待更换"));
		assertThat(deviceStatus(device, manager)).isEqualTo("STOPPED");
	}

	private String deviceStatus(long device, String token) {
		return this.api.get("/api/v1/equipment/" + device, token).json().get("status").asString();
	}

	@Test
	void anAbnormalCheckpointOpensExactlyOneOrderHoweverOftenItsEventArrives() {
		InspectionAbnormal abnormal = new InspectionAbnormal(this.community, 9_000_000L + (long) (Math.random() * 1e6),
				7L, "地下泵房", null, "地面积水", null);
		for (int i = 0; i < 2; i++) {
			this.transactions.executeWithoutResult((status) -> this.events.publishEvent(abnormal));
		}
		Eventually.eventually(
				() -> assertThat(count("SELECT count(*) FROM work_order WHERE source = 'INSPECTION' AND source_key = ?",
						"inspection:" + abnormal.roundId() + ":7"))
					.isEqualTo(1));
		JsonNode order = this.api
			.get("/api/v1/communities/" + this.community + "/work-orders?source=INSPECTION", this.desk)
			.json()
			.get("content")
			.get(0);
		assertThat(order.get("place").asString()).isEqualTo("地下泵房");
	}

	@Test
	void anOrderPastItsLimitIsFlaggedAndItsManagersAreToldOnce() {
		String manager = createStaff(List.of("MANAGER"), List.of(this.community));
		long id = this.api
			.post("/api/v1/communities/" + this.community + "/work-orders", this.desk,
					Map.of("roomId", this.room, "category", "GAS", "description", "燃气味", "urgency", "EMERGENCY"))
			.id();
		assertThat(this.api.get("/api/v1/work-orders/" + id, this.desk).json().get("overdue").asBoolean()).isFalse();
		this.clock.setInstant(this.clock.instant().plusSeconds(31 * 60));
		this.desk = service(List.of("SERVICE"));
		assertThat(this.api.get("/api/v1/work-orders/" + id, this.desk).json().get("overdue").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/work-orders?overdue=true", this.desk)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(1);
		this.service.flagOverdue();
		this.service.flagOverdue();
		long managerId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(manager)
			.query(Long.class)
			.single();
		assertThat(count("""
				SELECT count(*) FROM notification WHERE template = 'WORK_ORDER_OVERDUE' AND recipient_kind = 'STAFF'
				AND recipient_id = ? AND subject = ?""", managerId, "workorder:" + id)).isEqualTo(1);
	}

	@Test
	void aPoorRatingAsksForACallBackAndUnratedOrdersCloseThemselvesAfterSevenDays() {
		String manager = service(List.of("MANAGER"));
		long poor = report("下水道堵了");
		toWork(poor);
		step(poor, "complete", this.technician, Map.of("note", "疏通"));
		assertThat(this.api.post("/api/v1/me/work-orders/" + poor + "/evaluation", this.resident,
				Map.of("stars", 2, "comment", "来得太晚")))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/work-orders?callbackDue=true", manager)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(1);
		JsonNode called = step(poor, "callback", manager, Map.of("note", "已致电道歉，住户表示理解"));
		assertThat(called.get("callbackDue").asBoolean()).isFalse();
		assertThat(this.api.post("/api/v1/work-orders/" + poor + "/callback", this.technician, Map.of("note", "x")))
			.hasStatus(403);

		long unrated = report("灯不亮");
		toWork(unrated);
		step(unrated, "complete", this.technician, Map.of("note", "换灯泡"));
		this.clock.setInstant(this.clock.instant().plusSeconds(6 * 86400));
		this.service.closeUnrated();
		manager = service(List.of("MANAGER"));
		assertThat(this.api.get("/api/v1/work-orders/" + unrated, manager).json().get("status").asString())
			.isEqualTo("COMPLETED");
		this.clock.setInstant(this.clock.instant().plusSeconds(86400 + 60));
		this.service.closeUnrated();
		manager = service(List.of("MANAGER"));
		JsonNode closed = this.api.get("/api/v1/work-orders/" + unrated, manager).json();
		assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
		assertThat(closed.get("rating").isNull()).isTrue();
	}

	@Test
	void techniciansTakeFromThePoolOnlyWhereTheCommunityAllowsItAndGiveBackWithAReason() {
		long id = report("阳台漏水");
		JsonNode pool = this.api.get("/api/v1/work-orders/mine", this.technician).json();
		assertThat(pool.get("pool").valueStream().map((o) -> o.get("id").asLong())).contains(id);
		assertThat(pool.get("assigned").size()).isZero();
		JsonNode taken = step(id, "take", this.technician, Map.of());
		assertThat(taken.get("status").asString()).isEqualTo("ACCEPTED");
		JsonNode mine = this.api.get("/api/v1/work-orders/mine", this.technician).json();
		assertThat(mine.get("assigned").get(0).get("id").asLong()).isEqualTo(id);
		assertThat(mine.get("pool").valueStream().map((o) -> o.get("id").asLong())).doesNotContain(id);
		assertThat(taken.get("assigneeId").asLong()).isEqualTo(this.technicianId);
		JsonNode back = step(id, "return", this.technician, Map.of("note", "需要专业防水公司"));
		assertThat(back.get("status").asString()).isEqualTo("RETURNED");
		assertThat(back.get("assigneeId").isNull()).isTrue();
		String manager = service(List.of("MANAGER"));
		assertThat(this.api.put("/api/v1/communities/" + this.community + "/work-order-settings", manager,
				Map.of("poolEnabled", false, "limits",
						Map.of("EMERGENCY", Map.of("respondMinutes", 30, "resolveMinutes", 240), "URGENT",
								Map.of("respondMinutes", 120, "resolveMinutes", 1440), "NORMAL",
								Map.of("respondMinutes", 1440, "resolveMinutes", 4320)))))
			.hasStatus(200);
		Api.Response refused = this.api.post("/api/v1/work-orders/" + id + "/take", this.technician, Map.of());
		assertThat(refused).hasStatus(409);
		// the resident withdraws it before work begins; then it cannot be taken or
		// assigned
		assertThat(this.api.post("/api/v1/me/work-orders/" + id + "/withdraw", this.resident, Map.of())).hasStatus(200);
		assertThat(this.api.post("/api/v1/work-orders/" + id + "/assign", this.desk,
				Map.of("assigneeId", this.technicianId)))
			.hasStatus(409);
		assertThat(LocalDate.now(this.clock)).isNotNull();
	}

}
