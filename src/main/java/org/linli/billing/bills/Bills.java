package org.linli.billing.bills;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linli.billing.BillStatus;
import org.linli.billing.fees.TierCharge;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bill lines with their breakdown and their state, which follows from rows, never from
 * edits. Its late fee is worked out from its history for the day it is read (see the
 * migration that defines {@code bill_late_fee}); waivers and cancellations are adjustment
 * rows that point at the bill.
 */
@Service
@Transactional(readOnly = true)
public class Bills {

	/**
	 * A line with its figures on the day {@code :asOf}: the late fee from the line's
	 * history ({@code bill_late_fee}), the waivers of its principal and of its late fee,
	 * and what was paid less what was refunded.
	 */
	/** What every read of lines selects (the benchmark's bare ceiling runs it too). */
	static final String SELECT = """
			SELECT b.id, b.community_id, b.room_id, b.parking_space_id, b.fee_item_id, f.name AS fee_item_name, b.period,
			       b.months, b.quantity, b.unit_price, b.amount, b.tiers, b.due_date, b.issued_on, b.payer_ids, b.description,
			       bill_late_fee(b.id, :asOf) AS late_fee,
			       coalesce((SELECT sum(a.amount) FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'WAIVER'), 0) AS principal_waived,
			       coalesce((SELECT sum(a.amount) FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'LATE_FEE_WAIVER'), 0) AS late_fee_waived,
			       EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION') AS cancelled,
			       coalesce((SELECT sum(p.amount) FROM payment_allocation p WHERE p.bill_id = b.id), 0)
			         - coalesce((SELECT sum(r.amount) FROM refund_allocation r WHERE r.bill_id = b.id), 0) AS paid,
			       (SELECT string_agg(p.id || ':' || coalesce(p.receipt_number, '') || ':' || a.amount, ',' ORDER BY p.id)
			        FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.bill_id = b.id) AS settled_by
			FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
			""";

	private final JdbcClient jdbc;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	private final Residents residents;

