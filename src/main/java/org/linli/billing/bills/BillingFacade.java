package org.linli.billing.bills;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.linli.billing.BillStatus;
import org.linli.billing.Billing;
import org.linli.billing.ChargeKind;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.AuditLog;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The implementation of {@link Billing}: set-based reads over the bill lines with the
 * same rules as {@link org.linli.billing.BillStatus} (billed + late fees − waived − paid
 * + refunded, nothing once cancelled), and charges written as bill lines under a fee item
 * of the kind CHARGE.
 */
@Service
class BillingFacade implements Billing {

	/**
	 * What each bill line owes on {@code :asOf}, from its rows (the late fee from its
	 * history, as {@link Bills} reads it): the one definition the set-based reads share.
	 */
	private static final String LINES = """
			WITH lines AS (
			  SELECT b.id, b.room_id, b.period, b.fee_item_id, b.due_date, b.amount,
			         bill_late_fee(b.id, :asOf) AS late, coalesce(adj.waived, 0) AS waived, coalesce(adj.cancelled, false) AS cancelled,
			         coalesce(pa.paid, 0) - coalesce(ra.refunded, 0) AS paid
			  FROM bill b
			  LEFT JOIN LATERAL (SELECT sum(a.amount) FILTER (WHERE a.kind IN ('WAIVER', 'LATE_FEE_WAIVER')) AS waived,
			                            bool_or(a.kind = 'CANCELLATION') AS cancelled
			                     FROM bill_adjustment a WHERE a.bill_id = b.id) adj ON true
			  LEFT JOIN LATERAL (SELECT sum(p.amount) AS paid FROM payment_allocation p WHERE p.bill_id = b.id) pa ON true
			  LEFT JOIN LATERAL (SELECT sum(r.amount) AS refunded FROM refund_allocation r WHERE r.bill_id = b.id) ra ON true
			  WHERE %s
			), owed AS (
			  SELECT *, CASE WHEN cancelled THEN 0 ELSE greatest(amount + late - waived - paid, 0) END AS outstanding FROM lines
			)
			""";

	private static final BigDecimal MAX = new BigDecimal("10000000");

	private final JdbcClient jdbc;

	private final Bills bills;

	private final Estate estate;

	private final Residents residents;

	private final AuditLog audit;

	private final Messages messages;

	private final Clock clock;

	private final LedgerStatistics statistics;

	private final LedgerAggregates figures;

