package org.linli.statistics.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.Money;
import org.linli.shared.PageQuery;
import org.linli.shared.Times;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Chart;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;
import org.linli.statistics.ExpenseCategory;
import org.linli.statistics.internal.Expenses;
import org.linli.statistics.internal.Reports;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Fee statistics in the staff console: collection, arrears aging and income and expense,
 * each with its chart beside its table, an Excel file with the same figures and a clean
 * print; the community's expenses; and the disclosure notice to print and post.
 */
@Controller
class StatsPageController {

	private final Reports reports;

	private final Expenses expenses;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Messages messages;

	private final JsonMapper json;

	private final java.time.Clock clock;

	private final org.linli.shared.db.Replica replica;

	StatsPageController(Reports reports, Expenses expenses, CommunityDirectory communities, CurrentStaff current,
			Messages messages, JsonMapper json, java.time.Clock clock, org.linli.shared.db.Replica replica) {
		this.replica = replica;
		this.reports = reports;
		this.expenses = expenses;
		this.communities = communities;
		this.current = current;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The menu entry: the collection of the chosen community, else of the first served.
	 */
	@GetMapping("/admin/stats")
	String entry(@RequestParam(required = false) Long communityId) {
		return "redirect:/admin/communities/" + this.communities.chosenWithin(this.current.scope(), communityId).id()
				+ "/stats/collection";
	}

	private void frame(long id, String tab, Model model) {
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("tab", tab);
		model.addAttribute("replicaLag", this.replica.lagSeconds());
	}

	// ---------------------------------------------------------------- collection

	private Reports.Collection collection(long id, String from, String to, String groupBy, String by) {
		YearMonth year = YearMonth.from(Times.today(this.clock));
		FormValues values = new FormValues();
		YearMonth start = StatsParams.month(values, "from", from, year.withMonth(1));
		YearMonth end = StatsParams.month(values, "to", to, year.withMonth(12));
		Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.MONTH);
		Reports.By breakdown = StatsParams.by(values, by);
		values.throwIfAny();
		return this.reports.collection(id, start, end, grouping, breakdown);
	}

	@GetMapping("/admin/communities/{id}/stats/collection")
	String collectionPage(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String by, Model model) {
		frame(id, "collection", model);
		Reports.Collection report;
		try {
			report = collection(id, from, to, groupBy, by);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorProblems", ex.problems());
			report = collection(id, null, null, null, null);
		}
		model.addAttribute("report", report);
		model.addAttribute("chart", collectionChart(report));
		return "statistics/collection";
	}

