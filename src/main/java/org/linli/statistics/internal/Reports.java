package org.linli.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.linli.billing.Billing;
import org.linli.equipment.DeviceCategory;
import org.linli.equipment.Equipment;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.shared.db.ReplicaReads;
import org.linli.statistics.ExpenseCategory;
import org.linli.statistics.Statistics;
import org.linli.workorders.WorkOrders;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fee statistics of a community, as of today, from billing's ledger, the community's
 * expenses, its repairs and its maintenance.
 * <p>
 * Definitions (shown on the pages too): for a period P, <b>receivable</b> is the
 * principal of the lines billed for P after waivers and cancellations; <b>received</b>
 * what was paid on those lines (net of approved refunds) up to today, principal first;
 * the <b>rate</b> received ÷ receivable to four places, HALF_UP; <b>recovered</b> what
 * was paid during P on lines of earlier periods — never inside P's rate; <b>late fees</b>
 * what was paid beyond principals, on their own line. Prepaid deposits count when they
 * settle a line.
 */
@Service
@Transactional(readOnly = true)
@ReplicaReads
public class Reports {

	static final int MAX_MONTHS = 60;

	private final Billing billing;

	private final WorkOrders workOrders;

	private final Equipment equipment;

	private final Expenses expenses;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Clock clock;

	Reports(Billing billing, WorkOrders workOrders, Equipment equipment, Expenses expenses, Estate estate,
			CommunityDirectory communities, CurrentStaff current, Clock clock) {
		this.billing = billing;
		this.workOrders = workOrders;
		this.equipment = equipment;
		this.expenses = expenses;
		this.estate = estate;
		this.communities = communities;
		this.current = current;
		this.clock = clock;
	}

	/** How periods are grouped. */
	public enum GroupBy {

		MONTH, QUARTER, YEAR;

		String label(YearMonth month) {
			return switch (this) {
				case MONTH -> month.toString();
				case QUARTER -> month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
				case YEAR -> String.valueOf(month.getYear());
			};
		}

		/** The last month of the group a month belongs to. */
		YearMonth end(YearMonth month) {
			return switch (this) {
				case MONTH -> month;
				case QUARTER -> start(month).plusMonths(2);
				case YEAR -> month.withMonth(12);
			};
		}

		/** The first month of the group a month belongs to. */
		YearMonth start(YearMonth month) {
			return switch (this) {
				case MONTH -> month;
				case QUARTER -> month.withMonth(((month.getMonthValue() - 1) / 3) * 3 + 1);
				case YEAR -> month.withMonth(1);
			};
		}

	}

	/** What collection rows are broken down by, besides the period. */
	public enum By {

		BUILDING, FEE_ITEM,
		/** Across communities only: a row per community. */
		COMMUNITY

	}

	// ---------------------------------------------------------------- collection (收缴)

	/**
	 * One period's (and building's or fee item's) collection; {@code key} is null for the
	 * period's total, the building's name (or null for parking spaces, {@code keyId} -1)
	 * or the fee item's.
	 */
	public record CollectionRow(String period, Long keyId, String key, Money receivable, Money received,
			BigDecimal rate, Money recovered, Money lateFees) {
	}

	/**
	 * @param figuresAsOf when the ledger's figures were last brought up to date (a
	 * payment shows within half a minute)
	 */
	public record Collection(long communityId, YearMonth from, YearMonth to, GroupBy groupBy, By by,
			List<CollectionRow> rows, CollectionRow total, LocalDate asOf, java.time.Instant figuresAsOf) {

		public String figuresTime() {
			return (this.figuresAsOf != null) ? Times.seconds(this.figuresAsOf) : "—";
		}

	}

	/** A row's place: the group's label and first month, and its building or fee item. */
	private record Key(String period, YearMonth start, Long keyId, String key) {

		static Key of(GroupBy grouping, YearMonth month, By by, Long buildingId, long feeItemId, String feeItemName,
				Map<Long, String> buildings) {
			if (by == By.BUILDING) {
				return new Key(grouping.label(month), grouping.start(month), (buildingId != null) ? buildingId : -1L,
						(buildingId != null) ? buildings.get(buildingId) : null);
			}
			if (by == By.FEE_ITEM) {
				return new Key(grouping.label(month), grouping.start(month), feeItemId, feeItemName);
			}
			return new Key(grouping.label(month), grouping.start(month), null, null);
		}

	}

