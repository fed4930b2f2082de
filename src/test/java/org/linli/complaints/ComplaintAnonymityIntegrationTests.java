package org.linli.complaints;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * An anonymous complaint's author — name, room, phone — is absent from the API answers,
 * pages, exports, audit views and notifications of everyone but its handler and the
 * community's managers (and the author): each is checked for a customer-service colleague
 * and an administrator, then for the handler and a manager.
 */
class ComplaintAnonymityIntegrationTests extends IntegrationTest {

	private static final String NAME = "欧阳匿名";

	private static final String ROOM = "7栋-2单元-1703";

	private long community;

	private long room;

	private long complaint;

	private String colleagueUser;

	private String handlerUser;

	private String managerUser;

	private String author;

	@BeforeEach
	void anAnonymousNoiseComplaintGivenToAHandler() {
		this.community = createCommunity();
		this.room = createRoom(createBuilding(this.community, "7栋"), "2单元", 17, "1703");
		long room = this.room;
		String phone = "136" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", NAME, "phone", phone, "communityId", this.community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "resident-pass-1"));
		this.author = this.api.token(phone, "resident-pass-1");
		this.colleagueUser = createStaff(List.of("SERVICE"), List.of(this.community));
		this.handlerUser = createStaff(List.of("SERVICE"), List.of(this.community));
		this.managerUser = createStaff(List.of("MANAGER"), List.of(this.community));
		this.complaint = this.api
			.post("/api/v1/me/complaints", this.author,
					Map.of("kind", "COMPLAINT", "category", "NOISE", "description", "楼上深夜装修", "roomId", room,
							"anonymous", true))
			.id();
		long handler = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(this.handlerUser)
			.query(Long.class)
			.single();
		String colleague = this.api.token(this.colleagueUser, "password-123");
		this.api.post("/api/v1/complaints/" + this.complaint + "/assign", colleague, Map.of("handlerId", handler)); // a
																													// repair
																													// in
																													// the
																													// author's
																													// home
																													// would
																													// show
																													// their
																													// room:
																													// refused,
																													// named
		assertThat(this.api
			.post("/api/v1/complaints/" + this.complaint + "/work-order", colleague,
					Map.of("category", "OTHER", "inRoom", true))
			.fieldMessage("inRoom")).isNotBlank();
		assertThat(this.api.post("/api/v1/complaints/" + this.complaint + "/work-order", colleague,
				Map.of("category", "OTHER", "location", "楼道")))
			.hasStatus(200);
		this.api.post("/api/v1/complaints/" + this.complaint + "/follow-ups",
				this.api.token(this.handlerUser, "password-123"),
				Map.of("note", "已上门", "contacted", "欧阳先生本人", "nextStep", "周五再访"));
		this.api.upload("/api/v1/me/complaints/" + this.complaint + "/photos", this.author, "a.png",
				ComplaintAccessIntegrationTests.PNG);
	}

	private String token(String user) {
		return this.api.token(user, "password-123");
	}

