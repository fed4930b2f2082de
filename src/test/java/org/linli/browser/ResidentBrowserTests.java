package org.linli.browser;

import java.time.LocalDate;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.linli.shared.Times;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer service registers a resident, moves them into a room, changes their room and
 * sees the history; the resident activates their account and, on a phone, sees only the
 * room they live in now.
 */
class ResidentBrowserTests extends BrowserTest {

	@Test
	void registerMoveInChangeRoomsAndTheResidentSeesOnlyTheirRoom() {
		long decoy = createCommunity();
		createRoom(createBuilding(decoy, "1栋"), "1单元", 1, "102"); // the same room code in
																	// another community
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		createRoom(building, "1单元", 1, "101");
		createRoom(building, "1单元", 1, "102");
		String communityName = this.api.get("/api/v1/communities/" + community, admin()).json().get("name").asString();
		String phone = "135" + String.format("%08d", System.nanoTime() % 100_000_000);
		String today = LocalDate.now(Times.zone()).toString();

		signIn(this.page, "admin", ADMIN_PASSWORD);
		this.page.navigate(url("/admin/residents"));
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("登记住户")).click();
		if (this.page.getByLabel("小区").count() > 0) {
			this.page.getByLabel("小区").selectOption(new SelectOption().setLabel(communityName));
		}
		this.page.getByLabel("姓名").fill("陈晓燕");
		this.page.getByLabel("手机号").fill(phone);
		this.page.getByLabel("房屋").fill("1-1-101");
		this.page.getByLabel("身份").selectOption("OWNER");
		this.page.getByLabel("入住日期").fill("2025-03-01");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存")).click();

		assertThat(this.page.locator("h1")).hasText("陈晓燕");
		Locator history = this.page.locator("#history");
		assertThat(history).containsText("1栋-1单元-101");
		assertThat(history).containsText("在住");

		this.page.getByLabel("新房屋").fill("1-1-102");
		this.page.getByLabel("换房日期").fill(today);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("换房").setExact(true)).click();
		assertThat(this.page.locator(".alert-success")).hasText("已保存。");
		assertThat(history).containsText("1栋-1单元-102");
		assertThat(history.locator("tr", new Locator.LocatorOptions().setHasText("1栋-1单元-101"))).containsText(today);
		assertThat(history.locator("tr", new Locator.LocatorOptions().setHasText("1栋-1单元-101"))).containsText("换房");
		screenshot(this.page, "resident-profile");

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("邀请开通业主端")).click();
		// the code goes to the resident's phone; staff see where it went, not the code
		assertThat(this.page.locator(".alert-success"))
			.containsText("激活码已通过短信发送至 " + phone.substring(0, 3) + "****" + phone.substring(7));
		long resident = Long.parseLong(this.page.url().replaceAll(".*/admin/residents/(\\d+).*", "$1"));
		String code = invitationCode(resident);
		assertThat(code).matches("\\d{6}");
		assertThat(this.page.content()).doesNotContain(code);

		BrowserContext phoneContext = phone();
		try {
			Page mobile = phoneContext.newPage();
			mobile.navigate(url("/portal/activate"));
			mobile.getByLabel("手机号").fill(phone);
			mobile.getByLabel("激活码").fill(code);
			mobile.getByLabel("设置密码").fill("my-portal-pass");
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开通")).click();
			assertThat(mobile.locator(".alert-success")).containsText("账号已开通");
			mobile.getByLabel("手机号").fill(phone);
			mobile.getByLabel("密码").fill("my-portal-pass");
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
			assertThat(mobile.locator("h1")).containsText("陈晓燕");
			screenshot(mobile, "portal-home-phone");
			mobile.locator("#to-profile").click();
			assertThat(mobile.locator(".room-card")).hasCount(1);
			assertThat(mobile.locator(".room-card")).containsText("1栋-1单元-102");
			assertThat(mobile.locator("body")).not().containsText("1栋-1单元-101");
			Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			screenshot(mobile, "portal-phone");
		}
		finally {
			phoneContext.close();
		}
	}

}
