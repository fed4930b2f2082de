package org.linli.complaints;

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
 * Every id-taking endpoint and page of complaints refuses staff of another community
 * (404, nothing revealed or changed), residents on staff endpoints (403), roles without
 * the work (403) and anonymous callers (401); a resident sees only the items they
 * brought; a technician sees only the items given to them.
 */
class ComplaintAccessIntegrationTests extends IntegrationTest {

	/** The first bytes of a PNG file: enough to be taken for an image. */
	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

	private long theirs;

	private long theirRoom;

	private long item;

	private long photo;

	private String author;

	private String ourManager;

	private String ourManagerUser;

	@BeforeEach
	void anItemInAnotherCommunity() {
		long ours = createCommunity();
		this.theirs = createCommunity();
		this.theirRoom = createRoom(createBuilding(this.theirs, "1栋"), "1单元", 1, "101");
		this.author = residentToken(this.theirs, this.theirRoom, "OWNER");
		this.ourManagerUser = createStaff(List.of("MANAGER", "SERVICE", "TECHNICIAN"), List.of(ours));
		this.ourManager = this.api.token(this.ourManagerUser, "password-123");
		this.item = this.api
			.post("/api/v1/me/complaints", this.author,
					Map.of("kind", "COMPLAINT", "category", "NOISE", "description", "秘密的噪音", "roomId", this.theirRoom))
			.id();
		this.photo = this.api.upload("/api/v1/me/complaints/" + this.item + "/photos", this.author, "a.png", PNG).id();
	}

	private List<Api.Response> everyStaffEndpoint(String token) {
		String i = "/api/v1/complaints/" + this.item;
		String c = "/api/v1/communities/" + this.theirs;
		return List.of(this.api.get(i, token), this.api.post(i + "/assign", token, Map.of("handlerId", 1)),
				this.api.post(i + "/follow-ups", token, Map.of("note", "x")),
				this.api.post(i + "/resolve", token, Map.of("result", "x")),
				this.api.post(i + "/links", token, Map.of("relatedId", 1)),
				this.api.post(i + "/work-order", token, Map.of("category", "OTHER", "location", "x")),
				this.api.download(i + "/photos/" + this.photo, token), this.api.get(c + "/complaints", token),
				this.api.post(c + "/complaints", token,
						Map.of("kind", "COMPLAINT", "category", "OTHER", "description", "x")),
				this.api.get(c + "/complaint-handlers", token),
				this.api.get(c + "/complaint-report?from=2026-01&to=2026-12", token),
				this.api.get(c + "/complaint-settings", token), this.api.put(c + "/complaint-settings", token,
						Map.of("NOISE", Map.of("acceptMinutes", 1, "resolveMinutes", 2))));
	}

	private String status() {
		return this.jdbc.sql("SELECT status FROM complaint WHERE id = ?").param(this.item).query(String.class).single();
	}

