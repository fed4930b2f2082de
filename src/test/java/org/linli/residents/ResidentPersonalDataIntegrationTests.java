package org.linli.residents;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A resident's copy of their personal data: every module's section, their own data only,
 * a file to keep, audited; staff and strangers get none.
 */
class ResidentPersonalDataIntegrationTests extends IntegrationTest {

	private record Person(long id, String phone, String token) {
	}

	private Person resident(long community, long room, String name) {
		String phone = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long id = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", name, "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(id), "password", "resident-pass-1"));
		return new Person(id, phone, this.api.token(phone, "resident-pass-1"));
	}

	@Test
	void aResidentDownloadsTheirOwnDataAndNobodyElses() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long mine = createRoom(building, "1单元", 1, "101");
		long theirs = createRoom(building, "1单元", 1, "102");
		Person me = resident(community, mine, "甲住户");
		Person neighbour = resident(community, theirs, "乙邻居");
		this.api.post("/api/v1/me/complaints", me.token(),
				Map.of("kind", "SUGGESTION", "category", "FACILITY", "description", "建议增加长椅", "roomId", mine));
		this.api.post("/api/v1/me/complaints", neighbour.token(),
				Map.of("kind", "COMPLAINT", "category", "NOISE", "description", "邻居的秘密投诉", "roomId", theirs));

		Api.Response download = this.api.get("/api/v1/me/personal-data", me.token());
		assertThat(download).hasStatus(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
			.contains("personal-data-");
		JsonNode data = download.json();
		assertThat(data.get("profile").get("resident").get("name").asString()).isEqualTo("甲住户");
		assertThat(data.get("profile").get("resident").get("phone").asString()).isEqualTo(me.phone());
		assertThat(data.get("profile").get("stays").get(0).get("room").asString()).isEqualTo("1栋-1单元-101");
		assertThat(data.get("complaints").toString()).contains("建议增加长椅");
		for (String section : List.of("billing", "repairs", "activities")) {
			assertThat(data.has(section)).as(section).isTrue();
		}
		assertThat(download.body()).doesNotContain("乙邻居")
			.doesNotContain(neighbour.phone())
			.doesNotContain("邻居的秘密投诉")
			.doesNotContain("1栋-1单元-102");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_EXPORTED' " + "AND target_id = ?")
			.param(String.valueOf(me.id()))
			.query(Long.class)
			.single()).isEqualTo(1);

		// staff have no "me" data; nobody signed out gets any
		assertThat(this.api.get("/api/v1/me/personal-data", staffToken(List.of("MANAGER"), List.of(community))))
			.hasStatus(403);
		assertThat(this.api.get("/api/v1/me/personal-data", null)).hasStatus(401);
		assertThat(WebSession.anonymous(this.api.base()).get("/portal/personal-data")).hasStatus(302);
	}

}
