package org.linli.billing.fees;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linli.estate.Estate;
import org.linli.estate.RoomType;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fee items of a community. A price change is a new version: creating an item whose name
 * exists continues it from its {@code effectiveFrom} (the open version before it ends
 * there); a version that would overlap another is refused. Finance and managers of the
 * community only.
 */
@Service
@Transactional(readOnly = true)
public class FeeItems {

	private static final BigDecimal MAX_DAILY_RATE = new BigDecimal("0.01");

	private static final String SELECT = """
			SELECT id, community_id, name, method, area_basis, unit_price, amount, meter_type, cycle, due_day,
			       due_days_after_issue, applies_to, late_daily_rate, late_grace_days, late_cap, effective_from, effective_to, auto_deduct,
			       prorate_first_period
			FROM fee_item""";

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final AuditLog audit;

	private final Clock clock;

	FeeItems(JdbcClient jdbc, CurrentStaff current, Estate estate, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.audit = audit;
		this.clock = clock;
	}

	@SqlRead
	@PreAuthorize(Access.FINANCE)
	public List<FeeItemView> list(long communityId) {
		requireCommunity(communityId);
		return views(this.jdbc.sql(SELECT + " WHERE community_id = ? ORDER BY name, effective_from")
			.param(communityId)
			.query(this::row)
			.list());
	}

