package org.linli.billing.payments;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffUser;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds and reversals (退费 / 冲正): finance asks, with a reason, to give back part or all
 * of a payment (the lines it settled reopen, newest first) or of a prepaid balance; a
 * manager other than the requester approves or rejects. Only an approval moves money, as
 * new rows; the payment stays as it was.
 */
@Service
public class Refunds {

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final Payments payments;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Estate estate;

	Refunds(JdbcClient jdbc, Ledger ledger, Payments payments, CurrentStaff current, AuditLog audit, Estate estate) {
		this.estate = estate;
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.payments = payments;
		this.current = current;
		this.audit = audit;
	}

	public record RefundCommand(BigDecimal amount, String reason) {
	}

	public record RefundView(long id, long communityId, long roomId, String room, Long paymentId, String receiptNumber,
			Money amount, String reason, RefundStatus status, String requestedBy, Instant requestedAt, String decidedBy,
			String note, Instant decidedAt) {
	}

	/** Asks to refund part or all of what a payment settled. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public RefundView requestForPayment(long paymentId, RefundCommand command) {
		Payments.PaymentView payment = this.payments.get(paymentId);
		check(command);
		this.ledger.lockRoom(payment.roomId(), payment.communityId());
		Money refundable = refundable(paymentId).minus(pending("payment_id = ?", paymentId));
		if (Money.of(command.amount()).compareTo(refundable) > 0) {
			throw InvalidInputException.field("amount", "billing.refund.aboveRefundable", refundable.toString());
		}
		return request(payment.communityId(), payment.roomId(), paymentId, command);
	}

	/** Asks to pay back part or all of a room's prepaid balance. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public RefundView requestForPrepaid(long roomId, RefundCommand command) {
		RoomRef room = this.payments.room(roomId, "roomId");
		check(command);
		this.ledger.lockRoom(room.id(), room.communityId());
		Money available = this.ledger.balance(roomId).minus(pending("room_id = ? AND payment_id IS NULL", roomId));
		if (Money.of(command.amount()).compareTo(available) > 0) {
			throw InvalidInputException.field("amount", "billing.refund.aboveBalance", available.toString());
		}
		return request(room.communityId(), room.id(), null, command);
	}

	private RefundView request(long communityId, long roomId, Long paymentId, RefundCommand command) {
		StaffUser user = this.current.require();
		long id = this.jdbc
			.sql("""
					INSERT INTO refund (community_id, room_id, payment_id, amount, reason, requested_by, requested_by_name, requested_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, roomId, paymentId, Money.of(command.amount()).amount(), command.reason().trim(),
					user.getAccountId(), user.getDisplayName(), this.ledger.now())
			.query(Long.class)
			.single();
		this.audit.record("REFUND_REQUESTED", "refund", id, communityId,
				AuditLog.Changes.of()
					.set("paymentId", paymentId)
					.set("roomId", roomId)
					.set("amount", Money.of(command.amount()).amount())
					.set("reason", command.reason().trim()));
		return find(id);
	}

	/** Approves a pending refund: the money moves now, as new rows, if it still can. */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public RefundView approve(long id, String note) {
		RefundView refund = pendingOf(id);
		this.ledger.lockRoom(refund.roomId(), refund.communityId());
		refund = pendingOf(id);
		if (refund.paymentId() != null) {
			Money refundable = refundable(refund.paymentId());
			if (refund.amount().compareTo(refundable) > 0) {
				throw InvalidInputException.field("amount", "billing.refund.aboveRefundable", refundable.toString());
			}
			reopen(refund);
		}
		else {
			Money balance = this.ledger.balance(refund.roomId());
			if (refund.amount().compareTo(balance) > 0) {
				throw InvalidInputException.field("amount", "billing.refund.aboveBalance", balance.toString());
			}
			this.ledger.entry(refund.roomId(), PrepaidEntryKind.REFUND, refund.amount(), null, id);
		}
		decide(refund, true, note);
		return find(id);
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public RefundView reject(long id, String note) {
		RefundView refund = pendingOf(id);
		decide(refund, false, note);
		return find(id);
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public PageView<RefundView> ofCommunity(long communityId, RefundStatus status, int page, int size) {
		this.current.requireCommunity(communityId, "community", communityId);
		PageQuery query = new PageQuery(page, (size <= 0) ? 50 : size, null, null);
		PageView<RefundView> rows = SqlList.from(FROM)
			.where("r.community_id = :community")
			.param("community", communityId)
			.when(status == RefundStatus.PENDING, "d.refund_id IS NULL")
			.when(status == RefundStatus.APPROVED, "d.approved")
			.when(status == RefundStatus.REJECTED, "NOT d.approved")
			.orderBy("r.id DESC")
			.page(this.jdbc, COLUMNS, query, this::row);
		return new PageView<>(withRooms(rows.content()), rows.page(), rows.size(), rows.totalElements(),
				rows.totalPages());
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public List<RefundView> ofPayment(long paymentId) {
		this.payments.get(paymentId);
		return rows(" WHERE r.payment_id = :p ORDER BY r.id", Map.of("p", paymentId));
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public RefundView get(long id) {
		RefundView refund = find(id);
		this.current.requireCommunity(refund.communityId(), "refund", id);
		return refund;
	}

	private RefundView pendingOf(long id) {
		RefundView refund = get(id);
		if (refund.status() != RefundStatus.PENDING) {
			throw InvalidInputException.conflict("status", "billing.refund.decided");
		}
		Long requester = this.jdbc.sql("SELECT requested_by FROM refund WHERE id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (requester != null && requester == this.current.require().getAccountId()) {
			throw InvalidInputException.field("status", "billing.refund.ownRequest");
		}
		return refund;
	}

	private void decide(RefundView refund, boolean approved, String note) {
		if (note != null && note.length() > 200) {
			throw InvalidInputException.field("note", "validation.maxLength", 200);
		}
		StaffUser user = this.current.require();
		this.jdbc.sql("""
				INSERT INTO refund_decision (refund_id, approved, note, decided_by, decided_by_name, decided_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(refund.id(), approved, Payments.blank(note), user.getAccountId(), user.getDisplayName(),
					this.ledger.now())
			.update();
		this.audit.record(approved ? "REFUND_APPROVED" : "REFUND_REJECTED", "refund", refund.id(), refund.communityId(),
				AuditLog.Changes.of().set("amount", refund.amount().amount()).set("note", Payments.blank(note)));
	}

	/**
	 * Reopens the lines the payment settled, the last settled first, by as much as is
	 * refunded.
	 */
	private void reopen(RefundView refund) {
		Map<Long, Money> settled = new LinkedHashMap<>();
		this.jdbc.sql("SELECT bill_id, amount FROM payment_allocation WHERE payment_id = ? ORDER BY id DESC")
			.param(refund.paymentId())
			.query((rs, n) -> settled.put(rs.getLong(1), Money.of(rs.getBigDecimal(2))))
			.list();
		this.jdbc.sql("""
				SELECT a.bill_id, sum(a.amount) FROM refund_allocation a JOIN refund r ON r.id = a.refund_id
				WHERE r.payment_id = ? GROUP BY a.bill_id""").param(refund.paymentId()).query((rs, n) -> {
			Money back = Money.of(rs.getBigDecimal(2));
			return settled.computeIfPresent(rs.getLong(1), (k, v) -> v.minus(back));
		}).list();
		Money left = refund.amount();
		List<Object[]> rows = new ArrayList<>();
		for (Map.Entry<Long, Money> line : settled.entrySet()) {
			if (!left.isPositive()) {
				break;
			}
			Money part = left.min(line.getValue());
			if (part.isPositive()) {
				rows.add(new Object[] { refund.id(), line.getKey(), part.amount(), Date.valueOf(this.ledger.today()) });
				left = left.minus(part);
			}
		}
		for (Object[] row : rows) {
			this.jdbc.sql("INSERT INTO refund_allocation (refund_id, bill_id, amount, value_date) VALUES (?, ?, ?, ?)")
				.params(row)
				.update();
		}
	}

	/** What a payment settled less what approved refunds gave back already. */
	private Money refundable(long paymentId) {
		return Money.of(this.jdbc.sql("""
				SELECT coalesce((SELECT sum(amount) FROM payment_allocation WHERE payment_id = :p), 0)
				     - coalesce((SELECT sum(a.amount) FROM refund_allocation a JOIN refund r ON r.id = a.refund_id
				                 WHERE r.payment_id = :p), 0)""")
			.param("p", paymentId)
			.query(BigDecimal.class)
			.single());
	}

	private Money pending(String where, long id) {
		return Money.of(this.jdbc
			.sql("SELECT coalesce(sum(amount), 0) FROM refund r WHERE " + where
					+ " AND NOT EXISTS (SELECT 1 FROM refund_decision d WHERE d.refund_id = r.id)")
			.param(id)
			.query(BigDecimal.class)
			.single());
	}

	private static void check(RefundCommand command) {
		new Checks().required("amount", command.amount())
			.positiveDecimal("amount", command.amount(), 2, new BigDecimal("10000000"))
			.required("reason", Payments.blank(command.reason()))
			.maxLength("reason", command.reason(), 200)
			.throwIfAny();
	}

	private RefundView find(long id) {
		List<RefundView> found = rows(" WHERE r.id = :id", Map.of("id", id));
		if (found.isEmpty()) {
			throw new NotFoundException("refund", id);
		}
		return found.get(0);
	}

	private static final String COLUMNS = """
			SELECT r.id, r.community_id, r.room_id, r.payment_id, p.receipt_number, r.amount, r.reason, r.requested_at,
			       d.approved, d.note, d.decided_at, r.requested_by_name AS requester, d.decided_by_name AS decider""";

	private static final String FROM = """
			FROM refund r
			LEFT JOIN payment p ON p.id = r.payment_id
			LEFT JOIN refund_decision d ON d.refund_id = r.id""";

	/** Refunds with their state and room, in one query and one lookup of the rooms. */
	private List<RefundView> rows(String where, Map<String, Object> params) {
		return withRooms(this.jdbc.sql(COLUMNS + "\n" + FROM + where).params(params).query(this::row).list());
	}

	private RefundView row(ResultSet rs, int n) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new RefundView(rs.getLong("id"), rs.getLong("community_id"), rs.getLong("room_id"), null,
				(Long) rs.getObject("payment_id"), rs.getString("receipt_number"), Money.of(rs.getBigDecimal("amount")),
				rs.getString("reason"), RefundStatus.of((Boolean) rs.getObject("approved")), rs.getString("requester"),
				rs.getTimestamp("requested_at").toInstant(), rs.getString("decider"), rs.getString("note"),
				(decided != null) ? decided.toInstant() : null);
	}

	private List<RefundView> withRooms(List<RefundView> rows) {
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.stream().map(RefundView::roomId).distinct().toList());
		return rows.stream()
			.map((r) -> new RefundView(r.id(), r.communityId(), r.roomId(),
					(rooms.get(r.roomId()) != null) ? rooms.get(r.roomId()).code() : null, r.paymentId(),
					r.receiptNumber(), r.amount(), r.reason(), r.status(), r.requestedBy(), r.requestedAt(),
					r.decidedBy(), r.note(), r.decidedAt()))
			.toList();
	}

}
