package org.linli.workorders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Every id-taking endpoint and page of work orders refuses staff of another community
 * (404, nothing revealed or changed), residents on staff endpoints (403) and anonymous
 * callers (401); a resident sees only their own and their rooms' orders; a technician
 * sees theirs and the pool, not a colleague's; a resident may not assign, complete or
 * charge.
 */
class WorkOrderAccessIntegrationTests extends IntegrationTest {

	private long theirs;

	private long theirRoom;

	private long order;

	private long photo;

	private long price;

	private String theirResident;

	private String ourManager;

	private String ourManagerUser;

	@BeforeEach
	void anOrderInAnotherCommunity() {
		long ours = createCommunity();
		this.theirs = createCommunity();
		this.theirRoom = createRoom(createBuilding(this.theirs, "1栋"), "1单元", 1, "101");
		this.theirResident = residentToken(this.theirs, this.theirRoom, "OWNER");
		this.ourManagerUser = createStaff(List.of("MANAGER", "SERVICE", "TECHNICIAN"), List.of(ours));
		this.ourManager = this.api.token(this.ourManagerUser, "password-123");
		this.order = this.api
			.post("/api/v1/me/work-orders", this.theirResident,
					Map.of("roomId", this.theirRoom, "category", "PLUMBING", "description", "秘密的漏水"))
			.id();
		this.photo = this.api
			.upload("/api/v1/me/work-orders/" + this.order + "/photos", this.theirResident, "a.png",
					WorkOrderIntegrationTests.PNG)
			.id();
		this.price = this.api
			.post("/api/v1/communities/" + this.theirs + "/work-order-prices", admin(),
					Map.of("name", "角阀", "unitPrice", "30.00"))
			.id();
	}

	private List<Api.Response> everyStaffEndpoint(String token) {
		String o = "/api/v1/work-orders/" + this.order;
		String c = "/api/v1/communities/" + this.theirs;
		Map<String, Object> note = Map.of("note", "x");
		return List.of(this.api.get(o, token), this.api.get(o + "/candidates", token),
				this.api.post(o + "/assign", token, Map.of("assigneeId", 1)),
				this.api.post(o + "/take", token, Map.of()), this.api.post(o + "/accept", token, Map.of()),
				this.api.post(o + "/start", token, Map.of()), this.api.post(o + "/hold", token, note),
				this.api.post(o + "/resume", token, Map.of()), this.api.post(o + "/return", token, note),
				this.api.post(o + "/complete", token, Map.of("note", "x", "labour", "1", "chargeable", true)),
				this.api.post(o + "/cancel", token, note), this.api.post(o + "/callback", token, note),
				this.api.upload(o + "/photos", token, "b.png", WorkOrderIntegrationTests.PNG),
				this.api.download(o + "/photos/" + this.photo, token), this.api.get(c + "/work-orders", token),
				this.api.post(c + "/work-orders", token,
						Map.of("location", "大堂", "category", "OTHER", "description", "x")),
				this.api.get(c + "/work-order-overview", token), this.api.get(c + "/work-order-settings", token),
				this.api.put(c + "/work-order-settings", token, Map.of("poolEnabled", false)),
				this.api.get(c + "/work-order-prices", token),
				this.api.post(c + "/work-order-prices", token, Map.of("name", "x", "unitPrice", "1.00")),
				this.api.delete("/api/v1/work-order-prices/" + this.price, token));
	}

	private String status() {
		return this.jdbc.sql("SELECT status FROM work_order WHERE id = ?")
			.param(this.order)
			.query(String.class)
			.single();
	}

	@Test
	void staffOfAnotherCommunityGet404EverywhereAndChangeNothing() {
		assertThat(everyStaffEndpoint(this.ourManager)).allSatisfy((response) -> {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("秘密的漏水");
		});
		assertThat(status()).isEqualTo("SUBMITTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM work_order WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM work_order_photo WHERE work_order_id = ?")
			.param(this.order)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM work_order_price WHERE id = ? AND active")
			.param(this.price)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void residentsAre403OnStaffEndpointsAndAnonymousCallers401() {
		assertThat(everyStaffEndpoint(this.theirResident))
			.allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyStaffEndpoint(null)).allSatisfy((response) -> assertThat(response).hasStatus(401));
		assertThat(status()).isEqualTo("SUBMITTED");
		// roles without the work
		String finance = staffToken(List.of("FINANCE"), List.of(this.theirs));
		assertThat(this.api.get("/api/v1/work-orders/" + this.order, finance)).hasStatus(403);
		assertThat(this.api.post("/api/v1/work-orders/" + this.order + "/take", finance, Map.of())).hasStatus(403);
	}