	@Test
	void staffOfAnotherCommunityGet404EverywhereAndChangeNothing() {
		assertThat(everyStaffEndpoint(this.ourManager)).allSatisfy((response) -> {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("秘密的噪音");
		});
		assertThat(status()).isEqualTo("SUBMITTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM complaint WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM complaint_settings WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void residentsAre403OnStaffEndpointsRolesWithoutTheWork403AndAnonymousCallers401() {
		assertThat(everyStaffEndpoint(this.author)).allSatisfy((response) -> assertThat(response).hasStatus(403));
		assertThat(everyStaffEndpoint(null)).allSatisfy((response) -> assertThat(response).hasStatus(401));
		String finance = staffToken(List.of("FINANCE"), List.of(this.theirs));
		assertThat(this.api.get("/api/v1/complaints/" + this.item, finance)).hasStatus(403);
		assertThat(this.api.get("/api/v1/communities/" + this.theirs + "/complaints", finance)).hasStatus(403);
		// customer service reads the limits but only managers change them
		String service = staffToken(List.of("SERVICE"), List.of(this.theirs));
		assertThat(this.api.get("/api/v1/communities/" + this.theirs + "/complaint-settings", service)).hasStatus(200);
		assertThat(this.api.put("/api/v1/communities/" + this.theirs + "/complaint-settings", service,
				Map.of("NOISE", Map.of("acceptMinutes", 1, "resolveMinutes", 2))))
			.hasStatus(403);
		assertThat(status()).isEqualTo("SUBMITTED");
	}

	@Test
	void aResidentSeesOnlyTheItemsTheyBrought() {
		long otherRoom = createRoom(createBuilding(this.theirs, "2栋"), "1单元", 1, "101");
		String neighbour = residentToken(this.theirs, otherRoom, "OWNER");
		// someone of the same room is not its author either
		String family = residentToken(this.theirs, this.theirRoom, "FAMILY");
		String m = "/api/v1/me/complaints/" + this.item;
		for (String token : List.of(neighbour, family)) {
			assertThat(this.api.get("/api/v1/me/complaints", token).json().get("totalElements").asInt()).isZero();
			for (Api.Response response : List.of(this.api.get(m, token),
					this.api.download(m + "/photos/" + this.photo, token),
					this.api.upload(m + "/photos", token, "c.png", PNG),
					this.api.post(m + "/confirmation", token, Map.of("satisfied", false)),
					this.api.post(m + "/withdraw", token, Map.of()))) {
				assertThat(response).hasStatus(404);
				assertThat(response.body()).doesNotContain("秘密的噪音");
			}
		}
		assertThat(this.api.get(m, this.author)).hasStatus(200);
		assertThat(status()).isEqualTo("SUBMITTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM complaint_photo WHERE complaint_id = ?")
			.param(this.item)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aTechnicianSeesOnlyTheItemsGivenToThem() {
		String technicianUser = createStaff(List.of("TECHNICIAN"), List.of(this.theirs));
		String technician = this.api.token(technicianUser, "password-123");
		assertThat(this.api.get("/api/v1/complaints/" + this.item, technician)).hasStatus(404);
		assertThat(this.api.get("/api/v1/communities/" + this.theirs + "/complaints", technician)
			.json()
			.get("totalElements")
			.asInt()).isZero();
		long technicianId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(technicianUser)
			.query(Long.class)
			.single();
		assertThat(this.api.post("/api/v1/complaints/" + this.item + "/assign", admin(),
				Map.of("handlerId", technicianId)))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/complaints/" + this.item, technician)).hasStatus(200);
		assertThat(this.api.get("/api/v1/complaints/mine", technician).body()).contains("NOISE");
		// a handler works on it but does not give it to others
		assertThat(this.api.post("/api/v1/complaints/" + this.item + "/assign", technician,
				Map.of("handlerId", technicianId)))
			.hasStatus(403);
		assertThat(this.api.post("/api/v1/complaints/" + this.item + "/follow-ups", technician, Map.of("note", "已联系")))
			.hasStatus(201);
	}

	@Test
	void pagesOfAnotherCommunityAndOtherResidentsAre404() {
		WebSession browser = WebSession.signIn(this.api.base(), this.ourManagerUser, "password-123");
		for (String path : List.of("/admin/complaints/" + this.item,
				"/admin/complaints/" + this.item + "/photos/" + this.photo,
				"/admin/communities/" + this.theirs + "/complaints",
				"/admin/communities/" + this.theirs + "/complaints/export.xlsx",
				"/admin/communities/" + this.theirs + "/complaints/new",
				"/admin/communities/" + this.theirs + "/complaint-report",
				"/admin/communities/" + this.theirs + "/complaint-report/export.xlsx",
				"/admin/communities/" + this.theirs + "/complaint-settings")) {
			HttpResponse<String> response = browser.get(path);
			assertThat(response).as(path).hasStatus(404);
			assertThat(response.body()).as(path).doesNotContain("秘密的噪音").doesNotContain("Exception");
		}
		for (String path : List.of("/admin/complaints/" + this.item + "/assign",
				"/admin/complaints/" + this.item + "/follow-up", "/admin/complaints/" + this.item + "/resolve",
				"/admin/complaints/" + this.item + "/link", "/admin/complaints/" + this.item + "/work-order",
				"/admin/communities/" + this.theirs + "/complaints",
				"/admin/communities/" + this.theirs + "/complaint-settings")) {
			HttpResponse<String> response = browser.postForm(path, Map.of("note", "x", "result", "x", "handlerId", "1",
					"kind", "COMPLAINT", "category", "OTHER", "description", "x", "relatedNumber", "TS2026-00001"));
			assertThat(response).as(path).hasStatus(302, 404);
			assertThat(response.body()).doesNotContain("Exception");
		}
		assertThat(status()).isEqualTo("SUBMITTED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM complaint WHERE community_id = ?")
			.param(this.theirs)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(WebSession.anonymous(this.api.base()).get("/admin/complaints/" + this.item)).hasStatus(302);

		// the portal: another resident's item is 404
		long otherRoom = createRoom(createBuilding(this.theirs, "3栋"), "1单元", 1, "101");
		String phone = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long neighbour = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "邻居", "phone", phone, "communityId", this.theirs, "roomId", otherRoom, "role",
							"OWNER", "since", "2020-01-01", "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(neighbour), "password", "resident-pass-1"));
		WebSession portal = WebSession.anonymous(this.api.base());
		portal.get("/portal/login");
		portal.postForm("/portal/login", Map.of("phone", phone, "password", "resident-pass-1"));
		assertThat(portal.get("/portal/complaints").body()).doesNotContain("秘密的噪音");
		for (String path : List.of("/portal/complaints/" + this.item,
				"/portal/complaints/" + this.item + "/photos/" + this.photo)) {
			HttpResponse<String> response = portal.get(path);
			assertThat(response).as(path).hasStatus(404);
			assertThat(response.body()).doesNotContain("秘密的噪音");
		}
		assertThat(portal.postForm("/portal/complaints/" + this.item + "/withdraw", Map.of())).hasStatus(404);
		assertThat(status()).isEqualTo("SUBMITTED");
	}

}
