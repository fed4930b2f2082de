package org.linli.complaints;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.complaints.internal.ComplaintService;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A complaint from submission to closing through the API: assigned, followed up twice,
 * resolved, reopened by an unsatisfied resident (the manager told), resolved again and
 * confirmed; refused steps are 409 and change nothing; limits flag late items once;
 * unconfirmed resolutions close themselves; related items link; a fault opens one repair
 * order linked both ways; bad input names its field; the report counts what came in.
 */
class ComplaintIntegrationTests extends IntegrationTest {

	@Autowired
	ComplaintService service;

	private long community;

	private long room;

	private String resident;

	private String supervisor;

	private String handlerUser;

	private long handlerId;

	private String manager;

	private String managerUser;

	@BeforeEach
	void aCommunityWithAResidentAndItsStaff() {
		this.community = createCommunity();
		this.room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		this.resident = residentToken(this.community, this.room, "OWNER");
		this.supervisor = staffToken(List.of("SERVICE"), List.of(this.community));
		this.handlerUser = createStaff(List.of("SERVICE"), List.of(this.community));
		this.handlerId = staffId(this.handlerUser);
		this.managerUser = createStaff(List.of("MANAGER"), List.of(this.community));
		this.manager = this.api.token(this.managerUser, "password-123");
	}