	@Test
	void aResidentSeesOnlyTheirOwnAndTheirRoomsOrders() {
		long otherRoom = createRoom(createBuilding(this.theirs, "2栋"), "1单元", 1, "101");
		String neighbour = residentToken(this.theirs, otherRoom, "OWNER");
		String m = "/api/v1/me/work-orders/" + this.order;
		assertThat(this.api.get("/api/v1/me/work-orders", neighbour).json().get("totalElements").asInt()).isZero();
		for (Api.Response response : List.of(this.api.get(m, neighbour),
				this.api.download(m + "/photos/" + this.photo, neighbour),
				this.api.upload(m + "/photos", neighbour, "c.png", WorkOrderIntegrationTests.PNG),
				this.api.post(m + "/evaluation", neighbour, Map.of("stars", 1)),
				this.api.post(m + "/withdraw", neighbour, Map.of()))) {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("秘密的漏水");
		}
		// a neighbour may not report for a room not theirs
		assertThat(this.api.post("/api/v1/me/work-orders", neighbour,
				Map.of("roomId", this.theirRoom, "category", "PLUMBING", "description", "x")))
			.hasStatus(404);
		// a family member of the room sees it, but only its reporter withdraws it
		String family = residentToken(this.theirs, this.theirRoom, "FAMILY");
		assertThat(this.api.get(m, family)).hasStatus(200);
		assertThat(this.api.get(m, family).json().get("callback").isNull()).isTrue();
		assertThat(this.api.post(m + "/withdraw", family, Map.of())).hasStatus(404);
		assertThat(status()).isEqualTo("SUBMITTED");
		// someone whose stay began after it was reported does not read it
		this.jdbc.sql("UPDATE work_order SET created_at = created_at - INTERVAL '3 days' WHERE id = ?")
			.param(this.order)
			.update();
		String newcomer = residentToken(this.theirs, this.theirRoom, "TENANT",
				java.time.LocalDate.now(this.clock).minusDays(1));
		assertThat(this.api.get(m, newcomer)).hasStatus(404);
		assertThat(this.api.get("/api/v1/me/work-orders", newcomer).json().get("totalElements").asInt()).isZero();
		assertThat(this.api.get(m, family)).hasStatus(200);
	}

	@Test
	void aTechnicianSeesTheirsAndThePoolButNotAColleaguesOrder() {
		String mine = createStaff(List.of("TECHNICIAN"), List.of(this.theirs));
		String colleague = createStaff(List.of("TECHNICIAN"), List.of(this.theirs));
		String me = this.api.token(mine, "password-123");
		// in the pool: visible to every technician of the community, but not theirs to
		// add photos to
		assertThat(this.api.get("/api/v1/work-orders/" + this.order, me)).hasStatus(200);
		assertThat(this.api.upload("/api/v1/work-orders/" + this.order + "/photos", me, "b.png",
				WorkOrderIntegrationTests.PNG))
			.hasStatus(403);
		long colleagueId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(colleague)
			.query(Long.class)
			.single();
		assertThat(this.api.post("/api/v1/work-orders/" + this.order + "/assign", admin(),
				Map.of("assigneeId", colleagueId)))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/work-orders/" + this.order, me)).hasStatus(404);
		assertThat(this.api.post("/api/v1/work-orders/" + this.order + "/accept", me, Map.of())).hasStatus(404);
		assertThat(this.api.get("/api/v1/communities/" + this.theirs + "/work-orders", me)
			.json()
			.get("totalElements")
			.asInt()).isZero();
		// a technician does not dispatch
		assertThat(
				this.api.post("/api/v1/work-orders/" + this.order + "/assign", me, Map.of("assigneeId", colleagueId)))
			.hasStatus(403);
		assertThat(status()).isEqualTo("ASSIGNED");
	}

	@Test
	void pagesOfAnotherCommunityAndOtherResidentsAre404() {
		WebSession browser = WebSession.signIn(this.api.base(), this.ourManagerUser, "password-123");
		for (String path : List.of("/admin/work-orders/" + this.order,
				"/admin/work-orders/" + this.order + "/photos/" + this.photo,
				"/admin/communities/" + this.theirs + "/work-orders",
				"/admin/communities/" + this.theirs + "/work-orders/export.xlsx",
				"/admin/communities/" + this.theirs + "/work-orders/new",
				"/admin/communities/" + this.theirs + "/work-order-overview")) {
			HttpResponse<String> response = browser.get(path);
			assertThat(response).hasStatus(404);
			assertThat(response.body()).as(path).doesNotContain("秘密的漏水").doesNotContain("Exception");
		}
		for (String path : List.of("/admin/work-orders/" + this.order + "/assign",
				"/admin/work-orders/" + this.order + "/take", "/admin/work-orders/" + this.order + "/cancel",
				"/admin/work-orders/" + this.order + "/complete",
				"/admin/communities/" + this.theirs + "/work-orders")) {
			HttpResponse<String> response = browser.postForm(path,
					Map.of("note", "x", "assigneeId", "1", "category", "OTHER", "description", "x", "location", "x"));
			assertThat(response).hasStatus(302, 404);
			assertThat(response.body()).doesNotContain("Exception");
		}
		assertThat(status()).isEqualTo("SUBMITTED");
		assertThat(WebSession.anonymous(this.api.base()).get("/admin/work-orders/" + this.order)).hasStatus(302);
	}

}