	@PreAuthorize(Access.FINANCE)
	public FeeItemView get(long id) {
		FeeItemView item = views(this.jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).list()).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("feeItem", id));
		this.current.requireCommunity(item.communityId(), "feeItem", id);
		return item;
	}

	/**
	 * Fee items by id within a community, for billing runs that work in the background
	 * without a signed-in user; whoever starts the run has been checked.
	 */
	public List<FeeItemView> forRun(long communityId, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return views(this.jdbc.sql(SELECT + " WHERE community_id = :c AND id IN (:ids) ORDER BY id")
			.param("c", communityId)
			.param("ids", ids)
			.query(this::row)
			.list());
	}

	@Transactional
	@PreAuthorize(Access.FINANCE)
	public FeeItemView create(long communityId, FeeItemCommand command) {
		requireCommunity(communityId);
		check(communityId, command);
		YearMonth from = command.effectiveFrom();
		YearMonth to = (command.effectiveTo() != null) ? command.effectiveTo().plusMonths(1) : null;
		List<FeeItemView> versions = list(communityId).stream()
			.filter((v) -> v.method().isConfigurable() && v.name().equals(command.name()))
			.toList();
		Long continued = null;
		for (FeeItemView version : versions) {
			YearMonth start = version.effectiveFrom();
			YearMonth end = (version.effectiveTo() != null) ? version.effectiveTo().plusMonths(1) : null;
			boolean continues = end == null && start.isBefore(from);
			boolean overlaps = (end == null || from.isBefore(end)) && (to == null || start.isBefore(to));
			if (continues) {
				// a quarter or a year billed under the old price is not cut short: the
				// new
				// version starts where one of its cycles ends
				int cycle = version.months();
				long months = start.until(from, ChronoUnit.MONTHS);
				if (version.method().isRecurring() && months % cycle != 0) {
					throw InvalidInputException.field("effectiveFrom", "billing.feeItem.insideCycle",
							start.plusMonths((months / cycle + 1) * cycle).toString());
				}
				continued = version.id();
			}
			else if (overlaps) {
				throw InvalidInputException.field("effectiveFrom", "billing.feeItem.overlap", command.name(),
						start.toString());
			}
		}
		if (continued != null) {
			this.jdbc.sql("UPDATE fee_item SET effective_to = ? WHERE id = ?")
				.params(Date.valueOf(from.atDay(1)), continued)
				.update();
		}
		long id = this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, area_basis, unit_price, amount, meter_type, cycle, due_day,
					                      due_days_after_issue, applies_to, late_daily_rate, late_grace_days, late_cap,
					                      effective_from, effective_to, auto_deduct, prorate_first_period, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, command.name(), command.method().name(),
					(command.method() == FeeMethod.AREA)
							? ((command.area() != null) ? command.area() : AreaBasis.BUILDING).name() : null,
					unitPrice(command), amountOf(command),
					(command.method() == FeeMethod.METERED) ? command.meterType().name() : null,
					((command.cycle() != null) ? command.cycle() : Cycle.MONTHLY).name(), dueDay(command),
					command.dueDaysAfterIssue(), command.appliesTo().name(),
					(command.lateFee() != null) ? command.lateFee().dailyRate() : null,
					(command.lateFee() != null) ? command.lateFee().graceDays() : 0,
					(command.lateFee() == null) || command.lateFee().capAtPrincipal(), Date.valueOf(from.atDay(1)),
					(to != null) ? Date.valueOf(to.atDay(1)) : null, command.autoDeduct(),
					command.prorateFirstPeriod() && command.method() != null && command.method().isRecurring()
							&& command.method() != FeeMethod.METERED,
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
		if (command.method() == FeeMethod.METERED && command.unitPrice() == null) {
			for (int i = 0; i < command.tiers().size(); i++) {
				Tier tier = command.tiers().get(i);
				this.jdbc.sql("INSERT INTO fee_item_tier (fee_item_id, seq, up_to, unit_price) VALUES (?, ?, ?, ?)")
					.params(id, i, tier.upTo(), tier.unitPrice())
					.update();
			}
		}
		for (Long building : command.buildingIds()) {
			this.jdbc.sql("INSERT INTO fee_item_target (fee_item_id, building_id) VALUES (?, ?)")
				.params(id, building)
				.update();
		}
		for (RoomType type : command.roomTypes()) {
			this.jdbc.sql("INSERT INTO fee_item_target (fee_item_id, room_type) VALUES (?, ?)")
				.params(id, type.name())
				.update();
		}
		this.audit.record("FEE_ITEM_CREATED", "feeItem", id, communityId,
				AuditLog.Changes.of()
					.set("name", command.name())
					.set("method", command.method())
					.set("unitPrice", unitPrice(command))
					.set("amount", amountOf(command))
					.set("tiers", command.tiers().stream().map((t) -> t.upTo() + ":" + t.unitPrice()).toList())
					.set("effectiveFrom", from.toString())
					.set("continues", continued));
		return get(id);
	}

	/**
	 * What can be changed on a fee item without touching money already billed: its name
	 * (every version of it, so that its lines keep one name) and its due rule for lines
	 * billed from now on. A price or late-fee change is a new version from a month.
	 */
	public record Edit(String name, Integer dueDay, Integer dueDaysAfterIssue, LateFees lateFee) {

		public Edit(String name, Integer dueDay, Integer dueDaysAfterIssue) {
			this(name, dueDay, dueDaysAfterIssue, null);
		}

	}

	@Transactional
	@PreAuthorize(Access.FINANCE)
	public FeeItemView edit(long id, Edit edit) {
		FeeItemView item = get(id);
		if (!item.method().isConfigurable()) {
			throw InvalidInputException.conflict("name", "billing.feeItem.notEditable");
		}
		String name = (edit.name() != null) ? edit.name().trim() : null;
		Checks checks = new Checks().required("name", (name == null || name.isEmpty()) ? null : name)
			.maxLength("name", name, 50);
		if (edit.dueDay() != null && (edit.dueDay() < 1 || edit.dueDay() > 31)) {
			checks.add("dueDay", "validation.range", 1, 31);
		}
		if (edit.dueDaysAfterIssue() != null && (edit.dueDaysAfterIssue() < 0 || edit.dueDaysAfterIssue() > 365)) {
			checks.add("dueDaysAfterIssue", "validation.range", 0, 365);
		}
		if (name != null && !name.equals(item.name()) && list(item.communityId()).stream()
			.anyMatch((other) -> other.name().equals(name) && other.method().isConfigurable())) {
			checks.add("name", "billing.feeItem.nameTaken", name);
		}
		checks.throwIfAny();
		// the versions of one item share its name: a renamed item is renamed in every one
		this.jdbc.sql(
				"UPDATE fee_item SET name = :name WHERE community_id = :community AND name = :old AND charge_kind IS NULL")
			.param("name", name)
			.param("community", item.communityId())
			.param("old", item.name())
			.update();
		if (edit.lateFee() != null && !sameLateFee(item.lateFee(), edit.lateFee())) {
			// a late fee is worked out from the item's rule: changed here, it would
			// change
			// what lines already owe; once any line owes one, a new rule is a new version
			boolean accrued = this.jdbc.sql("""
					SELECT EXISTS (SELECT 1 FROM bill b WHERE b.fee_item_id = ? AND bill_late_fee(b.id, ?) > 0)""")
				.params(id, Date.valueOf(Times.today(this.clock)))
				.query(Boolean.class)
				.single();
			if (accrued) {
				throw InvalidInputException.conflict("lateFee", "billing.feeItem.lateFeeAccrued");
			}
			if (edit.lateFee().dailyRate().compareTo(MAX_DAILY_RATE) > 0) {
				throw InvalidInputException.field("lateFee.dailyRate", "billing.feeItem.lateRateTooHigh");
			}
			this.jdbc.sql("UPDATE fee_item SET late_daily_rate = ?, late_grace_days = ?, late_cap = ? WHERE id = ?")
				.params(edit.lateFee().dailyRate(), edit.lateFee().graceDays(), edit.lateFee().capAtPrincipal(), id)
				.update();
			this.audit.record("FEE_ITEM_EDITED", "feeItem", id, item.communityId(), AuditLog.Changes.of()
				.set("lateFee", edit.lateFee().dailyRate() + "/" + edit.lateFee().graceDays()));
		}
		if (edit.dueDay() != null || edit.dueDaysAfterIssue() != null) {
			// the due rule as given; neither given keeps it as it is
			this.jdbc.sql("UPDATE fee_item SET due_day = :day, due_days_after_issue = :after WHERE id = :id")
				.param("day", edit.dueDay())
				.param("after", edit.dueDaysAfterIssue())
				.param("id", id)
				.update();
		}
		this.audit.record("FEE_ITEM_EDITED", "feeItem", id, item.communityId(),
				AuditLog.Changes.of()
					.changed("name", item.name(), name)
					.changed("dueDay", item.dueDay(), edit.dueDay())
					.changed("dueDaysAfterIssue", item.dueDaysAfterIssue(), edit.dueDaysAfterIssue()));
		return get(id);
	}

	/**
	 * Stops a fee item after a month: billed for that month and before, never after.
	 * Refused for a month already past its last billed period or before the item began.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public FeeItemView stop(long id, YearMonth lastMonth) {
		FeeItemView item = get(id);
		if (lastMonth == null) {
			throw InvalidInputException.field("lastMonth", "validation.required");
		}
		if (lastMonth.isBefore(item.effectiveFrom())) {
			throw InvalidInputException.field("lastMonth", "billing.feeItem.stopBeforeStart",
					item.effectiveFrom().toString());
		}
		// the last month a billed line covers (a quarter's or a year's line covers
		// several)
		YearMonth billed = this.jdbc
			.sql("SELECT max(period + (months - 1) * INTERVAL '1 month')::date FROM bill WHERE fee_item_id = ?")
			.param(id)
			.query((rs, n) -> (rs.getDate(1) != null) ? YearMonth.from(rs.getDate(1).toLocalDate()) : null)
			.single();
		if (billed != null && lastMonth.isBefore(billed)) {
			throw InvalidInputException.field("lastMonth", "billing.feeItem.stopBeforeBilled", billed.toString());
		}
		if (item.effectiveTo() != null && !lastMonth.isBefore(item.effectiveTo())) {
			throw InvalidInputException.field("lastMonth", "billing.feeItem.alreadyEnds",
					item.effectiveTo().toString());
		}
		this.jdbc.sql("UPDATE fee_item SET effective_to = ? WHERE id = ?")
			.params(Date.valueOf(lastMonth.plusMonths(1).atDay(1)), id)
			.update();
		this.audit.record("FEE_ITEM_STOPPED", "feeItem", id, item.communityId(),
				AuditLog.Changes.of().set("lastMonth", lastMonth.toString()));
		return get(id);
	}

	private static boolean sameLateFee(FeeItemView.LateFeeView now, LateFees asked) {
		return now != null && now.dailyRate().compareTo(asked.dailyRate()) == 0 && now.graceDays() == asked.graceDays()
				&& now.capAtPrincipal() == asked.capAtPrincipal();
	}

	private void check(long communityId, FeeItemCommand c) {
		Checks checks = new Checks().required("name", c.name())
			.maxLength("name", c.name(), 50)
			.required("method", c.method())
			.required("effectiveFrom", c.effectiveFrom());
		if (c.method() != null && !c.method().isConfigurable()) {
			checks.add("method", "validation.invalidValue");
		}
		if (c.method() == FeeMethod.AREA) {
			requirePrice(checks, "unitPrice", c.unitPrice());
		}
		else if (c.method() == FeeMethod.METERED) {
			if (c.meterType() == null) {
				checks.add("meterType", "validation.required");
			}
			if (c.unitPrice() != null) {
				requirePrice(checks, "unitPrice", c.unitPrice());
			}
			else if (c.tiers().isEmpty()) {
				checks.add("tiers", "billing.feeItem.priceRequired");
			}
			else {
				Pricing.TierProblem problem = Pricing.tiersProblem(c.tiers());
				if (problem != null) {
					checks.add("tiers", problem.messageKey(), problem.tier());
				}
			}
		}
		else if (c.method() != null && c.method().hasAmount()) {
			requirePrice(checks, "amount", c.amount());
		}
		if (c.dueDay() != null && (c.dueDay() < 1 || c.dueDay() > 31)) {
			checks.add("dueDay", "validation.range", 1, 31);
		}
		if (c.dueDaysAfterIssue() != null && (c.dueDaysAfterIssue() < 0 || c.dueDaysAfterIssue() > 365)) {
			checks.add("dueDaysAfterIssue", "validation.range", 0, 365);
		}
		if (c.appliesTo() == null) {
			checks.add("appliesTo", "validation.required");
		}
		else if (c.appliesTo() == AppliesTo.BUILDINGS) {
			if (c.buildingIds().isEmpty()) {
				checks.add("appliesTo", "billing.feeItem.buildingsRequired");
			}
			for (Long building : c.buildingIds()) {
				if (building == null || !this.estate.communityOfBuilding(building)
					.map((owner) -> owner == communityId)
					.orElse(false)) {
					checks.add("appliesTo", "billing.feeItem.unknownBuilding", String.valueOf(building));
				}
			}
		}
		else if (c.appliesTo() == AppliesTo.ROOM_TYPES) {
			if (c.roomTypes().isEmpty()) {
				checks.add("appliesTo", "billing.feeItem.roomTypesRequired");
			}
		}
		if (c.appliesTo() == AppliesTo.PARKING_SPACES && c.method() == FeeMethod.METERED) {
			checks.add("appliesTo", "billing.feeItem.parkingMetered");
		}
		if (c.appliesTo() == AppliesTo.PARKING_SPACES && c.method() == FeeMethod.AREA) {
			checks.add("appliesTo", "billing.feeItem.parkingArea");
		}
		if (c.lateFee() != null && c.lateFee().dailyRate().compareTo(MAX_DAILY_RATE) > 0) {
			checks.add("lateFee.dailyRate", "billing.feeItem.lateRateTooHigh");
		}
		if (c.effectiveFrom() != null && c.effectiveTo() != null && c.effectiveTo().isBefore(c.effectiveFrom())) {
			checks.add("effectiveTo", "billing.feeItem.endBeforeStart");
		}
		YearMonth now = YearMonth.now(this.clock);
		for (Map.Entry<String, YearMonth> month : Arrays.asList(
				Map.entry("effectiveFrom", orNow(c.effectiveFrom(), now)),
				Map.entry("effectiveTo", orNow(c.effectiveTo(), now)))) {
			if (month.getValue().isBefore(now.minusYears(10)) || month.getValue().isAfter(now.plusYears(10))) {
				checks.add(month.getKey(), "billing.feeItem.monthRange", now.minusYears(10).toString(),
						now.plusYears(10).toString());
			}
		}
		checks.throwIfAny();
	}

	private static YearMonth orNow(YearMonth month, YearMonth now) {
		return (month != null) ? month : now;
	}

	private static void requirePrice(Checks checks, String field, BigDecimal price) {
		if (price == null) {
			checks.add(field, "validation.required");
		}
		else if (price.signum() < 0) {
			checks.add(field, "billing.feeItem.negativePrice");
		}
		else if (price.signum() == 0) {
			checks.add(field, "validation.positive");
		}
		else if (price.stripTrailingZeros().scale() > 4) {
			checks.add(field, "validation.decimals", 4);
		}
		else if (price.compareTo(MAX_PRICE) > 0) {
			// a price per m², unit or month beyond any real fee is a typing mistake
			checks.add(field, "validation.tooLarge", MAX_PRICE.toPlainString());
		}
	}

	private static final BigDecimal MAX_PRICE = new BigDecimal("100000");

	private static BigDecimal unitPrice(FeeItemCommand c) {
		return c.method().hasUnitPrice() ? c.unitPrice() : null;
	}

	private static BigDecimal amountOf(FeeItemCommand c) {
		return c.method().hasAmount() ? c.amount() : null;
	}

	private static Integer dueDay(FeeItemCommand c) {
		return (c.dueDay() == null && c.dueDaysAfterIssue() == null) ? Integer.valueOf(15) : c.dueDay();
	}

	private void requireCommunity(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
	}

	private FeeItemView row(ResultSet rs, int n) throws SQLException {
		BigDecimal rate = rs.getBigDecimal("late_daily_rate");
		Date to = rs.getDate("effective_to");
		return new FeeItemView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("name"),
				FeeMethod.valueOf(rs.getString("method")), enumOf(AreaBasis.class, rs.getString("area_basis")),
				rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"),
				enumOf(MeterType.class, rs.getString("meter_type")), List.of(), Cycle.valueOf(rs.getString("cycle")),
				(Integer) rs.getObject("due_day"), (Integer) rs.getObject("due_days_after_issue"),
				rs.getString("applies_to"),
				(rate != null)
						? new FeeItemView.LateFeeView(rate, rs.getInt("late_grace_days"), rs.getBoolean("late_cap"))
						: null,
				YearMonth.from(rs.getDate("effective_from").toLocalDate()),
				(to != null) ? YearMonth.from(to.toLocalDate()).minusMonths(1) : null, rs.getBoolean("auto_deduct"),
				rs.getBoolean("prorate_first_period"));
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
		return (name != null) ? Enum.valueOf(type, name) : null;
	}

	/** Fills in tiers and targets, with one query each for all the items. */
	private List<FeeItemView> views(List<FeeItemView> items) {
		if (items.isEmpty()) {
			return items;
		}
		List<Long> ids = items.stream().map(FeeItemView::id).toList();
		Map<Long, List<Tier>> tiers = new HashMap<>();
		this.jdbc.sql(
				"SELECT fee_item_id, up_to, unit_price FROM fee_item_tier WHERE fee_item_id IN (:ids) ORDER BY fee_item_id, seq")
			.param("ids", ids)
			.query((rs, n) -> tiers.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new Tier(rs.getBigDecimal(2), rs.getBigDecimal(3))))
			.list();
		Map<Long, List<Long>> buildings = new HashMap<>();
		Map<Long, List<String>> types = new HashMap<>();
		this.jdbc.sql("SELECT fee_item_id, building_id, room_type FROM fee_item_target WHERE fee_item_id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> {
				Long building = (Long) rs.getObject(2);
				if (building != null) {
					buildings.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(building);
				}
				else {
					types.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getString(3));
				}
				return null;
			})
			.list();
		List<FeeItemView> result = new ArrayList<>();
		for (FeeItemView i : items) {
			Object appliesTo = switch (AppliesTo.valueOf((String) i.appliesTo())) {
				case BUILDINGS -> single("buildingIds", buildings.getOrDefault(i.id(), List.of()));
				case ROOM_TYPES -> single("roomTypes", types.getOrDefault(i.id(), List.of()));
				default -> i.appliesTo();
			};
			result.add(new FeeItemView(i.id(), i.communityId(), i.name(), i.method(), i.area(), i.unitPrice(),
					i.amount(), i.meterType(), tiers.getOrDefault(i.id(), List.of()), i.cycle(), i.dueDay(),
					i.dueDaysAfterIssue(), appliesTo, i.lateFee(), i.effectiveFrom(), i.effectiveTo(), i.autoDeduct(),
					i.prorateFirstPeriod()));
		}
		return result;
	}

	private static Map<String, Object> single(String key, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, value);
		return map;
	}

}
