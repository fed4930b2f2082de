package org.linli.statistics;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The statistics pages as finance uses them: every tab renders with its chart, a refused
 * expense keeps what was typed and names the field, a recorded one is listed, reversed
 * once and exported; parameters a link got wrong are named, never an error page with a
 * trace.
 */
class StatisticsPagesIntegrationTests extends IntegrationTest {

	@Test
	void everyTabRendersAndAnExpenseIsRecordedReversedAndExported() throws Exception {
		long community = createCommunity();
		createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String clerk = createStaff(List.of("FINANCE"), List.of(community));
		WebSession browser = WebSession.signIn(this.api.base(), clerk, "password-123");
		String c = "/admin/communities/" + community;
		assertThat(browser.get("/admin/stats")).hasStatus(302);
		for (String tab : List.of("/stats/collection", "/stats/collection?groupBy=QUARTER&by=building",
				"/stats/collection?by=feeItem", "/stats/aging", "/stats/income-expense?groupBy=MONTH",
				"/disclosure?quarter=1")) {
			HttpResponse<String> page = browser.get(c + tab);
			assertThat(page).as(tab).hasStatus(200);
			assertThat(page.body()).as(tab).contains("费用统计").doesNotContain("Exception");
		}
		assertThat(browser.get(c + "/stats/collection").body()).contains("data-chart").contains("收缴率");
		assertThat(browser.get("/admin/stats/collection?by=community").body()).contains("全部小区");
		// wrong parameters in a link: named on the page, this year's report shown
		for (String bad : List.of("/stats/collection?from=abc", "/stats/collection?groupBy=WEEK",
				"/stats/aging?asOf=2999-01-01", "/stats/income-expense?year=1900", "/stats/income-expense?year=abc",
				"/disclosure?quarter=9", "/disclosure?year=abc")) {
			HttpResponse<String> page = browser.get(c + bad);
			assertThat(page).as(bad).hasStatus(200);
			assertThat(page.body()).as(bad).contains("alert-danger").doesNotContain("Exception");
		}

		HttpResponse<String> refused = browser.postForm(c + "/expenses",
				Map.of("date", LocalDate.now(this.clock).toString(), "category", "", "amount", "-5", "payee", "绿源园林"));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("绿源园林").contains("is-invalid");
		assertThat(browser.postForm(c + "/expenses", Map.of("date", LocalDate.now(this.clock).toString(), "category",
				"GREENING", "amount", "450.50", "payee", "绿源园林", "note", "补植")))
			.hasStatus(302);
		String list = browser.get(c + "/expenses").body();
		assertThat(list).contains("450.50").contains("绿源园林");
		long id = this.jdbc.sql("SELECT id FROM expense WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single();
		assertThat(browser.postForm("/admin/expenses/" + id + "/reversal", Map.of("reason", "录错"))).hasStatus(302);
		assertThat(browser.postForm("/admin/expenses/" + id + "/reversal", Map.of("reason", "再冲"))).hasStatus(302);
		assertThat(this.jdbc.sql("SELECT count(*) FROM expense WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single()).isEqualTo(2);
		byte[] xlsx = browser.bytes(c + "/expenses/export.xlsx");
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("日期");
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(3);
		}
		// customer service has no statistics
		WebSession service = WebSession.signIn(this.api.base(), createStaff(List.of("SERVICE"), List.of(community)),
				"password-123");
		assertThat(service.get(c + "/stats/collection")).hasStatus(403);
		assertThat(service.get(c + "/stats/collection").body()).doesNotContain("统计</a>");
	}

}
