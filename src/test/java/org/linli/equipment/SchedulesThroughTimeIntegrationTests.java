package org.linli.equipment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.equipment.internal.Inspections;
import org.linli.residents.internal.Occupancies;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Schedules that never lose a day, on a settable clock: the rounds of days no job ran are
 * made afterwards and show as missed; a route made after today's window starts with the
 * next one; room statuses catch up every move since the last run.
 */
class SchedulesThroughTimeIntegrationTests extends IntegrationTest {

	@Autowired
	Inspections inspections;

	@Autowired
	Occupancies occupancies;

	private long community;

	private String manager;

	private long inspectorId;

	@BeforeEach
	void aCommunityWithAnInspector() {
		this.clock.set(LocalDate.of(2026, 3, 2), 9, 0);
		this.community = createCommunity();
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		String inspector = createStaff(List.of("INSPECTOR"), List.of(this.community));
		this.inspectorId = this.api.get("/api/v1/staff?q=" + inspector, admin())
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
	}

	@Test
	void roundsOfDaysNoJobRanAreMadeAfterwardsAndShowAsMissed() {
		assertThat(plan("DAILY", "08:00", "10:00", "2026-03-02")).hasStatus(201);
		assertThat(plan("MONTHLY", "08:00", "18:00", "2026-03-02")).hasStatus(201);
		// 39 days away: no job ran; the application starts again
		this.clock.set(LocalDate.of(2026, 4, 10), 9, 30);
		this.inspections.generateAll();
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		JsonNode rounds = this.api
			.get("/api/v1/inspection-rounds?communityId=" + this.community + "&from=2026-03-02&to=2026-04-17",
					this.manager)
			.json();
		long daily = count(rounds, "消防日巡", null);
		assertThat(daily).as("every day from 3-02 to 4-17").isEqualTo(47);
		// 3-02 to 4-09 closed unfinished: missed; today's is open, the next week upcoming
		assertThat(count(rounds, "消防日巡", "MISSED")).isEqualTo(39);
		assertThat(count(rounds, "消防日巡", "OPEN")).isEqualTo(1);
		assertThat(count(rounds, "月度消防", null)).as("March and April").isEqualTo(2);
		assertThat(count(rounds, "月度消防", "MISSED")).isEqualTo(2);
		// safe to run again
		assertThat(this.inspections.generateAll()).isZero();
	}

	@Test
	void aRouteMadeAfterTodaysWindowStartsWithTheNextOne() {
		this.clock.set(LocalDate.of(2026, 3, 2), 20, 0);
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		assertThat(plan("DAILY", "08:00", "10:00", "2026-03-02")).hasStatus(201);
		JsonNode rounds = this.api
			.get("/api/v1/inspection-rounds?communityId=" + this.community + "&from=2026-03-01&to=2026-03-09",
					this.manager)
			.json();
		assertThat(count(rounds, "消防日巡", "MISSED")).isZero();
		assertThat(rounds.get(0).get("startsAt").asString()).startsWith("2026-03-03");
	}

	@Test
	void roomStatusesCatchUpEveryMoveSinceTheLastRun() {
		long building = createBuilding(this.community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		this.occupancies.refreshRecentBoundaries();
		assertThat(this.api.post("/api/v1/residents", admin(),
				Map.of("name", "新业主", "phone", "1390000" + String.format("%04d", (int) (Math.random() * 10000)),
						"communityId", this.community, "roomId", room, "role", "OWNER", "since", "2026-03-20",
						"confirmDuplicate", true)))
			.hasStatus(201);
		assertThat(status(room)).isEqualTo("VACANT");
		// the move-in day passes while the application is down for a month
		this.clock.set(LocalDate.of(2026, 4, 25), 9, 0);
		this.occupancies.refreshRecentBoundaries();
		assertThat(status(room)).isEqualTo("OCCUPIED");
	}

	private Api.Response plan(String frequency, String opens, String closes, String start) {
		String name = "DAILY".equals(frequency) ? "消防日巡" : "月度消防";
		return this.api.post("/api/v1/communities/" + this.community + "/inspection-plans", this.manager,
				Map.of("name", name, "frequency", frequency, "windowStart", opens, "windowEnd", closes, "assigneeId",
						this.inspectorId, "startDate", start, "checkpoints",
						List.of(Map.of("name", "地下车库消防通道", "items", List.of("通道畅通")))));
	}

	private static long count(JsonNode rounds, String plan, String status) {
		long n = 0;
		for (JsonNode round : rounds) {
			if (plan.equals(round.get("plan").asString())
					&& (status == null || status.equals(round.get("status").asString()))) {
				n++;
			}
		}
		return n;
	}

	private String status(long room) {
		return this.api.get("/api/v1/rooms/" + room, admin()).json().get("status").asString();
	}

}
