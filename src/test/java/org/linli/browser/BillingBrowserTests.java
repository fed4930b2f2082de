package org.linli.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Finance configures a tiered electricity fee, imports the month's meter readings, runs
 * billing, watches it finish and reads a room's bill with each band of its breakdown.
 */
class BillingBrowserTests extends BrowserTest {

	@Test
	void configureImportRunAndReadTheBreakdown() throws Exception {
		YearMonth now = YearMonth.now(org.linli.shared.Times.zone());
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		createRoom(building, "1单元", 1, "102");
		String username = createStaff(List.of("FINANCE"), List.of(community));
		this.api.post("/api/v1/meter-readings", this.api.token(username, "password-123"), Map.of("roomId", room,
				"meterType", "ELECTRICITY", "period", now.minusMonths(1).toString(), "reading", "1000"));

		signIn(this.page, username, "password-123");
		this.page.navigate(url("/admin/communities/" + community + "/fee-items/new"));
		this.page.getByLabel("项目名称").fill("电费");
		this.page.getByLabel("计费方式").selectOption("METERED");
		this.page.getByLabel("表计类型").selectOption("ELECTRICITY");
		this.page.getByLabel("第 1 档上限").fill("240");
		this.page.getByLabel("第 1 档单价").fill("0.4883");
		this.page.getByLabel("第 2 档上限").fill("400");
		this.page.getByLabel("第 2 档单价").fill("0.5383");
		this.page.getByLabel("最高档单价（无上限）").fill("0.7883");
		this.page.getByLabel("生效月份").fill(now.minusMonths(1).toString());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();
		assertThat(this.page.locator("#fee-items")).containsText("至 240：0.4883");

		Path csv = Files.createDirectories(Path.of("target", "tmp")).resolve("readings-" + community + ".csv");
		Files.writeString(csv, "房屋,表计,期间,读数,换表,新表起码\n1-1-101,电," + now + ",1450,,\n");
		this.page.navigate(url("/admin/communities/" + community + "/meter-readings?period=" + now));
		this.page.locator("input[type=file]").setInputFiles(csv);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上传并导入")).click();
		assertThat(this.page.locator(".alert-success")).containsText("已导入 1 条读数");
		assertThat(this.page.locator("#readings")).containsText("450");

		this.page.navigate(url("/admin/communities/" + community + "/billing-runs?period=" + now));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("预览")).click();
		assertThat(this.page.locator("#preview")).containsText("242.74");
		assertThat(this.page.locator("#preview")).containsText("1 户缺少本期抄表读数");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始出账")).click();
		assertThat(this.page.locator("#run-status")).hasText("已完成",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
		assertThat(this.page.locator("#missing")).containsText("1栋-1单元-102");

		this.page.navigate(url("/admin/rooms/" + room + "/bills"));
		Locator bills = this.page.locator("#bills");
		assertThat(bills).containsText("240 × 0.4883 = 117.1920");
		assertThat(bills).containsText("160 × 0.5383 = 86.1280");
		assertThat(bills).containsText("50 × 0.7883 = 39.4150");
		assertThat(bills).containsText("242.74");
		screenshot(this.page, "room-bills");
	}

}