	@Test
	void aColleagueAndAnAdministratorSeeNoAuthorAnywhere() {
		for (String token : List.of(token(this.colleagueUser), admin())) {
			JsonNode item = this.api.get("/api/v1/complaints/" + this.complaint, token).json();
			assertThat(item.get("anonymous").asBoolean()).isTrue();
			assertThat(item.get("author").isNull()).isTrue();
			assertThat(item.toString()).doesNotContain(NAME).doesNotContain(ROOM).doesNotContain("1703");
			String list = this.api.get("/api/v1/communities/" + this.community + "/complaints", token).body();
			assertThat(list).contains(item.get("number").asString()).doesNotContain(NAME).doesNotContain(ROOM);
		}
		// pages and the export
		for (WebSession browser : List.of(WebSession.signIn(this.api.base(), this.colleagueUser, "password-123"),
				WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD))) {
			String page = browser.get("/admin/complaints/" + this.complaint).body();
			assertThat(page).contains("楼上深夜装修").contains("匿名").doesNotContain(NAME).doesNotContain(ROOM);
			assertThat(browser.get("/admin/communities/" + this.community + "/complaints").body()).doesNotContain(NAME)
				.doesNotContain(ROOM);
			assertThat(cells(browser.bytes("/admin/communities/" + this.community + "/complaints/export.xlsx")))
				.isNotEmpty()
				.noneMatch((cell) -> cell.contains(NAME) || cell.contains(ROOM));
			assertThat(browser.get("/admin/communities/" + this.community + "/complaint-report").body())
				.doesNotContain(ROOM);
		}
		// the repair order it opened names no reporter
		long order = this.jdbc.sql("SELECT work_order_id FROM complaint WHERE id = ?")
			.param(this.complaint)
			.query(Long.class)
			.single();
		assertThat(this.api.get("/api/v1/work-orders/" + order, admin()).body()).doesNotContain(NAME)
			.doesNotContain(ROOM);
		// the audit log, through its API and page
		assertThat(this.api.get("/api/v1/audit?targetType=complaint&targetId=" + this.complaint + "&size=200", admin())
			.body()).contains("COMPLAINT_SUBMITTED").doesNotContain(NAME).doesNotContain(ROOM);
		assertThat(WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD)
			.get("/admin/audit?targetType=complaint&targetId=" + this.complaint)
			.body()).doesNotContain(NAME).doesNotContain(ROOM);
		// the audit entries of the author's own steps keep no address that, beside their
		// sign-in, would name them
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_entry WHERE target_type = 'complaint' AND target_id = ?
				AND action IN ('COMPLAINT_SUBMITTED', 'COMPLAINT_PHOTO_ADDED') AND ip IS NULL AND actor_id IS NULL""")
			.param(String.valueOf(this.complaint))
			.query(Long.class)
			.single()).isEqualTo(2);
		// every notice to staff about it
		List<String> notices = this.jdbc.sql("""
				SELECT title || ' ' || body || ' ' || params || ' ' || coalesce(recipient_masked, '') FROM notification
				WHERE community_id = ?""").params(this.community).query(String.class).list();
		assertThat(notices).isNotEmpty().noneMatch((text) -> text.contains(NAME) || text.contains(ROOM));
		// and none to the author, which the delivery log would list with their initial
		// beside the item's number and time
		assertThat(this.jdbc.sql(
				"SELECT count(*) FROM notification WHERE recipient_kind = 'RESIDENT' AND community_id = ? AND template LIKE 'COMPLAINT%'")
			.param(this.community)
			.query(Long.class)
			.single()).isZero();
		// whom the handler contacted is the handler's and the managers' to read
		JsonNode seen = this.api.get("/api/v1/complaints/" + this.complaint, token(this.colleagueUser)).json();
		assertThat(seen.toString()).doesNotContain("欧阳先生本人").doesNotContain("周五再访");
		// a second anonymous complaint from the same room is not listed as a repeat room
		this.api.post("/api/v1/me/complaints", this.author, Map.of("kind", "COMPLAINT", "category", "NOISE",
				"description", "又在装修", "roomId", this.room, "anonymous", true));
		java.time.YearMonth month = java.time.YearMonth.from(this.clock.today());
		JsonNode report = this.api
			.get("/api/v1/communities/" + this.community + "/complaint-report?from=" + month + "&to=" + month, admin())
			.json();
		assertThat(report.get("byKind").get("COMPLAINT").asLong()).isEqualTo(2);
		assertThat(report.get("repeatRooms").size()).isZero();
	}

	@Test
	void theHandlerTheManagerAndTheAuthorSeeWhoItIs() {
		for (String user : List.of(this.handlerUser, this.managerUser)) {
			JsonNode item = this.api.get("/api/v1/complaints/" + this.complaint, token(user)).json();
			assertThat(item.get("author").get("name").asString()).isEqualTo(NAME);
			assertThat(item.toString()).contains("欧阳先生本人");
			assertThat(item.get("author").get("roomCode").asString()).isEqualTo(ROOM);
			assertThat(item.get("timeline").get(0).get("by").asString()).isEqualTo(NAME);
			assertThat(WebSession.signIn(this.api.base(), user, "password-123")
				.get("/admin/complaints/" + this.complaint)
				.body()).contains(NAME).contains(ROOM);
		}
		assertThat(this.api.get("/api/v1/me/complaints/" + this.complaint, this.author)
			.json()
			.get("author")
			.get("name")
			.asString()).isEqualTo(NAME);
		// a colleague's timeline keeps the step, without the name
		JsonNode seen = this.api.get("/api/v1/complaints/" + this.complaint, token(this.colleagueUser)).json();
		assertThat(seen.get("timeline").get(0).get("by").isNull()).isTrue();
		assertThat(seen.get("timeline").get(0).get("byAuthor").asBoolean()).isTrue();
	}

	private static List<String> cells(byte[] xlsx) {
		List<String> cells = new ArrayList<>();
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			for (Row row : workbook.getSheetAt(0)) {
				for (Cell cell : row) {
					cells.add(cell.toString());
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return cells;
	}

}
