package org.linli.browser;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cashier takes a partial payment for a room and prints the receipt; the owner, on a
 * phone, sees what remains and downloads the receipt.
 */
class PaymentBrowserTests extends BrowserTest {

	@Autowired
	BillingRuns runs;

	@Test
	void aCashierTakesAPartialPaymentAndTheOwnerSeesTheRestOnAPhone() throws Exception {
		YearMonth now = YearMonth.now(Times.zone());
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		String cashier = createStaff(List.of("FINANCE"), List.of(community));
		String token = this.api.token(cashier, "password-123");
		String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "王业主", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		String code = invite(owner);
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "owner-pass-1"));
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", token,
				Map.of("name", "物业费", "method", "FIXED", "amount", "120.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.minusMonths(1).toString()))
			.id();
		for (YearMonth period : List.of(now.minusMonths(1), now)) {
			long run = this.api
				.post("/api/v1/communities/" + community + "/billing-runs", token,
						Map.of("period", period.toString(), "feeItemIds", List.of(fee)))
				.id();
			while (!"COMPLETED"
				.equals(this.api.get("/api/v1/billing-runs/" + run, token).json().get("status").asString())) {
				this.runs.pickUp();
				Thread.sleep(50);
			}
		}

		signIn(this.page, cashier, "password-123");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("收费").setExact(true)).click();
		this.page.getByLabel("房号（如 1-2-1201）").fill("1-1-101");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("打开")).first().click();
		assertThat(this.page.locator("#owed")).containsText("240.00");
		// an amount above what is owed is refused and what was typed stays
		this.page.getByLabel("金额").first().fill("300");
		this.page.getByLabel("交款人").fill("王业主");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认收费")).click();
		assertThat(this.page.locator("#pay-problems")).containsText("240.00");
		assertThat(this.page.getByLabel("交款人")).hasValue("王业主");
		this.page.getByLabel("金额").first().fill("150");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认收费")).click();
		assertThat(this.page.locator(".alert-success")).containsText("已收费，收据号 " + now.getYear() + "-000001");
		assertThat(this.page.locator("#allocations")).containsText("120.00");
		assertThat(this.page.locator("#allocations")).containsText("30.00");
		assertThat(this.page.locator("#remaining")).containsText("90.00");
		String receipt = this.page.locator("#print-receipt").getAttribute("href");
		APIResponse pdf = this.context.request().get(url(receipt));
		assertThat(pdf).isOK();
		assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
		assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		screenshot(this.page, "payment");

		BrowserContext phoneContext = phone();
		try {
			Page mobile = phoneContext.newPage();
			mobile.navigate(url("/portal"));
			mobile.getByLabel("手机号").fill(phone);
			mobile.getByLabel("密码").fill("owner-pass-1");
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
			mobile.locator("#nav-bills").click();
			assertThat(mobile.locator(".open-lines li")).hasCount(1);
			assertThat(mobile.locator(".open-lines")).containsText("90.00");
			assertThat(mobile.locator(".open-lines")).containsText("已缴 30.00");
			assertThat(mobile.locator("#my-payments")).containsText("150.00");
			String mine = mobile.locator(".receipt-link").first().getAttribute("href");
			APIResponse copy = phoneContext.request().get(url(mine));
			assertThat(copy).isOK();
			assertThat(copy.headers().get("content-type")).isEqualTo("application/pdf");
			Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			// the owner orders the rest for payment: an order number to pay by transfer
			// or at the desk
			mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("生成缴费单")).click();
			assertThat(mobile.locator("#order-amount")).hasText("90.00");
			assertThat(mobile.locator("#order-number")).containsText("PO");
			screenshot(mobile, "portal-bills-phone");
		}
		finally {
			phoneContext.close();
		}
	}

}
