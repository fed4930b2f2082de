package org.linli.browser;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.linli.notifications.internal.Deliveries;
import org.linli.shared.Times;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An activity from end to end on phones: customer service publish one with two places;
 * three households register on their phones — the third joins the waiting list; the first
 * cancels, the third is promoted and finds the message in the portal; the manager's
 * workbench counts the activity, and the staff check a household in by its QR page.
 */
class ActivityBrowserTests extends BrowserTest {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	@Autowired
	ApplicationContext applicationContext;

	private String household(long community, long building, String number, String name) {
		long room = createRoom(building, "1单元", 3, number);
		String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long resident = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", name, "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "owner-pass-1"));
		return phone;
	}

	private Page onPhone(List<BrowserContext> phones, String phone) {
		BrowserContext context = phone();
		phones.add(context);
		Page mobile = context.newPage();
		mobile.navigate(url("/portal"));
		mobile.getByLabel("手机号").fill(phone);
		mobile.getByLabel("密码").fill("owner-pass-1");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		mobile.waitForURL("**/portal");
		return mobile;
	}

	private static void openActivity(Page mobile, String title) {
		mobile.locator("#nav-activities").click();
		mobile.locator("#upcoming-activities a", new Page.LocatorOptions().setHasText(title)).click();
	}

	@Test
	void twoPlacesThreeHouseholdsOneCancelsTheThirdIsPromotedAndTheManagerSeesIt() {
		long community = createCommunity();
		long building = createBuilding(community, "3栋");
		String first = household(community, building, "301", "赵一");
		String second = household(community, building, "302", "钱二");
		String third = household(community, building, "303", "孙三");
		String desk = createStaff(List.of("SERVICE"), List.of(community));
		String manager = createStaff(List.of("MANAGER"), List.of(community));

		// customer service publish an activity with two places, one per household
		BrowserContext staffPhone = phone();
		Page staff = staffPhone.newPage();
		signIn(staff, desk, "password-123");
		staff.navigate(url("/admin/activities?communityId=" + community));
		staff.locator("#new-activity").click();
		LocalDateTime start = LocalDateTime.ofInstant(this.clock.instant(), Times.zone())
			.plusDays(7)
			.withHour(14)
			.withMinute(0);
		staff.locator("#title").fill("亲子手工");
		staff.locator("#place").fill("会所二楼");
		staff.locator("#startsAt").fill(start.format(LOCAL));
		staff.locator("#endsAt").fill(start.plusHours(2).format(LOCAL));
		// refused without places: what was typed stays
		staff.locator("#capacity").fill("");
		staff.locator("#save-activity").click();
		assertThat(staff.locator("#capacity")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
		assertThat(staff.locator("#title")).hasValue("亲子手工");
		staff.locator("#registrationDeadline").fill(start.minusDays(1).format(LOCAL));
		staff.locator("#capacity").fill("2");
		staff.locator("#perHousehold").fill("1");
		staff.locator("#save-activity").click();
		assertThat(staff.locator("#activity-state")).hasText("报名中");
		String activityPage = staff.url();

		// three households register on their phones; the third waits
		List<BrowserContext> phones = new ArrayList<>();
		try {
			Page one = onPhone(phones, first);
			Page two = onPhone(phones, second);
			Page three = onPhone(phones, third);
			for (Page mobile : List.of(one, two)) {
				openActivity(mobile, "亲子手工");
				mobile.locator("#register").click();
				assertThat(mobile.locator(".registration-status")).hasText("已报名");
			}
			openActivity(three, "亲子手工");
			assertThat(three.locator("#register")).hasText("名额已满，加入候补");
			three.locator("#register").click();
			assertThat(three.locator(".registration-status")).hasText("候补第 1 位");
			Object overflow = three.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
			screenshot(three, "activity-waiting-phone");

			// the first household cancels: the third is promoted and told
			one.locator(".cancel-registration").click();
			assertThat(one.locator(".my-registration")).hasCount(0);
			Deliveries.deliverNow(this.applicationContext);
			three.reload();
			assertThat(three.locator(".registration-status")).hasText("已报名");
			assertThat(three.locator(".my-registration img")).isVisible();
			three.locator("#nav-messages").click();
			assertThat(three.locator("body")).containsText("候补成功：亲子手工");

			// the staff see two registered, nobody waiting
			staff.navigate(activityPage);
			assertThat(staff.locator("#places-taken")).hasText("2/2");
			assertThat(staff.locator("#places-waiting")).hasText("0");
			assertThat(staff.locator(".registration")).hasCount(3);
			screenshot(staff, "activity-registrations-phone");
		}
		finally {
			phones.forEach(BrowserContext::close);
			staffPhone.close();
		}

		// the manager's workbench counts it
		signIn(this.page, manager, "password-123");
		assertThat(this.page.locator("#tile-ACTIVITIES .tile-value")).hasText("1");
		assertThat(this.page.locator("#tile-ACTIVITIES .tile-detail")).containsText("亲子手工");
		assertThat(this.page.locator("#tile-COMPLAINTS .tile-value")).hasText("0");
		assertThat(this.page.locator("#tile-WORK_ORDERS .tile-value")).hasText("0");
		assertThat(this.page.locator("#tile-MAINTENANCE_OVERDUE .tile-value")).hasText("0");
		assertThat(this.page.locator("#tile-COLLECTION_RATE")).isVisible();
		this.page.locator("#tile-ACTIVITIES").click();
		assertThat(this.page.locator("#activities")).containsText("亲子手工");
		screenshot(this.page, "workbench-manager");
	}

}
