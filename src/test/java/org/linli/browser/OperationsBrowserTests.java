package org.linli.browser;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone: the administrator makes a backup and sees it listed with its size, and the
 * command that restores it; a service member with the personal-data permission anonymizes
 * a former resident whose retention period has passed.
 */
class OperationsBrowserTests extends BrowserTest {

	@Test
	void theAdministratorBacksUpOnAPhone() {
		try (BrowserContext phone = phone()) {
			Page page = phone.newPage();
			signIn(page, "admin", ADMIN_PASSWORD);
			page.navigate(url("/admin/backups"));
			page.locator("#backup-now").click();
			assertThat(page.locator(".alert-success")).containsText("已完成备份");
			assertThat(page.locator("#backups tbody tr").first()).containsText("MB");
			assertThat(page.locator("#restore-command")).containsText("java -jar linli.jar restore linli-");
			assertThat(page.locator("#key-rotation")).containsText("当前密钥编号");
			screenshot(page, "operations-backups-phone");
			assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
		}
	}

	@Test
	void aFormerResidentIsAnonymizedOnAPhone() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 2, "201");
		String phoneNumber = "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long former = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "冯五", "phone", phoneNumber, "communityId", community, "roomId", room, "role",
							"TENANT", "since", "2017-03-01"))
			.id();
		long stay = this.api.get("/api/v1/residents/" + former + "/occupancies", admin())
			.json()
			.get(0)
			.get("id")
			.asLong();
		this.api.post("/api/v1/occupancies/" + stay + "/end", admin(), Map.of("until", "2019-02-28", "reason", "退租"));
		String service = createStaff(List.of("SERVICE"), List.of(community));
		this.jdbc.sql("""
				INSERT INTO staff_account_permission (account_id, permission)
				SELECT id, 'PERSONAL_DATA_VIEW' FROM staff_account WHERE username = ?""").param(service).update();
		try (BrowserContext phone = phone()) {
			Page page = phone.newPage();
			page.onDialog((dialog) -> dialog.accept());
			signIn(page, service, "password-123");
			page.navigate(url("/admin/residents"));
			page.getByText("到期匿名化").first().click();
			String row = "#anonymization-due tr:has(a[href$='/residents/" + former + "'])";
			assertThat(page.locator(row)).hasCount(1);
			page.locator(row + " button").click();
			assertThat(page.locator(".alert-success")).containsText("匿名住户R" + former);
			assertThat(page.locator(row)).hasCount(0);
			screenshot(page, "residents-anonymization-phone");
			page.navigate(url("/admin/residents/" + former));
			assertThat(page.locator("body")).containsText("匿名住户R" + former);
			assertThat(page.locator("body")).not().containsText("冯五");
		}
	}

}
