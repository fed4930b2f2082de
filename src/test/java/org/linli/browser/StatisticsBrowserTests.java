package org.linli.browser;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fee statistics in the browser: a manager opens the quarterly collection report, sees
 * its chart, downloads its Excel file and finds the same total there; a resident opens
 * the community's disclosure on a phone.
 */
class StatisticsBrowserTests extends BrowserTest {

	@org.springframework.beans.factory.annotation.Autowired
	org.linli.billing.Billing billing;

	@Test
	void theQuarterlyReportDrawsItsChartAndItsExcelHasTheSameTotalAndAResidentReadsTheDisclosure() throws Exception {
		// a day late in the year: January to April are past
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "3栋"), "1单元", 2, "201");
		String phone = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long owner = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "孙业主", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
							"since", LocalDate.now(this.clock).minusYears(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(owner), "password", "owner-pass-1"));
		long item = this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
					                      effective_from, created_at)
					VALUES (?, '物业费', 'FIXED', 300, 'MONTHLY', 15, 'ALL_ROOMS', 0, DATE '2020-01-01', now()) RETURNING id""")
			.param(community)
			.query(Long.class)
			.single();
		int year = 2026;
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		for (int m = 1; m <= 4; m++) {
			YearMonth period = YearMonth.of(year, m);
			long bill = this.jdbc.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
					                  due_date, issued_on, created_at)
					VALUES (?, ?, ?, ?, 1, 1, 300, 300.00, ?, ?, now()) RETURNING id""")
				.params(community, room, item, period.atDay(1), period.atDay(15), period.atDay(1))
				.query(Long.class)
				.single();
			if (m != 2) {
				this.api.post("/api/v1/payments", finance,
						Map.of("roomId", room, "amount", "300.00", "method", "CASH", "billIds", List.of(bill)),
						"Idempotency-Key", UUID.randomUUID().toString());
			}
		}
		String manager = createStaff(List.of("MANAGER"), List.of(community));
		this.billing.refreshFigures();

		signIn(this.page, manager, "password-123");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("统计").setExact(true)).click();
		this.page.getByLabel("汇总方式").selectOption("QUARTER");
		this.page.getByLabel("起始月份").fill(year + "-01");
		this.page.getByLabel("截止月份").fill(year + "-06");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("筛选")).click();
		assertThat(this.page.locator("#collection tbody tr")).hasCount(2);
		assertThat(this.page.locator("#chart-collection")).hasAttribute("data-drawn", "true");
		assertThat(this.page.locator("#total-receivable")).hasText("1200.00");
		assertThat(this.page.locator("#total-received")).hasText("900.00");
		assertThat(this.page.locator("#total-rate")).hasText("75.00%");
		screenshot(this.page, "statistics-collection");
		Download download = this.page.waitForDownload(() -> this.page.locator("#collection-export").click());
		try (InputStream in = Files.newInputStream(download.path()); Workbook workbook = WorkbookFactory.create(in)) {
			Row total = null;
			for (Row row : workbook.getSheetAt(0)) {
				if ("合计".equals(row.getCell(0).getStringCellValue())) {
					total = row;
				}
			}
			assertThat(total).isNotNull();
			assertThat(BigDecimal.valueOf(total.getCell(2).getNumericCellValue()))
				.isEqualByComparingTo(new BigDecimal("1200.00"));
			assertThat(BigDecimal.valueOf(total.getCell(3).getNumericCellValue()))
				.isEqualByComparingTo(new BigDecimal("900.00"));
		}
		// the aging tab shows February's line overdue
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("欠费账龄")).click();
		assertThat(this.page.locator("#aging-total")).containsText("300.00");

		// a resident reads the disclosure on a phone
		BrowserContext residentPhone = phone();
		Page mobile = residentPhone.newPage();
		mobile.navigate(url("/portal"));
		mobile.getByLabel("手机号").fill(phone);
		mobile.getByLabel("密码").fill("owner-pass-1");
		mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
		mobile.locator("#to-disclosure").click();
		assertThat(mobile.locator("#disclosure-fees")).containsText("物业费");
		assertThat(mobile.locator("#disclosure")).not().containsText("孙业主");
		Object overflow = mobile.evaluate("document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		screenshot(mobile, "statistics-disclosure-phone");
		residentPhone.close();
	}

}