	private long staffId(String username) {
		return this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

	private String handler() {
		return this.api.token(this.handlerUser, "password-123");
	}

	private long submit(String kind, String category, String description) {
		Api.Response created = this.api.post("/api/v1/me/complaints", this.resident,
				Map.of("kind", kind, "category", category, "description", description, "roomId", this.room));
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private JsonNode step(long id, String step, String token, Map<String, Object> body) {
		Api.Response response = this.api.post("/api/v1/complaints/" + id + "/" + step, token, body);
		assertThat(response.status()).as(step + ": " + response.body()).isBetween(200, 201);
		return response.json();
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aComplaintIsFollowedUpResolvedReopenedByAnUnsatisfiedResidentAndClosedWhenSatisfied() {
		long id = submit("COMPLAINT", "NOISE", "楼上深夜拖动家具");
		JsonNode submitted = this.api.get("/api/v1/me/complaints/" + id, this.resident).json();
		assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(submitted.get("number").asString()).matches("TS\\d{4}-00001");
		assertThat(submitted.get("author").get("roomCode").asString()).isEqualTo("1栋-1单元-101");
		// a follow-up before anyone accepted it is refused and changes nothing
		assertThat(this.api.post("/api/v1/complaints/" + id + "/follow-ups", this.manager, Map.of("note", "x")))
			.hasStatus(409);

		JsonNode assigned = step(id, "assign", this.supervisor, Map.of("handlerId", this.handlerId));
		assertThat(assigned.get("status").asString()).isEqualTo("ASSIGNED");
		assertThat(assigned.get("handlerId").asLong()).isEqualTo(this.handlerId);
		step(id, "follow-ups", handler(), Map.of("note", "上门了解情况", "contacted", "楼上住户", "nextStep", "约定晚十点后安静"));
		JsonNode followed = step(id, "follow-ups", handler(), Map.of("note", "回访三晚无噪音"));
		assertThat(followed.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(followed.get("timeline").findValuesAsString("note")).contains("上门了解情况", "回访三晚无噪音");
		// another service member who is not its handler may not work on it
		assertThat(this.api.post("/api/v1/complaints/" + id + "/resolve", this.supervisor, Map.of("result", "x")))
			.hasStatus(403);
		JsonNode resolved = step(id, "resolve", handler(), Map.of("result", "已与楼上住户约定并铺设地垫"));
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");

		// the resident reads the result, not whom the handler contacted
		JsonNode mine = this.api.get("/api/v1/me/complaints/" + id, this.resident).json();
		assertThat(mine.get("result").asString()).isEqualTo("已与楼上住户约定并铺设地垫");
		assertThat(mine.toString()).doesNotContain("楼上住户\"").doesNotContain("约定晚十点后安静");
		long residentId = this.jdbc.sql("SELECT author_resident_id FROM complaint WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(count("""
				SELECT count(*) FROM notification WHERE recipient_kind = 'RESIDENT' AND recipient_id = ? AND subject = ?
				AND template IN ('COMPLAINT_ASSIGNED', 'COMPLAINT_RESOLVED')""", residentId, "complaint:" + id))
			.isEqualTo(2);

		// not satisfied: reopened, the manager told, the resolve limit starts again
		Api.Response reopened = this.api.post("/api/v1/me/complaints/" + id + "/confirmation", this.resident,
				Map.of("satisfied", false, "comment", "第二天又开始了"));
		assertThat(reopened).hasStatus(200);
		assertThat(reopened.json().get("status").asString()).isEqualTo("REOPENED");
		assertThat(reopened.json().get("reopened").asInt()).isEqualTo(1);
		assertThat(count("""
				SELECT count(*) FROM notification WHERE template = 'COMPLAINT_REOPENED' AND recipient_kind = 'STAFF'
				AND recipient_id = ? AND subject = ?""", staffId(this.managerUser), "complaint:" + id)).isEqualTo(1);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/complaints?status=REOPENED", this.manager)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(1);
		// given to another handler, it stays reopened
		String second = createStaff(List.of("SERVICE"), List.of(this.community));
		JsonNode reassigned = step(id, "assign", this.manager, Map.of("handlerId", staffId(second)));
		assertThat(reassigned.get("status").asString()).isEqualTo("REOPENED");
		step(id, "assign", this.manager, Map.of("handlerId", this.handlerId));
		// a confirmation already given is not given again
		assertThat(this.api.post("/api/v1/me/complaints/" + id + "/confirmation", this.resident,
				Map.of("satisfied", true)))
			.hasStatus(409);

		step(id, "follow-ups", handler(), Map.of("note", "再次上门，楼上已铺地垫"));
		step(id, "resolve", handler(), Map.of("result", "楼上已铺设地垫并承诺晚十点后不再跳绳"));
		JsonNode closed = this.api
			.post("/api/v1/me/complaints/" + id + "/confirmation", this.resident, Map.of("satisfied", true))
			.json();
		assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
		assertThat(closed.get("satisfied").asBoolean()).isTrue();
		assertThat(closed.get("timeline").findValuesAsString("status")).containsExactly("SUBMITTED", "ASSIGNED",
				"IN_PROGRESS", "IN_PROGRESS", "RESOLVED", "REOPENED", "REOPENED", "REOPENED", "IN_PROGRESS", "RESOLVED",
				"CLOSED");

		// nothing moves a closed item
		for (String refused : List.of("resolve", "follow-ups", "assign")) {
			assertThat(this.api.post("/api/v1/complaints/" + id + "/" + refused, this.manager,
					Map.of("result", "x", "note", "x", "handlerId", this.handlerId)))
				.as(refused)
				.hasStatus(409);
		}
		assertThat(this.api.post("/api/v1/me/complaints/" + id + "/withdraw", this.resident, Map.of())).hasStatus(409);
		assertThat(this.jdbc.sql("SELECT status FROM complaint WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("CLOSED");
	}

	@Test
	void customerServiceRegistersACallerAndAWithdrawnItemIsFinal() {
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/complaints", this.supervisor,
				Map.of("kind", "COMPLAINT", "category", "PARKING", "channel", "PHONE", "description", "外来车辆占用车位",
						"callerName", "王先生", "callerPhone", "13912345678"));
		assertThat(created).hasStatus(201);
		JsonNode item = created.json();
		assertThat(item.get("channel").asString()).isEqualTo("PHONE");
		assertThat(item.get("author").get("name").asString()).isEqualTo("王先生");
		// the caller's phone is kept encrypted and shown masked
		assertThat(item.get("author").get("phone").asString()).isEqualTo("139****5678");
		assertThat(this.jdbc.sql("SELECT author_phone_cipher FROM complaint WHERE id = ?")
			.param(item.get("id").asLong())
			.query(String.class)
			.single()).doesNotContain("13912345678");

		// callers ring from landlines too
		Api.Response landline = this.api.post("/api/v1/communities/" + this.community + "/complaints", this.supervisor,
				Map.of("kind", "SUGGESTION", "category", "OTHER", "channel", "WALK_IN", "description", "建议增加快递柜",
						"callerName", "赵女士", "callerPhone", "0571-88886666"));
		assertThat(landline).hasStatus(201);
		assertThat(landline.json().get("author").get("phone").asString()).isEqualTo("057******6666");

		long mine = submit("COMPLAINT", "FACILITY", "电梯按钮失灵");
		Api.Response withdrawn = this.api.post("/api/v1/me/complaints/" + mine + "/withdraw", this.resident, Map.of());
		assertThat(withdrawn).hasStatus(200);
		assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(this.api.post("/api/v1/complaints/" + mine + "/assign", this.supervisor,
				Map.of("handlerId", this.handlerId)))
			.hasStatus(409);
		assertThat(this.api.get("/api/v1/me/complaints", this.resident).json().get("totalElements").asInt())
			.isEqualTo(1);
	}

	@Test
	void badInputIsRefusedNamingItsFieldAndChangesNothing() {
		Api.Response missing = this.api.post("/api/v1/me/complaints", this.resident,
				Map.of("category", "NOISE", "description", " "));
		assertThat(missing).hasStatus(400);
		assertThat(missing.fieldMessage("kind")).isNotBlank();
		assertThat(missing.fieldMessage("description")).isNotBlank();
		assertThat(this.api
			.post("/api/v1/me/complaints", this.resident,
					Map.of("kind", "COMPLAINT", "category", "NOISE", "description", "x".repeat(2001)))
			.fieldMessage("description")).isNotBlank();
		assertThat(this.api.post("/api/v1/me/complaints", this.resident,
				Map.of("kind", "GRIPE", "category", "NOISE", "description", "x")))
			.hasStatus(400);
		long elsewhere = createRoom(createBuilding(this.community, "9栋"), "1单元", 1, "101");
		Api.Response notTheirs = this.api.post("/api/v1/me/complaints", this.resident,
				Map.of("kind", "COMPLAINT", "category", "NOISE", "description", "x", "roomId", elsewhere));
		assertThat(notTheirs).hasStatus(400);
		assertThat(notTheirs.fieldMessage("roomId")).isNotBlank();
		Api.Response phone = this.api.post("/api/v1/communities/" + this.community + "/complaints", this.supervisor,
				Map.of("kind", "COMPLAINT", "category", "PARKING", "description", "x", "callerPhone", "12"));
		assertThat(phone).hasStatus(400);
		assertThat(phone.fieldMessage("callerPhone")).isNotBlank();
		assertThat(this.api
			.post("/api/v1/communities/" + this.community + "/complaints", this.supervisor,
					Map.of("kind", "COMPLAINT", "category", "PARKING", "description", "x", "channel", "PORTAL"))
			.fieldMessage("channel")).isNotBlank();
		long id = submit("COMPLAINT", "NOISE", "噪音");
		assertThat(this.api.post("/api/v1/complaints/" + id + "/assign", this.supervisor, Map.of())
			.fieldMessage("handlerId")).isNotBlank();
		String finance = createStaff(List.of("FINANCE"), List.of(this.community));
		assertThat(this.api
			.post("/api/v1/complaints/" + id + "/assign", this.supervisor, Map.of("handlerId", staffId(finance)))
			.fieldMessage("handlerId")).isNotBlank();
		step(id, "assign", this.supervisor, Map.of("handlerId", this.handlerId));
		assertThat(this.api.post("/api/v1/complaints/" + id + "/resolve", handler(), Map.of("result", ""))
			.fieldMessage("result")).isNotBlank();
		assertThat(this.api.post("/api/v1/me/complaints/" + id + "/confirmation", this.resident, Map.of())
			.fieldMessage("satisfied")).isNotBlank();
		assertThat(count("SELECT count(*) FROM complaint WHERE community_id = ?", this.community)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT status FROM complaint WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("ASSIGNED");
		assertThat(this.api.put("/api/v1/communities/" + this.community + "/complaint-settings", this.manager,
				Map.of("NOISE", Map.of("acceptMinutes", 600, "resolveMinutes", 60))))
			.hasStatus(400);
	}

	@Test
	void itemsPastTheirLimitsAreFlaggedOnceAndReopeningStartsTheResolveLimitAgain() {
		assertThat(this.api.put("/api/v1/communities/" + this.community + "/complaint-settings", this.manager,
				Map.of("NOISE", Map.of("acceptMinutes", 30, "resolveMinutes", 120))))
			.hasStatus(200);
		long noise = submit("COMPLAINT", "NOISE", "噪音");
		long praise = submit("PRAISE", "SERVICE", "保安很负责");
		long leak = submit("COMPLAINT", "LEAK", "漏水");
		this.clock.setInstant(this.clock.instant().plusSeconds(31 * 60));
		this.manager = this.api.token(this.managerUser, "password-123");
		this.supervisor = staffToken(List.of("SERVICE"), List.of(this.community));
		assertThat(this.api.get("/api/v1/complaints/" + noise, this.manager).json().get("overdue").asBoolean())
			.isTrue();
		assertThat(this.api.get("/api/v1/complaints/" + praise, this.manager).json().get("overdue").asBoolean())
			.isFalse();
		// a leak is accepted within the hour by default
		assertThat(this.api.get("/api/v1/complaints/" + leak, this.manager).json().get("overdue").asBoolean())
			.isFalse();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/complaints?overdue=true", this.manager)
			.json()
			.get("content")
			.findValuesAsString("number")).hasSize(1);
		assertThat(this.service.flagOverdue()).isEqualTo(1);
		assertThat(this.service.flagOverdue()).isZero();
		assertThat(count("""
				SELECT count(*) FROM notification WHERE template = 'COMPLAINT_OVERDUE' AND recipient_kind = 'STAFF'
				AND recipient_id = ? AND subject = ?""", staffId(this.managerUser), "complaint:" + noise)).isEqualTo(1);

		// accepted late, resolved late, reopened: a new resolve limit from the reopening
		step(noise, "assign", this.supervisor, Map.of("handlerId", this.handlerId));
		step(noise, "resolve", handler(), Map.of("result", "已处理"));
		assertThat(this.api.get("/api/v1/complaints/" + noise, this.manager).json().get("overdue").asBoolean())
			.isFalse();
		this.clock.setInstant(this.clock.instant().plusSeconds(2 * 3600));
		// (tokens lapse when the clock moves on: the author confirms through the service)
		this.resident = residentToken(this.community, this.room, "FAMILY");
		long authorId = this.jdbc.sql("SELECT author_resident_id FROM complaint WHERE id = ?")
			.param(noise)
			.query(Long.class)
			.single();
		// the family member is not its author: they cannot confirm it
		assertThat(this.api.post("/api/v1/me/complaints/" + noise + "/confirmation", this.resident,
				Map.of("satisfied", false)))
			.hasStatus(404);
		assertThat(this.service.confirm(authorId, noise, false, "还是吵").status()).isEqualTo(ComplaintStatus.REOPENED);
		this.manager = this.api.token(this.managerUser, "password-123");
		assertThat(this.api.get("/api/v1/complaints/" + noise, this.manager).json().get("overdue").asBoolean())
			.isFalse();
		this.clock.setInstant(this.clock.instant().plusSeconds(121 * 60));
		this.manager = this.api.token(this.managerUser, "password-123");
		assertThat(this.api.get("/api/v1/complaints/" + noise, this.manager).json().get("overdue").asBoolean())
			.isTrue();
		assertThat(this.service.flagOverdue()).isGreaterThanOrEqualTo(1);
		assertThat(count("""
				SELECT count(*) FROM notification WHERE template = 'COMPLAINT_OVERDUE' AND recipient_kind = 'STAFF'
				AND recipient_id = ? AND subject = ?""", staffId(this.managerUser), "complaint:" + noise)).isEqualTo(2);
	}

	@Test
	void aResolutionNobodyConfirmsClosesItselfAfterSevenDaysAndASuggestionIsReplied() {
		long suggestion = submit("SUGGESTION", "FACILITY", "建议增加遮阳棚");
		step(suggestion, "assign", this.supervisor, Map.of("handlerId", this.handlerId));
		step(suggestion, "resolve", handler(), Map.of("result", "已列入明年计划"));
		this.clock.setInstant(this.clock.instant().plusSeconds(6 * 86400));
		assertThat(this.service.closeUnconfirmed()).isZero();
		this.clock.setInstant(this.clock.instant().plusSeconds(86400 + 60));
		assertThat(this.service.closeUnconfirmed()).isEqualTo(1);
		assertThat(this.service.closeUnconfirmed()).isZero();
		this.manager = this.api.token(this.managerUser, "password-123");
		JsonNode closed = this.api.get("/api/v1/complaints/" + suggestion, this.manager).json();
		assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
		assertThat(closed.get("satisfied").isNull()).isTrue();
		assertThat(closed.get("result").asString()).isEqualTo("已列入明年计划");
	}

	@Test
	void relatedItemsLinkAndAFaultOpensOneRepairOrderLinkedBothWays() {
		long first = submit("COMPLAINT", "LEAK", "楼上漏水到我家天花板");
		long second = submit("COMPLAINT", "LEAK", "卫生间天花板也在滴水");
		JsonNode linked = step(first, "links", this.supervisor, Map.of("relatedId", second));
		assertThat(linked.get("related").findValuesAsString("number")).hasSize(1);
		step(first, "links", this.supervisor, Map.of("relatedId", second));
		assertThat(this.api.get("/api/v1/complaints/" + second, this.supervisor).json().get("related").size())
			.isEqualTo(1);
		assertThat(this.api.post("/api/v1/complaints/" + first + "/links", this.supervisor, Map.of("relatedId", first)))
			.hasStatus(400);
		long other = createCommunity();
		long theirs = this.api
			.post("/api/v1/communities/" + other + "/complaints", admin(),
					Map.of("kind", "COMPLAINT", "category", "OTHER", "description", "x"))
			.id();
		assertThat(
				this.api.post("/api/v1/complaints/" + first + "/links", this.supervisor, Map.of("relatedId", theirs)))
			.hasStatus(400);

		JsonNode repaired = step(first, "work-order", this.supervisor,
				Map.of("category", "PLUMBING", "urgency", "URGENT", "inRoom", true));
		long order = repaired.get("workOrderId").asLong();
		assertThat(repaired.get("workOrderNumber").asString()).startsWith("BX");
		// asking again answers the same order
		assertThat(
				step(first, "work-order", this.supervisor, Map.of("category", "PLUMBING")).get("workOrderId").asLong())
			.isEqualTo(order);
		assertThat(step(first, "work-order", this.supervisor, Map.of()).get("workOrderId").asLong()).isEqualTo(order);
		assertThat(count("SELECT count(*) FROM work_order WHERE source_key = ?", "complaint:" + first)).isEqualTo(1);
		JsonNode workOrder = this.api.get("/api/v1/work-orders/" + order, this.supervisor).json();
		assertThat(workOrder.get("source").asString()).isEqualTo("COMPLAINT");
		assertThat(workOrder.get("complaintId").asLong()).isEqualTo(first);
		assertThat(workOrder.get("place").asString()).startsWith("1栋-1单元-101");
		// its author follows the repair in their portal
		assertThat(this.api.get("/api/v1/me/work-orders/" + order, this.resident)).hasStatus(200);
		// a repair needs a place: no room asked for and no location
		long noRoom = submit("COMPLAINT", "FACILITY", "大堂灯坏了");
		assertThat(this.api
			.post("/api/v1/complaints/" + noRoom + "/work-order", this.supervisor,
					Map.of("category", "LIGHTING", "inRoom", false))
			.fieldMessage("location")).isNotBlank();
	}

	@Test
	void theReportCountsWhatCameInByKindCategoryBuildingAndMonthWithItsExcel() throws java.io.IOException {
		long a = submit("COMPLAINT", "NOISE", "噪音一");
		submit("COMPLAINT", "NOISE", "噪音二");
		submit("SUGGESTION", "FACILITY", "建议");
		this.api.post("/api/v1/communities/" + this.community + "/complaints", this.supervisor,
				Map.of("kind", "PRAISE", "category", "SERVICE", "description", "表扬", "channel", "WALK_IN"));
		step(a, "assign", this.supervisor, Map.of("handlerId", this.handlerId));
		step(a, "resolve", handler(), Map.of("result", "已处理"));
		this.api.post("/api/v1/me/complaints/" + a + "/confirmation", this.resident, Map.of("satisfied", true));
		YearMonth month = YearMonth.from(this.clock.today());
		JsonNode report = this.api
			.get("/api/v1/communities/" + this.community + "/complaint-report?from=" + month + "&to=" + month,
					this.manager)
			.json();
		assertThat(report.get("total").asLong()).isEqualTo(4);
		assertThat(report.get("byKind").get("COMPLAINT").asLong()).isEqualTo(2);
		assertThat(report.get("byKind").get("PRAISE").asLong()).isEqualTo(1);
		assertThat(report.get("byCategory").get("NOISE").asLong()).isEqualTo(2);
		assertThat(report.get("byBuilding").findValuesAsString("building")).contains("1栋");
		assertThat(report.get("byMonth").get(0).get("complaints").asLong()).isEqualTo(2);
		assertThat(report.get("satisfactionRate").asString()).isEqualTo("1.0000");
		assertThat(report.get("repeatRooms").get(0).get("roomCode").asString()).isEqualTo("1栋-1单元-101");
		assertThat(report.get("repeatTopics").get(0).get("category").asString()).isEqualTo("NOISE");
		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/complaint-report?from=" + month + "&to="
					+ month.minusMonths(1), this.manager)
			.fieldMessage("to")).isNotBlank();

		WebSession browser = WebSession.signIn(this.api.base(), this.managerUser, "password-123");
		String page = browser.get("/admin/communities/" + this.community + "/complaint-report").body();
		assertThat(page).contains("data-chart").contains("噪音扰民").contains("chart.umd.js");
		byte[] xlsx = browser.bytes("/admin/communities/" + this.community + "/complaint-report/export.xlsx?from="
				+ month + "&to=" + month);
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			Row total = null;
			for (Row row : workbook.getSheetAt(0)) {
				if ("合计".equals(row.getCell(0).getStringCellValue())) {
					total = row;
				}
			}
			assertThat(total).isNotNull();
			assertThat(total.getCell(5).getNumericCellValue()).isEqualTo(4.0);
		}
	}

}
