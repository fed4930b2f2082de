package org.linli.browser;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.linli.notifications.internal.Deliveries;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A complaint from end to end: a resident complains about noise, anonymously, on a phone;
 * customer service gives it to a handler, who follows it up twice on a phone and resolves
 * it; the resident is not satisfied, so it reopens; the manager sees it reopened (and who
 * brought it), and the report draws its chart.
 */
class ComplaintBrowserTests extends BrowserTest {

	@Autowired
	ApplicationContext applicationContext;

	@Test
	void aNoiseComplaintOnAPhoneIsFollowedUpResolvedReopenedAndSeenByTheManager() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "5栋"), "1单元", 8, "802");
		String phone = "138" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "钱业主", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(owner), "password", "owner-pass-1"));
		String desk = createStaff(List.of("SERVICE"), List.of(community));
		String handler = createStaff(List.of("SERVICE"), List.of(community));
		String manager = createStaff(List.of("MANAGER"), List.of(community));
		long handlerId = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(handler)
			.query(Long.class)
			.single();

		// the resident complains about noise on a phone, anonymously
		BrowserContext residentPhone = phone();
		Page mobile = residentPhone.newPage();
		mobile.navigate(url("/portal"));
		mobile.getByLabel("手机号").fill(phone);
		mobile.getByLabel("密码").fill("owner-pass-1");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		mobile.locator("#nav-complaints").click();
		mobile.locator("#new-complaint").click();
		mobile.getByLabel("类别").selectOption(new SelectOption().setLabel("噪音扰民"));
		mobile.getByLabel("匿名提交").check();
		// refused without a description: what was chosen stays
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交").setExact(true)).click();
		assertThat(mobile.locator(".invalid-feedback").first()).isVisible();
		assertThat(mobile.getByLabel("类别")).hasValue("NOISE");
		assertThat(mobile.getByLabel("匿名提交")).isChecked();
		mobile.getByLabel("内容").fill("楼上每晚十一点后跳绳，影响休息");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交").setExact(true)).click();
		assertThat(mobile.locator("#complaint-status")).hasText("待受理");
		Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		screenshot(mobile, "complaint-submitted-phone");
		String itemPage = mobile.url();

		// customer service gives it to the handler; they do not see who brought it
		signIn(this.page, desk, "password-123");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("投诉建议").setExact(true)).click();
		this.page.locator("#complaints tbody a").first().click();
		assertThat(this.page.locator("#complaint-author")).hasText("匿名");
		assertThat(this.page.locator("#handlerId option[value='" + handlerId + "']")).hasText("测试员工 · 0 件在办");
		this.page.locator("#handlerId").selectOption(String.valueOf(handlerId));
		this.page.locator("#assign").click();
		assertThat(this.page.locator("#complaint-status")).hasText("已受理");

		// the handler follows it up twice and resolves it, on a phone
		BrowserContext handlerPhone = phone();
		Page work = handlerPhone.newPage();
		signIn(work, handler, "password-123");
		work.navigate(this.page.url());
		assertThat(work.locator("#complaint-author")).containsText("钱业主");
		work.getByLabel("跟进情况").fill("上门了解，楼上孩子晚上跳绳");
		work.getByLabel("联系了谁（选填）").fill("楼上住户");
		work.locator("#follow-up").click();
		assertThat(work.locator("#complaint-status")).hasText("跟进中");
		work.getByLabel("跟进情况").fill("楼上承诺晚十点后停止");
		work.locator("#follow-up").click();
		assertThat(work.locator("#complaint-timeline li")).hasCount(4);
		work.getByLabel("办结").fill("已与楼上住户约定晚十点后不再跳绳");
		work.locator("#resolve").click();
		assertThat(work.locator("#complaint-status")).hasText("已办结待确认");
		Object wide = work.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) wide).intValue()).isLessThanOrEqualTo(0);
		screenshot(work, "complaint-resolved-phone");

		// the resident is not satisfied: it reopens
		mobile.navigate(itemPage);
		assertThat(mobile.locator("#complaint-result")).containsText("晚十点后不再跳绳");
		mobile.getByLabel("说明（选填）").fill("昨晚十一点还在跳");
		mobile.locator("#unsatisfied").click();
		assertThat(mobile.locator("#complaint-status")).hasText("不满意已重开");
		screenshot(mobile, "complaint-reopened-phone");

		// the manager sees it reopened, with who brought it, and the report's chart
		BrowserContext office = desktop();
		Page boss = office.newPage();
		signIn(boss, manager, "password-123");
		boss.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("投诉建议").setExact(true)).click();
		boss.locator("#filter-status").selectOption("REOPENED");
		assertThat(boss.locator("#complaints tbody tr")).hasCount(1);
		assertThat(boss.locator("#complaints tbody")).containsText("钱业主");
		boss.locator("#complaints tbody a").first().click();
		assertThat(boss.locator("#complaint-status")).hasText("不满意已重开");
		assertThat(boss.locator("#complaint-result")).containsText("昨晚十一点还在跳");
		Deliveries.deliverNow(this.applicationContext);
		boss.navigate(url("/admin/messages"));
		assertThat(boss.locator("body")).containsText("住户不满意");
		boss.navigate(url("/admin/communities/" + community + "/complaint-report"));
		assertThat(boss.locator("#chart-months")).hasAttribute("data-drawn", "true");
		assertThat(boss.locator("#report-total")).hasText("1");
		screenshot(boss, "complaint-report");
		residentPhone.close();
		handlerPhone.close();
		office.close();
	}

}
