package org.linli.browser;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * An inspector works through today's round on a phone: one checkpoint normal, one
 * abnormal with a note; the manager then sees the fault in the device's history.
 */
class EquipmentBrowserTests extends BrowserTest {

	@Test
	void anInspectorCompletesARoundOnAPhoneMarkingOneCheckpointAbnormal() {
		assumeThat(LocalTime.now(org.linli.shared.Times.zone()).isBefore(LocalTime.of(23, 50))).isTrue();
		long community = createCommunity();
		String manager = this.api.token(createStaff(List.of("MANAGER"), List.of(community)), "password-123");
		String inspector = createStaff(List.of("INSPECTOR"), List.of(community));
		long inspectorId = this.api.get("/api/v1/staff?q=" + inspector, admin())
			.json()
			.get("content")
			.get(0)
			.get("id")
			.asLong();
		long pump = this.api
			.post("/api/v1/communities/" + community + "/equipment", manager,
					Map.of("code", "XF-B1", "name", "消防水泵", "category", "FIRE", "location", "地下泵房"))
			.id();
		assertThat(
				this.api.post("/api/v1/communities/" + community + "/inspection-plans", manager,
						Map.of("name", "消防日巡", "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "23:59",
								"assigneeId", inspectorId, "startDate",
								LocalDate.now(org.linli.shared.Times.zone()).toString(), "checkpoints",
								List.of(Map.of("name", "1栋消防栓", "items", List.of("水压", "水带")),
										Map.of("equipmentId", pump, "items", List.of("运行声音", "控制柜指示灯"))))))
			.hasStatus(201);

		BrowserContext phoneContext = phone();
		try {
			Page mobile = phoneContext.newPage();
			signIn(mobile, inspector, "password-123");
			mobile.navigate(url("/admin/rounds"));
			mobile.locator("#my-rounds a").first().click();
			Locator checkpoints = mobile.locator(".checkpoint");
			assertThat(checkpoints).hasCount(2);
			checkpoints.nth(0).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("正常")).click();
			assertThat(mobile.locator(".checkpoint").nth(0)).containsText("正常");
			// abnormal without a note is refused with the reason
			mobile.locator(".checkpoint")
				.nth(1)
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("异常"))
				.click();
			assertThat(mobile.locator(".alert-danger")).containsText("异常时请填写说明");
			mobile.locator(".checkpoint").nth(1).getByLabel("说明（异常时必填） 消防水泵").fill("控制柜指示灯不亮");
			mobile.locator(".checkpoint")
				.nth(1)
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("异常"))
				.click();
			assertThat(mobile.locator("#round-status")).hasText("已完成");
			assertThat(mobile.locator(".checkpoint").nth(1)).containsText("控制柜指示灯不亮");
			Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			screenshot(mobile, "inspection-round-phone");
		}
		finally {
			phoneContext.close();
		}
		assertThat(
				this.api.get("/api/v1/equipment/" + pump + "/history", manager).json().get(0).get("summary").asString())
			.contains("控制柜指示灯不亮");
	}

}
