package org.linli.estate;

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
 * Every id-taking estate endpoint refuses staff of another community (404: the record's
 * existence is not revealed), refuses writes to read-only roles (403), and refuses
 * anonymous callers (401).
 */
class EstateAccessIntegrationTests extends IntegrationTest {

	private long ours;

	private long theirs;

	private long theirBuilding;

	private long theirRoom;

	private long theirParking;

	private String manager;

	@BeforeEach
	void estates() {
		this.ours = createCommunity();
		this.theirs = createCommunity();
		this.theirBuilding = createBuilding(this.theirs, "1栋");
		this.theirRoom = createRoom(this.theirBuilding, "1单元", 1, "101");
		this.theirParking = this.api
			.post("/api/v1/communities/" + this.theirs + "/parking-spaces", admin(), Map.of("number", "P-1"))
			.id();
		this.manager = staffToken(List.of("MANAGER"), List.of(this.ours));
	}

	@Test
	void staffOfAnotherCommunityGet404Everywhere() {
		Map<String, Object> room = Map.of("floor", 1, "number", "999", "buildingArea", "50.00");
		List<Api.Response> responses = List.of(this.api.get("/api/v1/communities/" + this.theirs, this.manager),
				this.api.put("/api/v1/communities/" + this.theirs, this.manager, Map.of("name", "x")),
				this.api.get("/api/v1/communities/" + this.theirs + "/buildings", this.manager),
				this.api.post("/api/v1/communities/" + this.theirs + "/buildings", this.manager,
						Map.of("name", "9栋", "floors", 3)),
				this.api.get("/api/v1/buildings/" + this.theirBuilding, this.manager),
				this.api.put("/api/v1/buildings/" + this.theirBuilding, this.manager, Map.of("name", "x", "floors", 3)),
				this.api.post("/api/v1/buildings/" + this.theirBuilding + "/units", this.manager,
						Map.of("name", "9单元")),
				this.api.get("/api/v1/buildings/" + this.theirBuilding + "/rooms", this.manager),
				this.api.post("/api/v1/buildings/" + this.theirBuilding + "/rooms", this.manager, room),
				this.api.get("/api/v1/communities/" + this.theirs + "/rooms", this.manager),
				this.api.get("/api/v1/rooms/" + this.theirRoom, this.manager),
				this.api.put("/api/v1/rooms/" + this.theirRoom, this.manager, room),
				this.api.get("/api/v1/communities/" + this.theirs + "/parking-spaces", this.manager),
				this.api.post("/api/v1/communities/" + this.theirs + "/parking-spaces", this.manager,
						Map.of("number", "P-9")),
				this.api.get("/api/v1/parking-spaces/" + this.theirParking, this.manager),
				this.api.put("/api/v1/parking-spaces/" + this.theirParking, this.manager, Map.of("number", "P-2")),
				this.api.upload("/api/v1/communities/" + this.theirs + "/rooms/import", this.manager, "rooms.xlsx",
						new byte[] { 1, 2, 3 }));
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response).hasStatus(404);
			assertThat(response.body()).doesNotContain("1栋").doesNotContain("101");
		});
		assertThat(this.jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?")
			.param(this.theirBuilding)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theirCommunityIsNotListed() {
		Api.Response list = this.api.get("/api/v1/communities?size=200", this.manager);
		assertThat(list.json().get("totalElements").asLong()).isEqualTo(1);
		assertThat(list.json().get("content").get(0).get("id").asLong()).isEqualTo(this.ours);
	}

	@Test
	void readOnlyRolesCannotChangeTheEstate() {
		String finance = staffToken(List.of("FINANCE"), List.of(this.ours));
		assertThat(this.api.get("/api/v1/communities/" + this.ours + "/buildings", finance)).hasStatus(200);
		assertThat(this.api.post("/api/v1/communities/" + this.ours + "/buildings", finance,
				Map.of("name", "8栋", "floors", 3)))
			.hasStatus(403);
		assertThat(this.api.post("/api/v1/communities", this.manager, Map.of("name", unique("新小区")))).hasStatus(403);
	}

	@Test
	void anonymousCallersAreRefused() {
		assertThat(this.api.get("/api/v1/rooms/" + this.theirRoom, null)).hasStatus(401);
		assertThat(this.api.post("/api/v1/buildings/" + this.theirBuilding + "/rooms", null, Map.of())).hasStatus(401);
		var page = WebSession.anonymous(this.api.base()).get("/admin/rooms/" + this.theirRoom + "/edit");
		assertThat(page).hasStatus(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void pagesOfAnotherCommunityAre404() {
		String username = createStaff(List.of("MANAGER"), List.of(this.ours));
		WebSession browser = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(browser.get("/admin/communities/" + this.ours)).hasStatus(200);
		for (String path : List.of("/admin/communities/" + this.theirs, "/admin/communities/" + this.theirs + "/rooms",
				"/admin/rooms/" + this.theirRoom + "/edit", "/admin/buildings/" + this.theirBuilding + "/edit",
				"/admin/parking/" + this.theirParking + "/edit",
				"/admin/communities/" + this.theirs + "/rooms/export.xlsx")) {
			var response = browser.get(path);
			assertThat(response).hasStatus(404);
			assertThat(response.body()).as(path).doesNotContain("Exception");
		}
		assertThat(browser.get("/admin/staff")).hasStatus(403);
		assertThat(browser.get("/admin/audit")).hasStatus(403);
	}

}