	@GetMapping("/admin/stats/collection")
	String collectionOfAllPage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) String by, Model model) {
		boolean byCommunity = "community".equals(by);
		Reports.Collection report;
		try {
			YearMonth year = YearMonth.from(Times.today(this.clock));
			FormValues values = new FormValues();
			YearMonth start = StatsParams.month(values, "from", from, year.withMonth(1));
			YearMonth end = StatsParams.month(values, "to", to, year.withMonth(12));
			Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.MONTH);
			values.throwIfAny();
			report = this.reports.collectionOfAll(start, end, grouping, byCommunity);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorProblems", ex.problems());
			YearMonth year = YearMonth.from(Times.today(this.clock));
			report = this.reports.collectionOfAll(year.withMonth(1), year.withMonth(12), Reports.GroupBy.MONTH, false);
		}
		model.addAttribute("report", report);
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("chart", collectionChart(report));
		return "statistics/collection-all";
	}

	/**
	 * The chart of a collection report: receivable and received by period, its rows'
	 * breakdown (by building, fee item or community) added up period by period.
	 */
	private String collectionChart(Reports.Collection report) {
		java.util.Map<String, BigDecimal[]> periods = new java.util.LinkedHashMap<>();
		for (Reports.CollectionRow r : report.rows()) {
			BigDecimal[] sums = periods.computeIfAbsent(r.period(),
					(k) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
			sums[0] = sums[0].add(r.receivable().amount());
			sums[1] = sums[1].add(r.received().amount());
		}
		return chart("bar", false, List.copyOf(periods.keySet()), List.of(
				new Chart.Series(msg("statistics.receivable"), periods.values().stream().map((v) -> v[0]).toList()),
				new Chart.Series(msg("statistics.received"), periods.values().stream().map((v) -> v[1]).toList())));
	}

	@GetMapping("/admin/communities/{id}/stats/collection/export.xlsx")
	void collectionExcel(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String by, HttpServletResponse response) throws IOException {
		Reports.Collection report = collection(id, from, to, groupBy, by);
		List<List<?>> rows = new ArrayList<>();
		for (Reports.CollectionRow r : report.rows()) {
			rows.add(collectionCells(r, keyLabel(report.by(), r)));
		}
		Reports.CollectionRow total = report.total();
		rows.add(Arrays.asList(msg("statistics.total"), total.period(), total.receivable().amount(),
				total.received().amount(), total.rate(), total.recovered().amount(), total.lateFees().amount()));
		String title = msg("statistics.collection.title") + " " + this.communities.nameOf(id);
		ExcelExport.download(response, title + " " + report.from() + "~" + report.to() + ".xlsx",
				msg("statistics.collection.title"),
				List.of(msg("statistics.period"), msg("statistics.key"), msg("statistics.receivable"),
						msg("statistics.received"), msg("statistics.rate"), msg("statistics.recovered"),
						msg("statistics.lateFees")),
				rows);
	}

	private List<?> collectionCells(Reports.CollectionRow r, String key) {
		return Arrays.asList(r.period(), key, r.receivable().amount(), r.received().amount(),
				(r.rate() != null) ? r.rate() : null, r.recovered().amount(), r.lateFees().amount());
	}

	private String keyLabel(Reports.By by, Reports.CollectionRow r) {
		if (by == null) {
			return "";
		}
		return (r.key() != null) ? r.key() : msg("statistics.noBuilding");
	}

	// ---------------------------------------------------------------- aging

	private Reports.Aging aging(long id, String asOf, int rooms) {
		FormValues values = new FormValues();
		LocalDate day = (asOf == null || asOf.isBlank()) ? null : values.date("asOf", asOf.trim());
		values.throwIfAny();
		return this.reports.aging(id, day, rooms);
	}

	@GetMapping("/admin/communities/{id}/stats/aging")
	String agingPage(@PathVariable long id, @RequestParam(required = false) String asOf, Model model) {
		frame(id, "aging", model);
		Reports.Aging report;
		try {
			report = aging(id, asOf, Reports.ROOMS_SHOWN);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorProblems", ex.problems());
			report = aging(id, null, Reports.ROOMS_SHOWN);
		}
		model.addAttribute("report", report);
		model.addAttribute("chart",
				chart("bar", false,
						report.buckets().stream().map((b) -> msg("statistics.bucket." + b.bucket())).toList(),
						List.of(new Chart.Series(msg("statistics.overdue"),
								report.buckets().stream().map((b) -> b.amount().amount()).toList()))));
		return "statistics/aging";
	}

	@GetMapping("/admin/communities/{id}/stats/aging/export.xlsx")
	void agingExcel(@PathVariable long id, @RequestParam(required = false) String asOf, HttpServletResponse response)
			throws IOException {
		Reports.Aging report = aging(id, asOf, Reports.ROOMS_SHOWN);
		List<List<?>> rows = new ArrayList<>();
		for (Reports.AgedBucket bucket : report.buckets()) {
			for (Reports.AgedRoom room : bucket.rooms()) {
				rows.add(Arrays.asList(msg("statistics.bucket." + bucket.bucket()), room.code(), room.amount().amount(),
						room.lines(), room.oldestDue().toString()));
			}
			rows.add(Arrays.asList(msg("statistics.bucket." + bucket.bucket()), msg("statistics.subtotal"),
					bucket.amount().amount(), bucket.lines(), null));
		}
		rows.add(Arrays.asList(msg("statistics.total"), "", report.total().amount(), null, null));
		ExcelExport.download(response, msg("statistics.aging.title") + " " + report.asOf() + ".xlsx",
				msg("statistics.aging.title"), List.of(msg("statistics.bucket"), msg("statistics.room"),
						msg("statistics.overdue"), msg("statistics.lines"), msg("statistics.oldestDue")),
				rows);
	}

	// ---------------------------------------------------------------- income and expense

	private Reports.IncomeExpense incomeExpense(long id, String year, String groupBy) {
		FormValues values = new FormValues();
		Integer y = (year == null || year.isBlank()) ? Integer.valueOf(Times.today(this.clock).getYear())
				: values.integer("year", year.trim());
		Reports.GroupBy grouping = StatsParams.groupBy(values, groupBy, Reports.GroupBy.QUARTER);
		values.throwIfAny();
		return this.reports.incomeExpense(id, y, grouping);
	}

	@GetMapping("/admin/communities/{id}/stats/income-expense")
	String incomeExpensePage(@PathVariable long id, @RequestParam(required = false) String year,
			@RequestParam(required = false) String groupBy, Model model) {
		frame(id, "income-expense", model);
		Reports.IncomeExpense report;
		try {
			report = incomeExpense(id, year, groupBy);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorProblems", ex.problems());
			report = incomeExpense(id, null, null);
		}
		model.addAttribute("report", report);
		model.addAttribute("matrix", matrix(report));
		model.addAttribute("chart",
				chart("bar", false, report.rows().stream().map(Reports.IncomeExpenseRow::period).toList(), List.of(
						new Chart.Series(msg("statistics.income"),
								report.rows().stream().map((r) -> r.incomeTotal().amount()).toList()),
						new Chart.Series(msg("statistics.expense"),
								report.rows().stream().map((r) -> r.expenseTotal().amount()).toList()),
						new Chart.Series(msg("statistics.incomeLastYear"),
								report.previousYear().stream().map((r) -> r.incomeTotal().amount()).toList()))));
		return "statistics/income-expense";
	}

	/**
	 * One line of the income and expense table: its label, and its amount in each group,
	 * the year's total and the year before.
	 */
	public record MatrixRow(String kind, String label, List<BigDecimal> values) {
	}

	private List<MatrixRow> matrix(Reports.IncomeExpense report) {
		List<Reports.IncomeExpenseRow> columns = new ArrayList<>(report.rows());
		columns.add(report.total());
		columns.add(report.previousTotal());
		Set<String> income = new LinkedHashSet<>();
		Set<String> expense = new LinkedHashSet<>();
		for (Reports.IncomeExpenseRow c : columns) {
			c.income().forEach((a) -> income.add(a.category()));
			c.expense().forEach((a) -> expense.add(a.category()));
		}
		List<MatrixRow> rows = new ArrayList<>();
		for (String category : income) {
			rows.add(new MatrixRow("income", incomeLabel(category),
					columns.stream()
						.map((c) -> c.income()
							.stream()
							.filter((a) -> a.category().equals(category))
							.map((a) -> a.amount().amount())
							.findFirst()
							.orElse(BigDecimal.ZERO.setScale(2)))
						.toList()));
		}
		rows.add(new MatrixRow("incomeTotal", msg("statistics.incomeTotal"),
				columns.stream().map((c) -> c.incomeTotal().amount()).toList()));
		for (String category : expense) {
			rows.add(new MatrixRow("expense", msg("statistics.expenseCategory." + category),
					columns.stream()
						.map((c) -> c.expense()
							.stream()
							.filter((a) -> a.category().equals(category))
							.map((a) -> a.amount().amount())
							.findFirst()
							.orElse(BigDecimal.ZERO.setScale(2)))
						.toList()));
		}
		rows.add(new MatrixRow("expenseTotal", msg("statistics.expenseTotal"),
				columns.stream().map((c) -> c.expenseTotal().amount()).toList()));
		rows.add(new MatrixRow("balance", msg("statistics.balance"),
				columns.stream().map((c) -> c.balance().amount()).toList()));
		return rows;
	}

	@GetMapping("/admin/communities/{id}/stats/income-expense/export.xlsx")
	void incomeExpenseExcel(@PathVariable long id, @RequestParam(required = false) String year,
			@RequestParam(required = false) String groupBy, HttpServletResponse response) throws IOException {
		Reports.IncomeExpense report = incomeExpense(id, year, groupBy);
		List<List<?>> rows = new ArrayList<>();
		List<Reports.IncomeExpenseRow> all = new ArrayList<>(report.rows());
		all.add(report.total());
		for (Reports.IncomeExpenseRow r : all) {
			for (Reports.Amount a : r.income()) {
				rows.add(Arrays.asList(r.period(), msg("statistics.income"), incomeLabel(a.category()),
						a.amount().amount()));
			}
			for (Reports.Amount a : r.expense()) {
				rows.add(Arrays.asList(r.period(), msg("statistics.expense"),
						msg("statistics.expenseCategory." + a.category()), a.amount().amount()));
			}
			rows.add(Arrays.asList(r.period(), msg("statistics.balance"), "", r.balance().amount()));
		}
		rows.add(Arrays.asList(report.previousTotal().period(), msg("statistics.income"), "",
				report.previousTotal().incomeTotal().amount()));
		rows.add(Arrays.asList(report.previousTotal().period(), msg("statistics.expense"), "",
				report.previousTotal().expenseTotal().amount()));
		ExcelExport.download(response, msg("statistics.incomeExpense.title") + " " + report.year() + ".xlsx",
				msg("statistics.incomeExpense.title"), List.of(msg("statistics.period"), msg("statistics.section"),
						msg("statistics.category"), msg("statistics.amount")),
				rows);
	}

	private String incomeLabel(String category) {
		return Reports.LATE_FEES.equals(category) ? msg("statistics.lateFees") : category;
	}

	// ---------------------------------------------------------------- expenses

	/** An expense as typed. */
	public record ExpenseForm(String date, String category, String amount, String payee, String note) {
	}

	@GetMapping("/admin/communities/{id}/expenses")
	String expensesPage(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String category,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		frame(id, "expenses", model);
		model.addAttribute("page",
				this.expenses.list(id, filter(from, to, category), new PageQuery(page, 30, sort, dir)));
		// the list's filters as the link gave them (not the fields of a refused expense)
		model.addAttribute("filterFrom", from);
		model.addAttribute("filterTo", to);
		model.addAttribute("filterCategory", category);
		model.addAttribute("categories", ExpenseCategory.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ExpenseForm(Times.today(this.clock).toString(), null, null, null, null));
		}
		return "statistics/expenses";
	}

	private static Expenses.Filter filter(String from, String to, String category) {
		FormValues values = new FormValues();
		LocalDate start = (from == null || from.isBlank()) ? null : values.date("from", from);
		LocalDate end = (to == null || to.isBlank()) ? null : values.date("to", to);
		ExpenseCategory chosen = (category == null || category.isBlank()) ? null
				: values.choice(ExpenseCategory.class, "category", category);
		values.throwIfAny();
		return new Expenses.Filter(start, end, chosen);
	}

	@PostMapping("/admin/communities/{id}/expenses")
	String record(@PathVariable long id, @ModelAttribute("form") ExpenseForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			FormValues values = new FormValues();
			LocalDate date = values.date("date", form.date());
			ExpenseCategory category = values.choice(ExpenseCategory.class, "category", form.category());
			BigDecimal amount = values.decimal("amount", form.amount());
			values.throwIfAny();
			Expenses.ExpenseView expense = this.expenses.record(id,
					new Expenses.NewExpense(date, category, amount, form.payee(), form.note()));
			Flash.success(redirect, "statistics.expense.recorded", expense.amount().toPlainString());
			return "redirect:/admin/communities/" + id + "/expenses";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			model.addAttribute("formOpen", true);
			return expensesPage(id, null, null, null, 0, null, null, model);
		}
	}

	@PostMapping("/admin/expenses/{id}/reversal")
	String reverse(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		long community = this.expenses.find(id).communityId();
		try {
			this.expenses.reverse(id, reason);
			Flash.success(redirect, "statistics.expense.reversed");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + community + "/expenses";
	}

	@PostMapping("/admin/expenses/{id}/attachment")
	String attach(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		long community = this.expenses.find(id).communityId();
		try {
			this.expenses.attach(id, (file != null) ? file.getBytes() : null);
			Flash.success(redirect, "statistics.expense.attached");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + community + "/expenses";
	}

	@GetMapping("/admin/expenses/{id}/attachment")
	ResponseEntity<StreamingResponseBody> attachment(@PathVariable long id) {
		return ExpenseApiController.serve(id, this.expenses.attachment(id));
	}

	@GetMapping("/admin/communities/{id}/expenses/export.xlsx")
	void expensesExcel(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String category,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		Money total = Money.ZERO;
		for (Expenses.ExpenseView e : this.expenses.all(id, filter(from, to, category),
				new PageQuery(0, 1, sort, dir))) {
			rows.add(Arrays.asList(e.date().toString(), msg("statistics.expenseCategory." + e.category()), e.amount(),
					e.payee(), e.note(), (e.reverses() != null) ? "#" + e.reverses() + " " + e.reason() : null,
					e.createdBy()));
			total = total.plus(Money.of(e.amount()));
		}
		rows.add(Arrays.asList(msg("statistics.total"), null, total.amount(), null, null, null, null));
		ExcelExport.download(response, msg("statistics.expenses.title") + ".xlsx", msg("statistics.expenses.title"),
				List.of(msg("statistics.date"), msg("statistics.category"), msg("statistics.amount"),
						msg("statistics.payee"), msg("statistics.note"), msg("statistics.reverses"),
						msg("statistics.recordedBy")),
				rows);
	}

	// ---------------------------------------------------------------- disclosure

	@GetMapping("/admin/communities/{id}/disclosure")
	String disclosure(@PathVariable long id, @RequestParam(required = false) String year,
			@RequestParam(required = false) String quarter, Model model) {
		frame(id, "disclosure", model);
		LocalDate today = Times.today(this.clock);
		FormValues values = new FormValues();
		Integer y = (year == null || year.isBlank()) ? Integer.valueOf(today.getYear()) : values.integer("year", year);
		Integer q = (quarter == null || quarter.isBlank()) ? Integer.valueOf((today.getMonthValue() - 1) / 3 + 1)
				: values.integer("quarter", quarter);
		try {
			values.throwIfAny();
			model.addAttribute("disclosure", this.reports.disclosure(id, y, q));
		}
		catch (InvalidInputException ex) {
			// the problem beside the form, and this quarter's notice
			model.addAttribute("errorProblems", ex.problems());
			model.addAttribute("disclosure",
					this.reports.disclosure(id, today.getYear(), (today.getMonthValue() - 1) / 3 + 1));
		}
		model.addAttribute("staff", true);
		return "statistics/disclosure";
	}

	// ---------------------------------------------------------------- helpers

	private String chart(String type, boolean stacked, List<String> labels, List<Chart.Series> series) {
		return this.json.writeValueAsString(new Chart(type, stacked, labels, series));
	}

	private String msg(String key) {
		return this.messages.get(LocaleContextHolder.getLocale(), key);
	}

}
