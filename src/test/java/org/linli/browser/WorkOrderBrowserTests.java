package org.linli.browser;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.linli.shared.QrCodes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repair from end to end: a resident reports a leak with a photo on a phone, a
 * dispatcher assigns it, the technician completes it on a phone as chargeable, the
 * resident sees the 80.00 line, pays it at the desk, and rates the repair.
 */
class WorkOrderBrowserTests extends BrowserTest {

	@Test
	void aLeakReportedOnAPhoneIsAssignedRepairedChargedPaidAtTheDeskAndRated() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 3, "301");
		String phone = "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "周业主", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		String code = invite(owner);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "owner-pass-1"));
		String dispatcher = createStaff(List.of("SERVICE"), List.of(community));
		String technician = createStaff(List.of("TECHNICIAN"), List.of(community));
		String cashier = createStaff(List.of("FINANCE"), List.of(community));

		// the resident reports the leak with a photo, on a phone
		BrowserContext residentPhone = phone();
		Page mobile = residentPhone.newPage();
		mobile.navigate(url("/portal"));
		mobile.getByLabel("手机号").fill(phone);
		mobile.getByLabel("密码").fill("owner-pass-1");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		mobile.locator("#nav-repairs").click();
		mobile.locator("#report-repair").click();
		mobile.getByLabel("类别").selectOption(new SelectOption().setLabel("水管"));
		// refused without a description: what was chosen stays
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交报修")).click();
		assertThat(mobile.locator(".invalid-feedback").first()).isVisible();
		assertThat(mobile.getByLabel("类别")).hasValue("PLUMBING");
		mobile.getByLabel("问题描述").fill("厨房水槽下的水管漏水");
		mobile.locator("#photos").setInputFiles(new FilePayload("leak.png", "image/png", QrCodes.png("leak", 120)));
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交报修")).click();
		assertThat(mobile.locator("#repair-status")).hasText("待派单");
		assertThat(mobile.locator("#repair-photos img")).hasCount(1);
		Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		screenshot(mobile, "repair-reported-phone");
		String orderPage = mobile.url();

		// the dispatcher assigns it to the suggested technician
		signIn(this.page, dispatcher, "password-123");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("报修").setExact(true)).click();
		this.page.locator("#work-orders tbody a").first().click();
		assertThat(this.page.locator("#order-status")).hasText("待派单");
		this.page.locator("#assign").click();
		assertThat(this.page.locator("#order-status")).hasText("已派单");

		// the technician, on a phone, accepts, starts and completes it as chargeable
		BrowserContext technicianPhone = phone();
		Page bench = technicianPhone.newPage();
		signIn(bench, technician, "password-123");
		bench.navigate(url("/admin/my-work-orders"));
		bench.locator("#my-orders a").first().click();
		bench.locator("#accept").click();
		bench.locator("#start").click();
		bench.getByLabel("维修内容").fill("更换角阀");
		bench.getByLabel("人工费", new Page.GetByLabelOptions().setExact(true)).fill("50");
		bench.getByLabel("材料名称 1").fill("角阀");
		bench.getByLabel("数量 1").fill("1");
		bench.getByLabel("单价 1").fill("30");
		bench.getByLabel("户内有偿维修：向住户收取人工费和材料费").check();
		bench.locator("#complete").click();
		assertThat(bench.locator("#order-status")).hasText("已完工");
		assertThat(bench.locator("#charge")).containsText("80.00");
		Object wide = bench.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) wide).intValue()).isLessThanOrEqualTo(0);
		screenshot(bench, "repair-completed-phone");

		// the resident sees the 80.00 line among their bills
		mobile.locator("#nav-bills").click();
		assertThat(mobile.locator(".open-lines")).containsText("80.00");

		// and pays it at the desk
		BrowserContext desk = desktop();
		Page counter = desk.newPage();
		signIn(counter, cashier, "password-123");
		counter.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("收费").setExact(true)).click();
		counter.getByLabel("房号（如 1-2-1201）").fill("1-1-301");
		counter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("打开")).first().click();
		assertThat(counter.locator("#owed")).containsText("80.00");
		counter.getByLabel("金额").first().fill("80");
		counter.getByLabel("交款人").fill("周业主");
		counter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认收费")).click();
		assertThat(counter.locator(".alert-success")).containsText("已收费");

		// the resident sees it paid and rates the repair
		mobile.navigate(orderPage);
		assertThat(mobile.locator("#repair-charge")).containsText("已缴");
		mobile.locator("label[for=stars-4]").click();
		mobile.getByLabel("评价（选填）").fill("师傅很仔细");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交评价")).click();
		assertThat(mobile.locator("#repair-status")).hasText("已关闭");
		assertThat(mobile.locator("#my-rating")).containsText("师傅很仔细");
		screenshot(mobile, "repair-rated-phone");
		residentPhone.close();
		technicianPhone.close();
		desk.close();
	}

}
