package org.linli.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first journey of a property company: sign in, create a building and a room, and see
 * them listed — in Chinese, on a desktop and on a phone.
 */
class EstateBrowserTests extends BrowserTest {

	@Test
	void staffSignInCreateABuildingAndARoomAndSeeThemListed() {
		long community = createCommunity();
		signIn(this.page, "admin", ADMIN_PASSWORD);
		assertThat(this.page.locator("h1")).hasText("工作台");

		this.page.navigate(url("/admin/communities/" + community));
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("新建楼栋")).click();
		this.page.getByLabel("楼栋名称").fill("8栋");
		this.page.getByLabel("楼层数").fill("12");
		this.page.getByLabel("有电梯").check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();
		assertThat(this.page.locator(".alert-success")).hasText("已保存。");
		assertThat(this.page.locator("table")).containsText("8栋");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("房屋").setExact(true)).click();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("新建房屋")).click();
		this.page.getByLabel("楼栋").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("8栋"));
		this.page.getByLabel("单元").fill("1单元");
		this.page.getByLabel("楼层").fill("3");
		this.page.getByLabel("房号").fill("301");
		this.page.getByLabel("建筑面积（㎡）").fill("-89.50");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();
		assertThat(this.page.locator(".invalid-feedback")).hasText("必须大于 0");
		assertThat(this.page.getByLabel("房号")).hasValue("301");

		this.page.getByLabel("建筑面积（㎡）").fill("89.50");
		this.page.getByLabel("套内面积（㎡）").fill("72.30");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();
		Locator rooms = this.page.locator("#rooms");
		assertThat(rooms).containsText("301");
		assertThat(rooms).containsText("8栋");
		assertThat(rooms).containsText("89.50");
		assertThat(rooms).containsText("空置");
		screenshot(this.page, "rooms-desktop");

		// the status filter narrows the list in place (htmx)
		this.page.navigate(url("/admin/communities/" + community + "/rooms"));
		this.page.getByLabel("状态").selectOption("OCCUPIED");
		assertThat(this.page.locator("#rooms")).containsText("没有符合条件的记录");
		assertThat(this.page).hasURL(java.util.regex.Pattern.compile(".*status=OCCUPIED.*"));
		this.page.getByLabel("状态").selectOption("VACANT");
		assertThat(this.page.locator("#rooms")).containsText("301");
	}

	@Test
	void theConsoleFitsAPhoneScreenAndSpeaksEnglishWhenAsked() {
		long community = createCommunity();
		createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		BrowserContext phone = phone();
		try {
			Page small = phone.newPage();
			signIn(small, "admin", ADMIN_PASSWORD);
			small.navigate(url("/admin/communities/" + community + "/rooms"));
			assertThat(small.locator("#rooms")).containsText("101");
			Object overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			screenshot(small, "rooms-phone");

			small.navigate(url("/admin?lang=en"));
			assertThat(small.locator("h1")).hasText("Home");
			small.navigate(url("/admin/communities/" + community + "/rooms"));
			assertThat(small.locator("h1")).containsText("Rooms");
		}
		finally {
			phone.close();
		}
	}

}
