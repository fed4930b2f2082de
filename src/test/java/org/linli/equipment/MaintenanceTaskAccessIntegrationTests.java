package org.linli.equipment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;

import static org.linli.support.HttpAssert.assertThat;

/** A technician reads the maintenance tasks assigned to them, not a colleague's by id. */
class MaintenanceTaskAccessIntegrationTests extends IntegrationTest {

	@Test
	void aTechnicianCannotReadAColleaguesTaskById() {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		String mine = createStaff(List.of("TECHNICIAN"), List.of(community));
		String other = createStaff(List.of("TECHNICIAN"), List.of(community));
		long mineId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(mine)
			.query(Long.class)
			.single();
		long device = this.api
			.post("/api/v1/communities/" + community + "/equipment", manager,
					Map.of("code", "SB-2", "name", "2号水泵", "category", "WATER", "status", "IN_USE"))
			.id();
		assertThat(this.api.post("/api/v1/equipment/" + device + "/maintenance-plans", manager,
				Map.of("intervalDays", 30, "checklist", List.of("运行"), "assigneeId", mineId, "startDate",
						LocalDate.now(this.clock).toString())))
			.hasStatus(201);
		long task = this.api.get("/api/v1/communities/" + community + "/maintenance-tasks?status=OPEN", manager)
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
		assertThat(this.api.get("/api/v1/maintenance-tasks/" + task, this.api.token(mine, "password-123")))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/maintenance-tasks/" + task, this.api.token(other, "password-123")))
			.hasStatus(404);
		assertThat(this.api.get("/api/v1/maintenance-tasks/" + task, manager)).hasStatus(200);
	}

}