	@PreAuthorize(Access.FINANCE)
	public Collection collection(long communityId, YearMonth from, YearMonth to, GroupBy groupBy, By by) {
		requireCommunity(communityId);
		checkSpan(from, to);
		if (by == By.COMMUNITY) {
			throw InvalidInputException.field("by", "validation.invalidValue");
		}
		GroupBy grouping = (groupBy != null) ? groupBy : GroupBy.MONTH;
		return collectionOf(communityId, grouping.start(from), grouping.end(to), grouping, by, true);
	}

	/**
	 * The collection of every community the signed-in member serves, period by period —
	 * or, {@code byCommunity}, community by community ({@code keyId} the community's id).
	 */
	@PreAuthorize(Access.FINANCE)
	public Collection collectionOfAll(YearMonth span, YearMonth to, GroupBy groupBy, boolean byCommunity) {
		checkSpan(span, to);
		GroupBy grouping = (groupBy != null) ? groupBy : GroupBy.MONTH;
		YearMonth from = grouping.start(span);
		YearMonth until = grouping.end(to);
		Map<String, Money[]> periods = new LinkedHashMap<>();
		List<CollectionRow> rows = new ArrayList<>();
		Money[] total = zeros(4);
		for (CommunityDirectory.CommunityRef community : this.communities.within(this.current.scope())) {
			Collection one = collectionOf(community.id(), from, until, grouping, null, false);
			for (CollectionRow r : one.rows()) {
				if (byCommunity) {
					rows.add(new CollectionRow(r.period(), community.id(), community.name(), r.receivable(),
							r.received(), r.rate(), r.recovered(), r.lateFees()));
				}
				Money[] sum = periods.computeIfAbsent(r.period(), (k) -> zeros(4));
				sum[0] = sum[0].plus(r.receivable());
				sum[1] = sum[1].plus(r.received());
				sum[2] = sum[2].plus(r.recovered());
				sum[3] = sum[3].plus(r.lateFees());
			}
			total[0] = total[0].plus(one.total().receivable());
			total[1] = total[1].plus(one.total().received());
			total[2] = total[2].plus(one.total().recovered());
			total[3] = total[3].plus(one.total().lateFees());
		}
		if (!byCommunity) {
			periods.forEach((period, v) -> rows
				.add(new CollectionRow(period, null, null, v[0], v[1], rate(v[1], v[0]), v[2], v[3])));
		}
		else {
			rows.sort(java.util.Comparator.comparing(CollectionRow::period).thenComparing(CollectionRow::key));
		}
		return new Collection(
				0, from, to, grouping, byCommunity ? By.COMMUNITY : null, rows, new CollectionRow(from + "~" + to, null,
						null, total[0], total[1], rate(total[1], total[0]), total[2], total[3]),
				Times.today(this.clock), this.billing.figuresAsOf());
	}

	/**
	 * One month's collection, for the workbench (no scope check: the caller's): the
	 * month's total by the report's definitions, summed in the database.
	 */
	@SqlRead
	Statistics.MonthCollection collectionOfMonth(long communityId, YearMonth month) {
		Billing.PeriodTotals totals = this.billing.periodTotals(communityId, month);
		return new Statistics.MonthCollection(month, totals.receivable(), totals.received(),
				rate(totals.received(), totals.receivable()));
	}

