package org.linli.browser;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.support.BillingRunner;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main page of the console and the portal on a 390-pixel phone: none is wider than
 * the screen (a wide table scrolls inside its own box, never the page).
 */
class PhoneWidthBrowserTests extends BrowserTest {

	@Autowired
	BillingRuns runs;

	@Test
	void noMainPageIsWiderThanAPhone() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		String phone = "133" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "宽度测试", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "owner-pass-1"));
		YearMonth now = YearMonth.now(this.clock);
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", admin(),
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.toString()))
			.id();
		new BillingRunner(this.api, this.runs).run(community, admin(), now, List.of(fee));
		long order = this.api
			.post("/api/v1/communities/" + community + "/work-orders", admin(),
					Map.of("roomId", room, "category", "PLUMBING", "description", "厨房水管漏水，水已经流到客厅地板上了"))
			.id();
		long notice = this.api.post("/api/v1/communities/" + community + "/announcements", admin(), Map.of("title",
				"关于电梯年检的通知", "body", "<p>本周五上午电梯年检，期间请走楼梯。</p><table><tr><td>1栋</td><td>9:00-10:00</td></tr></table>"))
			.id();
		java.time.Instant start = this.clock.instant().plus(java.time.Duration.ofDays(5));
		java.util.function.Function<java.time.Instant, String> at = (
				i) -> java.time.OffsetDateTime.ofInstant(i, org.linli.shared.Times.zone()).toString();
		long activity = this.api
			.post("/api/v1/communities/" + community + "/activities", admin(),
					Map.of("title", "社区义诊与健康讲座", "place", "会所二楼多功能厅", "startsAt", at.apply(start), "endsAt",
							at.apply(start.plus(java.time.Duration.ofHours(3))), "registrationDeadline",
							at.apply(start.minus(java.time.Duration.ofDays(1))), "capacity", 30, "perHousehold", 3))
			.id();
		String c = "/admin/communities/" + community;
		List<String> staffPages = List.of(c + "/announcements", c + "/announcements/new",
				"/admin/announcements/" + notice, c + "/activities", c + "/activities/new",
				"/admin/activities/" + activity, "/admin/activities/" + activity + "/edit", "/admin",
				"/admin/communities", c, c + "/rooms", "/admin/residents", "/admin/residents/" + resident,
				"/admin/cashier?communityId=" + community, "/admin/rooms/" + room + "/bills", c + "/arrears",
				c + "/billing-runs", c + "/fee-items", c + "/fee-items/new", c + "/meter-readings", c + "/refunds",
				c + "/equipment", c + "/equipment-compliance", c + "/maintenance-tasks", c + "/inspection-rounds",
				c + "/work-orders", c + "/work-orders/new", "/admin/work-orders/" + order, c + "/work-order-overview",
				c + "/notifications", "/admin/messages", "/admin/staff", "/admin/audit", "/admin/password");
		List<String> tooWide = new ArrayList<>();
		BrowserContext phone1 = phone();
		try {
			Page page = phone1.newPage();
			page.navigate(url("/admin"));
			page.getByLabel("用户名").fill("admin");
			page.getByLabel("密码").fill(ADMIN_PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
			page.waitForURL(java.util.regex.Pattern.compile(".*/admin(\\?.*)?$"));
			for (String path : staffPages) {
				measure(page, path, tooWide);
			}
			// the column that decides what to do is on the screen without scrolling
			// sideways
			page.navigate(url("/admin/rooms/" + room + "/bills"));
			var owed = page.locator("#bills thead th")
				.filter(new com.microsoft.playwright.Locator.FilterOptions()
					.setHasText(java.util.regex.Pattern.compile("^未缴$")));
			var box = owed.boundingBox();
			assertThat(box).isNotNull();
			assertThat(box.x + box.width).as("未缴 on a phone").isLessThanOrEqualTo(390);
		}
		finally {
			phone1.close();
		}
		BrowserContext phone2 = phone();
		try {
			Page page = phone2.newPage();
			page.navigate(url("/portal"));
			page.getByLabel("手机号").fill(phone);
			page.getByLabel("密码").fill("owner-pass-1");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
			for (String path : List.of("/portal", "/portal/bills", "/portal/repairs", "/portal/repairs/new",
					"/portal/repairs/" + order, "/portal/messages", "/portal/settings", "/portal/profile",
					"/portal/announcements", "/portal/announcements/" + notice, "/portal/activities",
					"/portal/activities/" + activity)) {
				measure(page, path, tooWide);
			}
		}
		finally {
			phone2.close();
		}
		assertThat(tooWide).as("pages wider than a 390-pixel phone").isEmpty();
	}

	private void measure(Page page, String path, List<String> tooWide) {
		com.microsoft.playwright.Response response = page.navigate(url(path));
		page.waitForLoadState();
		if (response == null || response.status() >= 400) {
			tooWide.add(path + " did not open (" + ((response != null) ? response.status() : "no answer") + ")");
			return;
		}
		Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		int pixels = ((Number) overflow).intValue();
		if (pixels > 0) {
			tooWide.add(path + " (+" + pixels + "px)");
			screenshot(page, "too-wide" + path.replaceAll("[^A-Za-z0-9]+", "-"));
		}
	}

}
