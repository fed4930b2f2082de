package org.linli.statistics.web;

import java.time.LocalDate;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.shared.Times;
import org.linli.shared.web.FormValues;
import org.linli.statistics.internal.Reports;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fee statistics through the API: collection, arrears aging, income and expense,
 * disclosure.
 */
@RestController
@Tag(name = "Statistics")
class StatsApiController {

	private final Reports reports;

	private final java.time.Clock clock;

	StatsApiController(Reports reports, java.time.Clock clock) {
		this.reports = reports;
		this.clock = clock;
	}

	@GetMapping("/api/v1/communities/{id}/stats/collection")
	@Operation(summary = "Receivable, received, rate and recovery of earlier arrears by period: from=2026-01&to=2026-12"
			+ "&groupBy=month|quarter|year&by=building|feeItem (by omitted: the period's totals)")
	Reports.Collection collection(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String by) {
		YearMonth year = YearMonth.from(Times.today(this.clock));
		FormValues values = new FormValues();
		YearMonth start = StatsParams.month(values, "from", from, year.withMonth(1));
		YearMonth end = StatsParams.month(values, "to", to, year.withMonth(12));
		Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.MONTH);
		Reports.By breakdown = StatsParams.by(values, by);
		values.throwIfAny();
		return this.reports.collection(id, start, end, grouping, breakdown);
	}

	@GetMapping("/api/v1/stats/collection")
	@Operation(summary = "The collection of every community the caller serves: from, to, groupBy as above; "
			+ "by=community for a row per community")
	Reports.Collection collectionOfAll(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String by) {
		YearMonth year = YearMonth.from(Times.today(this.clock));
		FormValues values = new FormValues();
		YearMonth start = StatsParams.month(values, "from", from, year.withMonth(1));
		YearMonth end = StatsParams.month(values, "to", to, year.withMonth(12));
		Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.MONTH);
		if (by != null && !by.isBlank() && !"community".equalsIgnoreCase(by.trim())) {
			values.reject("by", "validation.invalidValue");
		}
		values.throwIfAny();
		return this.reports.collectionOfAll(start, end, grouping, by != null && !by.isBlank());
	}

	@GetMapping("/api/v1/communities/{id}/stats/arrears-aging")
	@Operation(summary = "Overdue principal on a day (asOf, today by default) in buckets of 1–30, 31–90, 91–180, "
			+ "181–365 and over 365 days, each with its rooms")
	Reports.Aging aging(@PathVariable long id, @RequestParam(required = false) String asOf) {
		FormValues values = new FormValues();
		LocalDate day = (asOf == null || asOf.isBlank()) ? null : values.date("asOf", asOf.trim());
		values.throwIfAny();
		return this.reports.aging(id, day, Reports.ROOMS_SHOWN);
	}

	@GetMapping("/api/v1/communities/{id}/stats/income-expense")
	@Operation(summary = "Income by fee item (and late fees) and expense by category, with the balance, by month, "
			+ "quarter or year of a year, beside the year before: year=2026&groupBy=quarter")
	Reports.IncomeExpense incomeExpense(@PathVariable long id, @RequestParam(required = false) String year,
			@RequestParam(required = false) String groupBy) {
		FormValues values = new FormValues();
		Integer y = (year == null || year.isBlank()) ? Integer.valueOf(Times.today(this.clock).getYear())
				: values.integer("year", year.trim());
		Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.QUARTER);
		values.throwIfAny();
		return this.reports.incomeExpense(id, y, grouping);
	}

	@GetMapping("/api/v1/communities/{id}/disclosure")
	@Operation(summary = "The owners' disclosure (公示) of a quarter: fee items and prices, income and expense by "
			+ "category for the quarter and the year, collection rates, maintenance of lifts and fire equipment")
	Reports.Disclosure disclosure(@PathVariable long id, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) Integer quarter) {
		LocalDate today = Times.today(this.clock);
		return this.reports.disclosure(id, (year != null) ? year : today.getYear(),
				(quarter != null) ? quarter : (today.getMonthValue() - 1) / 3 + 1);
	}

}
