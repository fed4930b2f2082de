package org.linli.equipment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Routes are refused rather than stored wrong: a checkpoint naming a device code no
 * device has (with the nearest code suggested), and a second route of the same name.
 */
class InspectionRouteChecksIntegrationTests extends IntegrationTest {

	@Test
	void anUnknownDeviceCodeAndASecondRouteOfTheSameNameAreRefused() {
		long community = createCommunity();
		String managerUser = createStaff(List.of("MANAGER"), List.of(community));
		String manager = this.api.token(managerUser, "password-123");
		assertThat(this.api.post("/api/v1/communities/" + community + "/equipment", manager,
				Map.of("code", "XF-1-01", "name", "1栋消防栓", "category", "FIRE", "location", "1栋")))
			.hasStatus(201);
		WebSession browser = WebSession.signIn(this.api.base(), managerUser, "password-123");
		String rounds = "/admin/communities/" + community + "/inspection-rounds";
		browser.get(rounds);
		// every problem at once, each named by its field
		assertThat(browser.postForm("/admin/communities/" + community + "/inspection-plans",
				Map.of("name", "", "checkpoints", "1栋大堂 | 灭火器")))
			.hasStatus(302);
		assertThat(browser.get(rounds).body()).contains("名称/姓名：必填").contains("开始时间：必填").contains("开始日期：必填");
		assertThat(browser.postForm("/admin/communities/" + community + "/inspection-plans",
				Map.of("name", "消防日巡", "frequency", "DAILY", "windowStart", "08:00", "windowEnd", "20:00", "startDate",
						LocalDate.now(this.clock).toString(), "checkpoints", "1栋大堂 | 灭火器\nXF-1-02 | 压力表")))
			.hasStatus(302);
		assertThat(browser.get(rounds).body()).contains("第 2 行").contains("XF-1-02").contains("是否是 XF-1-01");
		assertThat(this.jdbc.sql("SELECT count(*) FROM inspection_plan WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single()).isZero();

		Map<String, Object> route = Map.of("name", "消防日巡", "frequency", "DAILY", "windowStart", "08:00", "windowEnd",
				"20:00", "startDate", LocalDate.now(this.clock).toString(), "checkpoints",
				List.of(Map.of("name", "1栋大堂", "items", List.of("灭火器"))));
		assertThat(this.api.post("/api/v1/communities/" + community + "/inspection-plans", manager, route))
			.hasStatus(201);
		Api.Response again = this.api.post("/api/v1/communities/" + community + "/inspection-plans", manager, route);
		assertThat(again).hasStatus(400);
		assertThat(again.fieldMessage("name")).contains("消防日巡");
	}

}