	Bills(JdbcClient jdbc, Estate estate, CurrentStaff current, AuditLog audit, JsonMapper json, Clock clock,
			Residents residents) {
		this.residents = residents;
		this.jdbc = jdbc;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	public record BillLine(long id, long feeItemId, String feeItemName, YearMonth period, int months,
			BigDecimal quantity, BigDecimal unitPrice, Money amount, List<TierCharge> tiers, LocalDate dueDate,
			LocalDate issuedOn, Money lateFee, Money waived, Money lateFeeWaived, Money paid, Money outstanding,
			BillStatus status, Long roomId, Long parkingSpaceId, List<Long> payerIds, List<SettledBy> settledBy,
			String description) {

		/**
		 * What is still owed of the principal (the amount billed): payments settle the
		 * principal first, so money paid beyond it paid the late fee.
		 */
		public Money principalOwed() {
			if (this.status == BillStatus.CANCELLED) {
				return Money.ZERO;
			}
			Money owed = this.amount.minus(this.waived.minus(this.lateFeeWaived)).minus(this.paid);
			return owed.isNegative() ? Money.ZERO : owed;
		}

		/** What is still owed of the late fee. */
		public Money lateFeeOwed() {
			Money owed = this.outstanding.minus(principalOwed());
			return owed.isNegative() ? Money.ZERO : owed;
		}

		/** What the line is for: a charge's own description, else its fee item. */
		public String label() {
			return (this.description != null) ? this.feeItemName + " · " + this.description : this.feeItemName;
		}

	}

	/**
	 * A payment that settled part or all of a line: its receipt (none for a prepaid
	 * deduction) and the amount.
	 */
	public record SettledBy(long paymentId, String receiptNumber, Money amount) {
	}

	@PreAuthorize(Access.FINANCE)
	public List<BillLine> ofRoom(long roomId, BillStatus status) {
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return ofRoomUnchecked(roomId).stream().filter((line) -> status == null || line.status() == status).toList();
	}

	/**
	 * The bill lines a resident sees and may pay in their portal (and /api/v1/me/bills):
	 * those they were made a payer of when the line was issued (a former owner keeps
	 * their own open lines), and those of the rooms they live in today from the month
	 * their stay began. What earlier occupants were billed is theirs, not the newcomer's.
	 */
	@SqlRead
	public List<BillLine> ofResident(long residentId) {
		LocalDate today = Times.today(this.clock);
		Map<Long, LocalDate> stays = this.residents.staysOf(residentId, today);
		List<Long> rooms = this.residents.roomsEverOccupied(residentId);
		if (rooms.isEmpty()) {
			return List.of();
		}
		return ofRoomsUnchecked(rooms, today).stream().filter((line) -> visibleTo(line, residentId, stays)).toList();
	}

	/**
	 * Whether a resident sees a line: they pay it, or it falls in their present stay in
	 * its room (from its first month).
	 */
	public static boolean visibleTo(BillLine line, long residentId, Map<Long, LocalDate> stays) {
		if (line.payerIds().contains(residentId)) {
			return true;
		}
		LocalDate since = (line.roomId() != null) ? stays.get(line.roomId()) : null;
		return since != null && !line.period().isBefore(YearMonth.from(since));
	}

	@PreAuthorize(Access.FINANCE)
	public BillLine get(long id) {
		BillLine line = find(id);
		this.current.requireCommunity(communityOf(id), "bill", id);
		return line;
	}

	/**
	 * A waiver (减免): a new row for part or all of what is still owed of the principal or
	 * of the late fee, with a reason; never an edit. A waiver of the principal lowers
	 * what late fees accrue on from that day; a waiver of the late fee leaves the
	 * principal as it is. Without a part, the late fee is waived when some of it is owed,
	 * else the principal.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public BillLine waive(long id, BigDecimal amount, WaiverPart part, String reason) {
		get(id);
		lock(id);
		BillLine line = find(id);
		WaiverPart waived = (part != null) ? part
				: (line.lateFeeOwed().isPositive() ? WaiverPart.LATE_FEE : WaiverPart.PRINCIPAL);
		Money owed = (waived == WaiverPart.LATE_FEE) ? line.lateFeeOwed() : line.principalOwed();
		Checks checks = new Checks().required("amount", amount)
			.required("reason", blankToNull(reason))
			.maxLength("reason", reason, 200);
		if (line.status() == BillStatus.CANCELLED) {
			checks.add("amount", "billing.bill.cancelled");
		}
		else if (amount != null && amount.signum() <= 0) {
			checks.add("amount", "validation.positive");
		}
		else if (amount != null && amount.stripTrailingZeros().scale() > 2) {
			checks.add("amount", "validation.decimals", 2);
		}
		else if (amount != null && Money.of(amount).compareTo(owed) > 0) {
			checks.add("amount",
					(waived == WaiverPart.LATE_FEE) ? "billing.bill.waiveTooMuchLateFee" : "billing.bill.waiveTooMuch",
					owed.toString());
		}
		checks.throwIfAny();
		adjust(id, (waived == WaiverPart.LATE_FEE) ? AdjustmentKind.LATE_FEE_WAIVER : AdjustmentKind.WAIVER,
				Money.of(amount), reason.trim());
		this.audit.record("BILL_WAIVED", "bill", id, communityOf(id),
				AuditLog.Changes.of()
					.set("amount", Money.of(amount).amount())
					.set("part", waived.name())
					.set("reason", reason.trim()));
		return find(id);
	}

	/** What a waiver lowers: the principal or the late fee. */
	public enum WaiverPart {

		PRINCIPAL, LATE_FEE

	}

	/**
	 * The open lines of a room today, oldest first, unlocked and unchecked (internal to
	 * billing).
	 */
	@SqlRead
	public List<BillLine> openLinesOf(long roomId) {
		return ofRoomUnchecked(roomId).stream().filter((line) -> line.outstanding().isPositive()).toList();
	}

	/** The open lines of each of these rooms, oldest first: one statement for all. */
	@SqlRead
	public Map<Long, List<BillLine>> openLinesOf(Collection<Long> roomIds) {
		Map<Long, List<BillLine>> open = new HashMap<>();
		if (roomIds.isEmpty()) {
			return open;
		}
		ofRoomsUnchecked(roomIds, Times.today(this.clock)).stream()
			.filter((line) -> line.outstanding().isPositive())
			.forEach((line) -> open.computeIfAbsent(line.roomId(), (k) -> new ArrayList<>()).add(line));
		return open;
	}

	/** Every line of these rooms with its state on {@code asOf}, oldest first. */
	private List<BillLine> ofRoomsUnchecked(Collection<Long> roomIds, LocalDate asOf) {
		return this.jdbc.sql(SELECT + " WHERE b.room_id IN (:rooms) ORDER BY b.period, b.due_date, b.id")
			.param("rooms", List.copyOf(roomIds))
			.param("asOf", Date.valueOf(asOf))
			.query(this::row)
			.list();
	}

	private List<BillLine> ofRoomUnchecked(long roomId) {
		return this.jdbc.sql(SELECT + " WHERE b.room_id = :room ORDER BY b.period, b.due_date, b.id")
			.param("room", roomId)
			.param("asOf", Date.valueOf(Times.today(this.clock)))
			.query(this::row)
			.list();
	}

	/**
	 * The open lines of a room (unpaid or partly paid) with what they owe on
	 * {@code asOf}, oldest first, locked for the caller's transaction so that what it
	 * settles cannot change under it. Internal to billing: the caller has checked access.
	 */
	@Transactional
	public List<BillLine> lockOpenLines(long roomId, LocalDate asOf) {
		this.jdbc.sql("SELECT id FROM bill WHERE room_id = ? ORDER BY id FOR UPDATE")
			.param(roomId)
			.query(Long.class)
			.list();
		return this.jdbc.sql(SELECT + " WHERE b.room_id = :room ORDER BY b.period, b.due_date, b.id")
			.param("room", roomId)
			.param("asOf", Date.valueOf(asOf))
			.query(this::row)
			.list()
			.stream()
			.filter((line) -> line.outstanding().isPositive())
			.toList();
	}

	/** Lines by id, with their state today, unchecked (internal to billing). */
	@SqlRead
	public List<BillLine> lines(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + " WHERE b.id IN (:ids) ORDER BY b.period, b.due_date, b.id")
			.param("ids", List.copyOf(ids))
			.param("asOf", Date.valueOf(Times.today(this.clock)))
			.query(this::row)
			.list();
	}