	BillingFacade(JdbcClient jdbc, Bills bills, Estate estate, Residents residents, AuditLog audit, Messages messages,
			Clock clock, LedgerStatistics statistics, LedgerAggregates figures) {
		this.statistics = statistics;
		this.figures = figures;
		this.jdbc = jdbc;
		this.bills = bills;
		this.estate = estate;
		this.residents = residents;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	@SqlRead
	public List<OpenLine> openLines(long roomId) {
		return this.bills.openLinesOf(roomId).stream().map((l) -> openLine(roomId, l)).toList();
	}

	private static OpenLine openLine(long roomId, Bills.BillLine l) {
		return new OpenLine(l.id(), roomId, l.feeItemName(), l.period(), l.amount(), l.lateFee(), l.paid(),
				l.outstanding(), l.dueDate(), l.status());
	}

	@Override
	@SqlRead
	public Arrears arrears(long roomId) {
		return arrearsOf(roomId, openLines(roomId));
	}

	@Override
	@SqlRead
	public Map<Long, Arrears> arrears(Collection<Long> roomIds) {
		Map<Long, List<Bills.BillLine>> open = this.bills.openLinesOf(roomIds);
		Map<Long, Arrears> arrears = new LinkedHashMap<>();
		for (long roomId : roomIds) {
			arrears.put(roomId, arrearsOf(roomId,
					open.getOrDefault(roomId, List.of()).stream().map((l) -> openLine(roomId, l)).toList()));
		}
		return arrears;
	}

	private Arrears arrearsOf(long roomId, List<OpenLine> open) {
		LocalDate today = Times.today(this.clock);
		Money outstanding = open.stream().map(OpenLine::outstanding).reduce(Money.ZERO, Money::plus);
		List<OpenLine> overdue = open.stream().filter((l) -> l.dueDate().isBefore(today)).toList();
		return new Arrears(roomId, outstanding,
				overdue.stream().map(OpenLine::outstanding).reduce(Money.ZERO, Money::plus), overdue.size(),
				open.stream().map(OpenLine::dueDate).min(LocalDate::compareTo).orElse(null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Arrears> arrearsIn(long communityId, LocalDate asOf, int minDaysOverdue) {
		return this.jdbc.sql(LINES.formatted("b.community_id = :community AND b.room_id IS NOT NULL") + """
				SELECT room_id, sum(outstanding) AS outstanding,
				       coalesce(sum(outstanding) FILTER (WHERE due_date < :asOf), 0) AS overdue,
				       count(*) FILTER (WHERE outstanding > 0 AND due_date < :asOf) AS overdue_lines,
				       min(due_date) FILTER (WHERE outstanding > 0) AS oldest_due
				FROM owed GROUP BY room_id
				HAVING coalesce(sum(outstanding) FILTER (WHERE due_date <= :latestDue), 0) > 0
				ORDER BY room_id""")
			.param("community", communityId)
			.param("asOf", Date.valueOf(asOf))
			.param("latestDue", Date.valueOf(asOf.minusDays(Math.max(minDaysOverdue, 1))))
			.query((rs, n) -> new Arrears(rs.getLong("room_id"), money(rs, "outstanding"), money(rs, "overdue"),
					rs.getInt("overdue_lines"), rs.getDate("oldest_due").toLocalDate()))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Money owedOn(Collection<Long> billIds) {
		if (billIds.isEmpty()) {
			return Money.ZERO;
		}
		return Money
			.of(this.jdbc.sql(LINES.formatted("b.id IN (:ids)") + "SELECT coalesce(sum(outstanding), 0) FROM owed")
				.param("ids", List.copyOf(billIds))
				.param("asOf", Date.valueOf(Times.today(this.clock)))
				.query(BigDecimal.class)
				.single());
	}

	@Override
	@Transactional(readOnly = true)
	public List<PeriodFigures> figures(long communityId, YearMonth from, YearMonth to) {
		return this.jdbc.sql(LINES.formatted("b.community_id = :community AND b.period BETWEEN :from AND :to") + """
				SELECT o.period, o.fee_item_id, f.name, count(*) AS lines,
				       coalesce(sum(o.amount) FILTER (WHERE NOT o.cancelled), 0) AS receivable,
				       coalesce(sum(o.late) FILTER (WHERE NOT o.cancelled), 0) AS late_fees,
				       coalesce(sum(o.waived) FILTER (WHERE NOT o.cancelled), 0) AS waived,
				       coalesce(sum(o.paid), 0) AS received,
				       coalesce(sum(o.outstanding), 0) AS outstanding,
				       coalesce(sum(o.amount) FILTER (WHERE o.cancelled), 0) AS cancelled
				FROM owed o JOIN fee_item f ON f.id = o.fee_item_id
				GROUP BY o.period, o.fee_item_id, f.name ORDER BY o.period, f.name""")
			.param("community", communityId)
			.param("from", Date.valueOf(from.atDay(1)))
			.param("to", Date.valueOf(to.atDay(1)))
			.param("asOf", Date.valueOf(Times.today(this.clock)))
			.query((rs, n) -> new PeriodFigures(YearMonth.from(rs.getDate("period").toLocalDate()),
					rs.getLong("fee_item_id"), rs.getString("name"), rs.getInt("lines"), money(rs, "receivable"),
					money(rs, "late_fees"), money(rs, "waived"), money(rs, "received"), money(rs, "outstanding"),
					money(rs, "cancelled")))
			.list();
	}

	@Override
	public LedgerFigures ledger(long communityId, YearMonth from, YearMonth to) {
		return this.statistics.ledger(communityId, from, to);
	}

	@Override
	public List<Settled> settledIn(long communityId, YearMonth from, YearMonth to) {
		return this.statistics.settledIn(communityId, from, to);
	}

	@Override
	public PeriodTotals periodTotals(long communityId, YearMonth period) {
		return this.statistics.periodTotals(communityId, period);
	}

	@Override
	public List<OverdueBucket> overdueOn(long communityId, LocalDate asOf, List<Integer> bucketEnds, int places) {
		return this.statistics.overdueOn(communityId, asOf, bucketEnds, places);
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
	public int refreshFigures() {
		return this.figures.refresh();
	}

	@Override
	public java.time.Instant figuresAsOf() {
		return this.figures.refreshedAt();
	}

	@Override
	public List<FeeItemPrice> feeItemsOf(long communityId, LocalDate on) {
		return this.statistics.feeItemsOf(communityId, on);
	}

	@Override
	@SqlRead
	public Owed overdueTotal(long communityId, LocalDate asOf) {
		return this.jdbc.sql("""
				SELECT coalesce(sum(amount), 0), count(DISTINCT coalesce(room_id, -parking_space_id))
				FROM ledger_owed WHERE community_id = ? AND due_date < ? AND issued_on <= ?""")
			.params(communityId, Date.valueOf(asOf), Date.valueOf(asOf))
			.query((rs, n) -> new Owed(Money.of(rs.getBigDecimal(1)), rs.getLong(2)))
			.single();
	}

	@Override
	@SqlRead
	public Takings takings(long communityId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT count(*), coalesce(sum(amount), 0) FROM payment
				WHERE community_id = ? AND method <> 'PREPAID' AND created_at >= ? AND created_at < ?""")
			.params(communityId, Timestamp.from(Times.startOf(day)), Timestamp.from(Times.startOf(day.plusDays(1))))
			.query((rs, n) -> new Takings(rs.getLong(1), Money.of(rs.getBigDecimal(2))))
			.single();
	}

	@Override
	@Transactional
	public Charged charge(RoomCharge charge) {
		Checks checks = new Checks().required("kind", charge.kind())
			.required("amount", charge.amount())
			.required("description", blank(charge.description()))
			.maxLength("description", charge.description(), 200)
			.required("sourceKey", blank(charge.sourceKey()))
			.maxLength("sourceKey", charge.sourceKey(), 100);
		if (charge.amount() != null) {
			checks.positiveDecimal("amount", charge.amount().amount(), 2, MAX);
		}
		checks.throwIfAny();
		RoomRef room = this.estate.room(charge.roomId())
			.orElseThrow(() -> new NotFoundException("room", charge.roomId()));
		LocalDate today = Times.today(this.clock);
		long item = chargeItem(room.communityId(), charge.kind());
		String payers = this.residents.ownersOf(room.id(), today)
			.stream()
			.map(String::valueOf)
			.collect(Collectors.joining(","));
		Long id = this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount, due_date,
					                  payer_ids, source_key, description, issued_on, created_at)
					VALUES (:community, :room, :item, :period, 1, 1, :amount, :amount, :due, :payers, :key, :description, :today,
					        :now)
					ON CONFLICT DO NOTHING RETURNING id""")
			.param("community", room.communityId())
			.param("room", room.id())
			.param("item", item)
			.param("period", Date.valueOf(YearMonth.from(today).atDay(1)))
			.param("amount", charge.amount().amount())
			.param("due", Date.valueOf((charge.dueDate() != null) ? charge.dueDate() : today.plusDays(15)))
			.param("payers", payers.isEmpty() ? null : payers)
			.param("key", charge.sourceKey().trim())
			.param("description", charge.description().trim())
			.param("today", Date.valueOf(today))
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return earlier(room, charge);
		}
		this.audit.record("BILL_CHARGED", "bill", id, room.communityId(),
				AuditLog.Changes.of()
					.set("roomId", room.id())
					.set("kind", charge.kind().name())
					.set("amount", charge.amount().amount())
					.set("sourceKey", charge.sourceKey().trim()));
		return new Charged(id, false);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ChargeLine> chargeLine(String sourceKey) {
		return chargeBill(sourceKey).map((id) -> line(this.bills.line(id)));
	}

	@Override
	@SqlRead
	public java.util.Set<String> standingCharges(java.util.Collection<String> sourceKeys) {
		List<String> keys = List.copyOf(sourceKeys);
		java.util.Set<String> standing = new java.util.HashSet<>();
		// a thousand keys a statement, well inside PostgreSQL's limit of bound values
		for (int from = 0; from < keys.size(); from += 1000) {
			standing.addAll(this.jdbc
				.sql("""
						SELECT b.source_key FROM bill b
						WHERE b.source_key IN (:keys)
						  AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION')""")
				.param("keys", keys.subList(from, Math.min(keys.size(), from + 1000)))
				.query(String.class)
				.list());
		}
		return standing;
	}

	@Override
	@Transactional
	public Optional<ChargeLine> cancelCharge(String sourceKey, String reason) {
		Optional<Long> id = chargeBill(sourceKey);
		if (id.isEmpty()) {
			return Optional.empty();
		}
		Bills.BillLine line = this.bills.line(id.get());
		if (line.status() == BillStatus.CANCELLED) {
			return Optional.of(line(line));
		}
		if (line.paid().isPositive()) {
			throw InvalidInputException.conflict("charge", "billing.bill.paidCannotCancel");
		}
		return Optional.of(line(this.bills.cancelLine(id.get(), reason)));
	}

	private Optional<Long> chargeBill(String sourceKey) {
		return this.jdbc.sql("SELECT id FROM bill WHERE source_key = ?")
			.param((sourceKey != null) ? sourceKey.trim() : "")
			.query(Long.class)
			.optional();
	}

	private static ChargeLine line(Bills.BillLine line) {
		return new ChargeLine(line.id(), line.amount(), line.paid(), line.outstanding(), line.status());
	}

	/**
	 * The line made before with the charge's key, if it is the same charge; another
	 * charge is refused.
	 */
	private Charged earlier(RoomRef room, RoomCharge charge) {
		long item = chargeItem(room.communityId(), charge.kind());
		return this.jdbc.sql("SELECT id, room_id, fee_item_id, amount FROM bill WHERE source_key = :key")
			.param("key", charge.sourceKey().trim())
			.query((rs, n) -> {
				if (rs.getLong("room_id") != room.id() || rs.getLong("fee_item_id") != item
						|| !money(rs, "amount").equals(charge.amount())) {
					throw InvalidInputException.conflict("sourceKey", "billing.charge.keyReused");
				}
				return new Charged(rs.getLong("id"), true);
			})
			.optional()
			.orElseThrow(() -> InvalidInputException.conflict("sourceKey", "billing.charge.keyReused"));
	}

	/**
	 * The community's fee item of a charge kind, made on first use and named in Chinese,
	 * the communities' language.
	 */
	private long chargeItem(long communityId, ChargeKind kind) {
		this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, cycle, applies_to, effective_from, charge_kind, created_at)
					VALUES (:community, :name, 'CHARGE', 'MONTHLY', 'ALL_ROOMS', DATE '2000-01-01', :kind, :now)
					ON CONFLICT (community_id, charge_kind) WHERE charge_kind IS NOT NULL DO NOTHING""")
			.param("community", communityId)
			.param("name", this.messages.get(Locale.SIMPLIFIED_CHINESE, "billing.chargeKind." + kind.name()))
			.param("kind", kind.name())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		return this.jdbc.sql("SELECT id FROM fee_item WHERE community_id = :community AND charge_kind = :kind")
			.param("community", communityId)
			.param("kind", kind.name())
			.query(Long.class)
			.single();
	}

	private static Money money(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return Money.of((value != null) ? value : BigDecimal.ZERO);
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
