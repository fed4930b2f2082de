package org.linli.browser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.notifications.internal.Deliveries;
import org.linli.support.BillingRunner;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance staff filter the arrears list, remind a room and print its notice, and note a
 * call on the room's record; the owner, on a phone, finds the reminder in the portal's
 * inbox.
 */
class DunningBrowserTests extends BrowserTest {

	@Autowired
	BillingRuns runs;

	@Autowired
	ApplicationContext applicationContext;

	@Test
	void staffRemindARoomAndTheOwnerReadsItOnAPhone() {
		YearMonth lastMonth = YearMonth.now(this.clock).minusMonths(1);
		long community = createCommunity();
		long one = createBuilding(community, "1栋");
		long two = createBuilding(community, "2栋");
		long room = createRoom(one, "1单元", 3, "301");
		createRoom(two, "1单元", 1, "101");
		String finance = createStaff(List.of("FINANCE"), List.of(community));
		String token = this.api.token(finance, "password-123");
		String phone = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "钱七", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		String code = invite(owner);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "owner-pass-1"));
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", token,
				Map.of("name", "物业费", "method", "FIXED", "amount", "268.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", lastMonth.toString()))
			.id();
		// billed on the first of last month, as a run then would have been
		Instant now = this.clock.instant();
		this.clock.set(lastMonth.atDay(1), 9, 0);
		new BillingRunner(this.api, this.runs).run(community, token, lastMonth, List.of(fee));
		this.clock.setInstant(now);

		signIn(this.page, finance, "password-123");
		AtomicInteger confirmations = new AtomicInteger();
		this.page.onDialog((dialog) -> {
			confirmations.incrementAndGet();
			dialog.accept();
		});
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("催缴").setExact(true)).click();
		assertThat(this.page.locator("#arrears tbody tr")).hasCount(2);
		this.page.locator("#filter-building").selectOption("1栋");
		assertThat(this.page.locator("#arrears tbody tr")).hasCount(1);
		assertThat(this.page.locator("#arrears")).containsText("1栋-1单元-301");
		assertThat(this.page.locator("#arrears")).containsText("268.00");
		assertThat(this.page.locator("#arrears")).containsText("钱*");
		this.page.getByLabel("1栋-1单元-301").check();
		this.page.locator("#send-reminders").click();
		assertThat(this.page.locator(".alert-success")).containsText("已为 1 户排队发送提醒");
		assertThat(confirmations.get()).isEqualTo(1);
		// back to the list as it was: still filtered to the first building
		assertThat(this.page.locator("#arrears tbody tr")).hasCount(1);

		List<Response> pdfs = new CopyOnWriteArrayList<>();
		this.context.onResponse((response) -> {
			if (response.url().endsWith("/notices.pdf")) {
				pdfs.add(response);
			}
		});
		this.page.getByLabel("1栋-1单元-301").check();
		Page notice = this.context.waitForPage(() -> this.page.locator("#print-notices").click());
		notice.waitForLoadState();
		this.page.waitForCondition(() -> !pdfs.isEmpty());
		assertThat(pdfs.get(0).status()).isEqualTo(200);
		assertThat(pdfs.get(0).headers().get("content-type")).isEqualTo("application/pdf");
		screenshot(this.page, "arrears");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("1栋-1单元-301")).click();
		assertThat(this.page.locator("#reminders")).containsText("手动");
		assertThat(this.page.locator("#reminders")).containsText("268.00");
		this.page.getByLabel("承诺金额").fill("268");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登记")).click();
		assertThat(this.page.locator("#note-form .invalid-feedback")).containsText("必填");
		assertThat(this.page.getByLabel("承诺金额")).hasValue("268");
		this.page.getByLabel("情况").fill("电话联系业主，答应本周内缴清");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登记")).click();
		assertThat(this.page.locator("#notes")).containsText("答应本周内缴清");

		Deliveries.deliverNow(this.applicationContext);
		assertThat(this.api.get("/api/v1/rooms/" + room + "/reminders", token).body()).contains("\"SENT\"");

		BrowserContext phoneContext = phone();
		try {
			Page mobile = phoneContext.newPage();
			mobile.navigate(url("/portal"));
			mobile.getByLabel("手机号").fill(phone);
			mobile.getByLabel("密码").fill("owner-pass-1");
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
			assertThat(mobile.locator("#nav-messages .unread-count")).hasText("1");
			mobile.locator("#nav-messages").click();
			assertThat(mobile.locator("#messages")).containsText("缴费提醒：1栋-1单元-301 尚有 268.00 元待缴");
			assertThat(mobile.locator("#messages")).containsText("如您已缴纳，请忽略本提醒");
			Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			screenshot(mobile, "portal-messages-phone");
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("标为已读").setExact(true)).click();
			assertThat(mobile.locator("#nav-messages .unread-count")).hasCount(0);
		}
		finally {
			phoneContext.close();
		}
	}

}