	/** A cancellation (作废) of a bill nothing was paid on: a new row, with a reason. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public BillLine cancel(long id, String reason) {
		get(id);
		return cancelLine(id, reason);
	}

	/**
	 * The cancellation itself, for any caller: the billing facade cancels a charge for
	 * the module that made it.
	 */
	@Transactional
	BillLine cancelLine(long id, String reason) {
		lock(id);
		BillLine line = find(id);
		Checks checks = new Checks().required("reason", blankToNull(reason)).maxLength("reason", reason, 200);
		if (line.status() == BillStatus.CANCELLED) {
			checks.add("reason", "billing.bill.cancelled");
		}
		else if (line.paid().isPositive()) {
			checks.add("reason", "billing.bill.paidCannotCancel");
		}
		checks.throwIfAny();
		adjust(id, AdjustmentKind.CANCELLATION, line.outstanding(), reason.trim());
		this.audit.record("BILL_CANCELLED", "bill", id, communityOf(id),
				AuditLog.Changes.of().set("reason", reason.trim()));
		return find(id);
	}

	private void adjust(long billId, AdjustmentKind kind, Money amount, String reason) {
		this.jdbc.sql("""
				INSERT INTO bill_adjustment (bill_id, kind, amount, reason, as_of, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(billId, kind.name(), amount.amount(), reason, Date.valueOf(Times.today(this.clock)),
					this.current.user().map((u) -> u.getAccountId()).orElse(null),
					Timestamp.from(Instant.now(this.clock)))
			.update();
	}

	/**
	 * Takes the bill's row lock, which payments take too: a waiver and a payment of one
	 * line never overlap.
	 */
	private void lock(long billId) {
		this.jdbc.sql("SELECT id FROM bill WHERE id = ? FOR UPDATE").param(billId).query(Long.class).optional();
	}

	/** A line as it stands today, for the billing facade (no scope check). */
	BillLine line(long id) {
		return find(id);
	}

	private BillLine find(long id) {
		return this.jdbc.sql(SELECT + " WHERE b.id = :id")
			.param("id", id)
			.param("asOf", Date.valueOf(Times.today(this.clock)))
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("bill", id));
	}

	private long communityOf(long billId) {
		return this.jdbc.sql("SELECT community_id FROM bill WHERE id = ?").param(billId).query(Long.class).single();
	}

	/** The owners who pay the line (residents' ids), as recorded when it was billed. */
	private static List<Long> payers(String ids) {
		if (ids == null || ids.isBlank()) {
			return List.of();
		}
		return Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
	}

	private static List<SettledBy> settledBy(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<SettledBy> list = new ArrayList<>();
		for (String part : text.split(",")) {
			String[] fields = part.split(":", -1);
			list.add(new SettledBy(Long.parseLong(fields[0]), fields[1].isEmpty() ? null : fields[1],
					Money.of(new BigDecimal(fields[2]))));
		}
		return list;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private BillLine row(ResultSet rs, int n) throws SQLException {
		Money amount = Money.of(rs.getBigDecimal("amount"));
		Money late = Money.of(rs.getBigDecimal("late_fee"));
		Money lateWaived = Money.of(rs.getBigDecimal("late_fee_waived"));
		Money waived = Money.of(rs.getBigDecimal("principal_waived")).plus(lateWaived);
		Money paid = Money.of(rs.getBigDecimal("paid"));
		boolean cancelled = rs.getBoolean("cancelled");
		Money outstanding = BillStatus.outstanding(amount, late, waived, paid, cancelled);
		BillStatus status = BillStatus.of(amount, late, waived, paid, cancelled);
		String tiers = rs.getString("tiers");
		return new BillLine(rs.getLong("id"), rs.getLong("fee_item_id"), rs.getString("fee_item_name"),
				YearMonth.from(rs.getDate("period").toLocalDate()), rs.getInt("months"), rs.getBigDecimal("quantity"),
				rs.getBigDecimal("unit_price"), amount,
				(tiers != null) ? this.json.readValue(tiers, new TypeReference<List<TierCharge>>() {
				}) : List.of(), rs.getDate("due_date").toLocalDate(), rs.getDate("issued_on").toLocalDate(), late,
				waived, lateWaived, paid, outstanding, status, (Long) rs.getObject("room_id"),
				(Long) rs.getObject("parking_space_id"), payers(rs.getString("payer_ids")),
				settledBy(rs.getString("settled_by")), rs.getString("description"));
	}

}