	/**
	 * @param stamped whether to read when the ledger's figures were brought up to date
	 * (else {@code figuresAsOf} is null)
	 */
	private Collection collectionOf(long communityId, YearMonth from, YearMonth to, GroupBy groupBy, By by,
			boolean stamped) {
		GroupBy grouping = (groupBy != null) ? groupBy : GroupBy.MONTH;
		Billing.LedgerFigures ledger = this.billing.ledger(communityId, from, to);
		// names only where rows are by building
		Map<Long, String> buildings = (by == By.BUILDING) ? buildingNames(communityId) : Map.of();
		// receivable, received, recovered, late fees
		Map<Key, Money[]> sums = new LinkedHashMap<>();
		if (by == null) {
			for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
				sums.computeIfAbsent(Key.of(grouping, m, null, null, 0, null, buildings), (k) -> zeros(4));
			}
		}
		for (Billing.Billed b : ledger.billed()) {
			Money[] row = sums.computeIfAbsent(
					Key.of(grouping, b.period(), by, b.buildingId(), b.feeItemId(), b.feeItemName(), buildings),
					(k) -> zeros(4));
			row[0] = row[0].plus(b.receivable());
		}
		for (Billing.Settled s : ledger.settled()) {
			if (!s.period().isBefore(from) && !s.period().isAfter(to)) {
				// received on the lines of the period, whenever it was paid
				Money[] row = sums.computeIfAbsent(
						Key.of(grouping, s.period(), by, s.buildingId(), s.feeItemId(), s.feeItemName(), buildings),
						(k) -> zeros(4));
				row[1] = row[1].plus(s.principal());
				row[3] = row[3].plus(s.lateFee());
			}
			if (!s.month().isBefore(from) && !s.month().isAfter(to) && s.period().isBefore(grouping.start(s.month()))) {
				// recovered during the month's group, on lines of earlier periods
				Money[] row = sums.computeIfAbsent(
						Key.of(grouping, s.month(), by, s.buildingId(), s.feeItemId(), s.feeItemName(), buildings),
						(k) -> zeros(4));
				row[2] = row[2].plus(s.principal());
			}
		}
		List<CollectionRow> rows = new ArrayList<>();
		Money[] total = zeros(4);
		sums.entrySet()
			.stream()
			.sorted(java.util.Comparator.comparing((Map.Entry<Key, Money[]> e) -> e.getKey().start())
				.thenComparing((e) -> e.getKey().key(), java.util.Comparator.nullsLast(String::compareTo)))
			.forEach((e) -> {
				Money[] v = e.getValue();
				rows.add(new CollectionRow(e.getKey().period(), e.getKey().keyId(), e.getKey().key(), v[0], v[1],
						rate(v[1], v[0]), v[2], v[3]));
				total[0] = total[0].plus(v[0]);
				total[1] = total[1].plus(v[1]);
				total[3] = total[3].plus(v[3]);
			});
		// the span's recovery: paid in the span on lines from before it (not the sum of
		// the
		// groups', which also counts lines of the span's earlier groups)
		Money recovered = Money.ZERO;
		for (Billing.Settled s : ledger.settled()) {
			if (!s.month().isBefore(from) && !s.month().isAfter(to) && s.period().isBefore(from)) {
				recovered = recovered.plus(s.principal());
			}
		}
		return new Collection(
				communityId, from, to, grouping, by, rows, new CollectionRow(from + "~" + to, null, null, total[0],
						total[1], rate(total[1], total[0]), recovered, total[3]),
				Times.today(this.clock), stamped ? this.billing.figuresAsOf() : null);
	}

	// ---------------------------------------------------------------- arrears aging
	// (欠费账龄)

	/** The age buckets of overdue principal, by days past the due date. */
	public enum Bucket {

		D1_30(1, 30), D31_90(31, 90), D91_180(91, 180), D181_365(181, 365), OVER_365(366, Integer.MAX_VALUE);

		private final int from;

		private final int to;

		Bucket(int from, int to) {
			this.from = from;
			this.to = to;
		}

		/** The first day past due in the bucket. */
		public int from() {
			return this.from;
		}

		/** The last day past due in the bucket. */
		public int to() {
			return this.to;
		}

	}

	/** A room (or parking space) in a bucket: what it owes there and since when. */
	public record AgedRoom(Long roomId, Long parkingSpaceId, String code, Money amount, int lines,
			LocalDate oldestDue) {
	}

	/**
	 * A bucket: what is owed in it, on how many lines, by how many rooms and spaces, and
	 * the rooms owing most (all of them up to the limit asked for).
	 */
	public record AgedBucket(Bucket bucket, Money amount, int lines, int roomCount, List<AgedRoom> rooms) {
	}

	public record Aging(long communityId, LocalDate asOf, List<AgedBucket> buckets, Money total) {
	}

	/** The rooms listed under each bucket on a page (the Excel file has them all). */
	public static final int ROOMS_SHOWN = 200;

	@PreAuthorize(Access.FINANCE)
	public Aging aging(long communityId, LocalDate asOf, int rooms) {
		requireCommunity(communityId);
		LocalDate day = (asOf != null) ? asOf : Times.today(this.clock);
		if (day.isAfter(Times.today(this.clock))) {
			throw InvalidInputException.field("asOf", "statistics.asOfFuture");
		}
		List<Billing.OverdueBucket> found = this.billing.overdueOn(communityId, day,
				List.of(Bucket.D1_30.to(), Bucket.D31_90.to(), Bucket.D91_180.to(), Bucket.D181_365.to()), rooms);
		Map<Long, RoomRef> refs = this.estate.rooms(found.stream()
			.flatMap((b) -> b.places().stream())
			.map(Billing.OverduePlace::roomId)
			.filter(Objects::nonNull)
			.distinct()
			.toList());
		Map<Long, String> spaces = new HashMap<>();
		if (found.stream().flatMap((b) -> b.places().stream()).anyMatch((p) -> p.roomId() == null)) {
			this.estate.parkingSpacesIn(communityId).forEach((p) -> spaces.put(p.id(), p.name()));
		}
		Map<Integer, Billing.OverdueBucket> byIndex = new HashMap<>();
		found.forEach((b) -> byIndex.put(b.bucket(), b));
		List<AgedBucket> buckets = new ArrayList<>();
		Money total = Money.ZERO;
		for (Bucket bucket : Bucket.values()) {
			Billing.OverdueBucket b = byIndex.get(bucket.ordinal());
			if (b == null) {
				buckets.add(new AgedBucket(bucket, Money.ZERO, 0, 0, List.of()));
				continue;
			}
			List<AgedRoom> places = b.places()
				.stream()
				.map((p) -> new AgedRoom(p.roomId(), p.parkingSpaceId(),
						(p.roomId() != null)
								? ((refs.get(p.roomId()) != null) ? refs.get(p.roomId()).code() : "#" + p.roomId())
								: spaces.getOrDefault(p.parkingSpaceId(), "#" + p.parkingSpaceId()),
						p.amount(), p.lines(), p.oldestDue()))
				.toList();
			buckets.add(new AgedBucket(bucket, b.amount(), b.lines(), b.placeCount(), places));
			total = total.plus(b.amount());
		}
		return new Aging(communityId, day, buckets, total);
	}

	// ---------------------------------------------------------------- income and expense
	// (收支)

	/**
	 * One amount of one category (a fee item's name, "LATE_FEES", or an expense
	 * category).
	 */
	public record Amount(String category, Money amount) {
	}

	public record IncomeExpenseRow(String period, List<Amount> income, Money incomeTotal, List<Amount> expense,
			Money expenseTotal, Money balance) {
	}

	/**
	 * @param previousYear the same figures a year earlier, group by group
	 */
	public record IncomeExpense(long communityId, int year, GroupBy groupBy, List<IncomeExpenseRow> rows,
			IncomeExpenseRow total, List<IncomeExpenseRow> previousYear, IncomeExpenseRow previousTotal) {
	}

	/** The key of late fees among the income categories. */
	public static final String LATE_FEES = "LATE_FEES";

	@PreAuthorize(Access.FINANCE)
	public IncomeExpense incomeExpense(long communityId, int year, GroupBy groupBy) {
		requireCommunity(communityId);
		if (year < 2000 || year > Times.today(this.clock).getYear()) {
			throw InvalidInputException.field("year", "statistics.yearOutOfRange");
		}
		GroupBy grouping = (groupBy != null) ? groupBy : GroupBy.QUARTER;
		// both years in one read of each source: the previous year's groups come first
		List<IncomeExpenseRow> both = incomeExpenseRows(communityId, year - 1, year, grouping);
		List<IncomeExpenseRow> previous = List.copyOf(both.subList(0, both.size() / 2));
		List<IncomeExpenseRow> rows = List.copyOf(both.subList(both.size() / 2, both.size()));
		return new IncomeExpense(communityId, year, grouping, rows, sum(String.valueOf(year), rows), previous,
				sum(String.valueOf(year - 1), previous));
	}

	/** The groups of the years from {@code firstYear} to {@code lastYear}, in order. */
	private List<IncomeExpenseRow> incomeExpenseRows(long communityId, int firstYear, int lastYear, GroupBy grouping) {
		YearMonth from = YearMonth.of(firstYear, 1);
		YearMonth to = YearMonth.of(lastYear, 12);
		Map<String, Map<String, Money>> income = new LinkedHashMap<>();
		Map<String, Map<String, Money>> expense = new LinkedHashMap<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			income.computeIfAbsent(grouping.label(m), (k) -> new LinkedHashMap<>());
			expense.computeIfAbsent(grouping.label(m), (k) -> new LinkedHashMap<>());
		}
		// income: what was received in the period, whatever period its lines were of
		for (Billing.Settled s : this.billing.settledIn(communityId, from, to)) {
			Map<String, Money> group = income.get(grouping.label(s.month()));
			group.merge(s.feeItemName(), s.principal(), Money::plus);
			if (s.lateFee().amount().signum() != 0) {
				group.merge(LATE_FEES, s.lateFee(), Money::plus);
			}
		}
		// expense: what finance recorded, the repairs the community bore, and maintenance
		LocalDate first = from.atDay(1);
		LocalDate last = to.atEndOfMonth();
		for (Expenses.Spent spent : this.expenses.spent(communityId, first, last)) {
			expense.get(grouping.label(YearMonth.from(spent.date())))
				.merge(spent.category().name(), spent.amount(), Money::plus);
		}
		for (WorkOrders.RepairCost repair : this.workOrders.repairCosts(communityId, first, last)) {
			// what the repair cost, whoever paid: a household's charge is income on its
			// own line
			if (repair.cost().isPositive()) {
				expense.get(grouping.label(YearMonth.from(Times.date(repair.completedAt()))))
					.merge(ExpenseCategory.REPAIR.name(), repair.cost(), Money::plus);
			}
		}
		for (Equipment.MaintenanceDone task : this.equipment.maintenanceDone(communityId, first, last)) {
			if (task.cost().isPositive()) {
				ExpenseCategory category = (task.category() == DeviceCategory.ELEVATOR)
						? ExpenseCategory.ELEVATOR_MAINTENANCE : ExpenseCategory.REPAIR;
				expense.get(grouping.label(YearMonth.from(task.completedOn())))
					.merge(category.name(), task.cost(), Money::plus);
			}
		}
		List<IncomeExpenseRow> rows = new ArrayList<>();
		for (String period : income.keySet()) {
			rows.add(row(period, income.get(period), expense.get(period)));
		}
		return rows;
	}

	private static IncomeExpenseRow row(String period, Map<String, Money> income, Map<String, Money> expense) {
		List<Amount> in = income.entrySet().stream().map((e) -> new Amount(e.getKey(), e.getValue())).toList();
		List<Amount> out = new ArrayList<>();
		for (ExpenseCategory category : ExpenseCategory.values()) {
			Money amount = expense.get(category.name());
			if (amount != null) {
				out.add(new Amount(category.name(), amount));
			}
		}
		Money incomeTotal = in.stream().map(Amount::amount).reduce(Money.ZERO, Money::plus);
		Money expenseTotal = out.stream().map(Amount::amount).reduce(Money.ZERO, Money::plus);
		return new IncomeExpenseRow(period, in, incomeTotal, out, expenseTotal, incomeTotal.minus(expenseTotal));
	}

	private static IncomeExpenseRow sum(String period, List<IncomeExpenseRow> rows) {
		Map<String, Money> income = new LinkedHashMap<>();
		Map<String, Money> expense = new LinkedHashMap<>();
		for (IncomeExpenseRow r : rows) {
			r.income().forEach((a) -> income.merge(a.category(), a.amount(), Money::plus));
			r.expense().forEach((a) -> expense.merge(a.category(), a.amount(), Money::plus));
		}
		return row(period, income, expense);
	}

	// ---------------------------------------------------------------- disclosure (公示)

	/** Maintenance done on one kind of device: how many tasks, the last one's day. */
	public record MaintenanceCount(DeviceCategory category, int tasks, LocalDate last) {
	}

	/**
	 * What a community discloses to its owners for a quarter and the year to its end:
	 * figures only, no person, room or debt.
	 */
	public record Disclosure(long communityId, String community, int year, int quarter,
			List<Billing.FeeItemPrice> feeItems, IncomeExpenseRow quarterFigures, IncomeExpenseRow yearFigures,
			BigDecimal quarterRate, BigDecimal yearRate, List<MaintenanceCount> quarterMaintenance,
			List<MaintenanceCount> yearMaintenance, LocalDate asOf) {

		/**
		 * An income or expense category's amount in the quarter and the year to its end.
		 */
		public record Line(String category, Money quarter, Money year) {
		}

		public List<Line> incomeLines() {
			return lines(this.quarterFigures.income(), this.yearFigures.income());
		}

		public List<Line> expenseLines() {
			return lines(this.quarterFigures.expense(), this.yearFigures.expense());
		}

		private static List<Line> lines(List<Amount> quarter, List<Amount> year) {
			return year.stream()
				.map((y) -> new Line(y.category(),
						quarter.stream()
							.filter((q) -> q.category().equals(y.category()))
							.map(Amount::amount)
							.findFirst()
							.orElse(Money.ZERO),
						y.amount()))
				.toList();
		}

	}

	/** The disclosure for staff (to print and post). */
	@PreAuthorize(Access.FINANCE)
	public Disclosure disclosure(long communityId, int year, int quarter) {
		requireCommunity(communityId);
		return disclosureOf(communityId, year, quarter);
	}

	/**
	 * The disclosure for a community's residents (the caller has checked that the reader
	 * lives there); its latest quarter when none is asked.
	 */
	public Disclosure disclosureForResidents(long communityId, Integer year, Integer quarter) {
		return disclosureOf(communityId, year, quarter);
	}

	private Disclosure disclosureOf(long communityId, Integer year, Integer quarter) {
		LocalDate today = Times.today(this.clock);
		int y = (year != null) ? year : today.getYear();
		int q = (quarter != null) ? quarter : (today.getMonthValue() - 1) / 3 + 1;
		if (y < 2000 || y > today.getYear() || q < 1 || q > 4
				|| YearMonth.of(y, (q - 1) * 3 + 1).isAfter(YearMonth.from(today))) {
			throw InvalidInputException.field("quarter", "statistics.quarterOutOfRange");
		}
		YearMonth quarterStart = YearMonth.of(y, (q - 1) * 3 + 1);
		YearMonth quarterEnd = quarterStart.plusMonths(2);
		List<IncomeExpenseRow> quarters = incomeExpenseRows(communityId, y, y, GroupBy.QUARTER);
		IncomeExpenseRow quarterFigures = quarters.get(q - 1);
		IncomeExpenseRow yearFigures = sum(String.valueOf(y), quarters.subList(0, q));
		Billing.LedgerFigures ledger = this.billing.ledger(communityId, YearMonth.of(y, 1), quarterEnd);
		Money[] quarterCollection = zeros(2);
		Money[] yearCollection = zeros(2);
		for (Billing.Billed b : ledger.billed()) {
			yearCollection[0] = yearCollection[0].plus(b.receivable());
			if (!b.period().isBefore(quarterStart)) {
				quarterCollection[0] = quarterCollection[0].plus(b.receivable());
			}
		}
		for (Billing.Settled s : ledger.settled()) {
			if (s.period().getYear() == y && !s.period().isAfter(quarterEnd)) {
				yearCollection[1] = yearCollection[1].plus(s.principal());
				if (!s.period().isBefore(quarterStart)) {
					quarterCollection[1] = quarterCollection[1].plus(s.principal());
				}
			}
		}
		List<Equipment.MaintenanceDone> done = this.equipment.maintenanceDone(communityId, LocalDate.of(y, 1, 1),
				quarterEnd.atEndOfMonth());
		return new Disclosure(communityId, this.communities.nameOf(communityId), y, q,
				this.billing.feeItemsOf(communityId, quarterEnd.atEndOfMonth()), quarterFigures, yearFigures,
				rate(quarterCollection[1], quarterCollection[0]), rate(yearCollection[1], yearCollection[0]),
				maintenance(done, quarterStart.atDay(1)), maintenance(done, LocalDate.of(y, 1, 1)), today);
	}

	private static List<MaintenanceCount> maintenance(List<Equipment.MaintenanceDone> done, LocalDate since) {
		List<MaintenanceCount> counts = new ArrayList<>();
		for (DeviceCategory category : List.of(DeviceCategory.ELEVATOR, DeviceCategory.FIRE)) {
			List<Equipment.MaintenanceDone> of = done.stream()
				.filter((d) -> d.category() == category && !d.completedOn().isBefore(since))
				.toList();
			counts.add(new MaintenanceCount(category, of.size(),
					of.stream().map(Equipment.MaintenanceDone::completedOn).max(LocalDate::compareTo).orElse(null)));
		}
		return counts;
	}

	// ---------------------------------------------------------------- helpers

	private void requireCommunity(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
	}

	static void checkSpan(YearMonth from, YearMonth to) {
		if (from == null || to == null) {
			throw InvalidInputException.field((from == null) ? "from" : "to", "validation.required");
		}
		if (to.isBefore(from)) {
			throw InvalidInputException.field("to", "statistics.toBeforeFrom");
		}
		if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
			throw InvalidInputException.field("to", "statistics.tooLong", MAX_MONTHS);
		}
	}

	private Map<Long, String> buildingNames(long communityId) {
		Map<Long, String> names = new HashMap<>();
		this.estate.buildingsIn(communityId).forEach((b) -> names.put(b.id(), b.name()));
		return names;
	}

	static BigDecimal rate(Money received, Money receivable) {
		if (!receivable.isPositive()) {
			return null;
		}
		return received.amount().divide(receivable.amount(), 4, RoundingMode.HALF_UP);
	}

	private static Money[] zeros(int n) {
		Money[] values = new Money[n];
		java.util.Arrays.fill(values, Money.ZERO);
		return values;
	}

}
