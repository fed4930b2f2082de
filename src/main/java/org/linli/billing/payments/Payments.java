package org.linli.billing.payments;

import java.util.TreeSet;
import java.util.Comparator;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.linli.billing.PaymentMethod;
import org.linli.billing.bills.Bills;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffUser;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlArrays;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments (缴费) at the counter and their receipts, prepaid accounts (预存), the cashier's
 * day (日结). A payment settles the chosen bill lines, or the oldest first; an amount above
 * what is owed goes to the prepaid account only when asked. Every request carries an
 * idempotency key: the same key and request answer the first payment.
 */
@Service
public class Payments {

	private static final Logger log = LoggerFactory.getLogger(Payments.class);

	private static final BigDecimal MAX = new BigDecimal("10000000");

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final Bills bills;

	private final Estate estate;

	private final Residents residents;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final PaymentOrders orders;

	Payments(JdbcClient jdbc, Ledger ledger, Bills bills, Estate estate, Residents residents, CurrentStaff current,
			AuditLog audit, Clock clock, org.springframework.transaction.support.TransactionTemplate transactions,
			PaymentOrders orders) {
		this.orders = orders;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.bills = bills;
		this.estate = estate;
		this.residents = residents;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	public record PaymentCommand(Long roomId, BigDecimal amount, PaymentMethod method, List<Long> billIds,
			String reference, Boolean toPrepaid, String payerName, String orderNumber) {

		public PaymentCommand {
			billIds = (billIds == null || billIds.isEmpty()) ? null : billIds;
		}

	}

	public record Allocation(long billId, String feeItemName, YearMonth period, Money amount, String description) {

		/** What the line was for: a charge's own description beside its fee item. */
		public String label() {
			return (this.description != null) ? this.feeItemName + " · " + this.description : this.feeItemName;
		}

	}

	public record PaymentView(long id, String receiptNumber, long communityId, long roomId, String room, Money amount,
			PaymentMethod method, PaymentChannel channel, String reference, List<Allocation> allocations,
			Money toPrepaid, Money refunded, String payerName, String cashier, Instant createdAt, Money remaining,
			boolean replayed) {

		/** When it was taken, in the community's time. */
		public String time() {
			return Times.minutes(this.createdAt);
		}

		/** Fully reversed: the receipt is marked void (作废) and keeps its number. */
		public boolean reversed() {
			return this.refunded.compareTo(this.amount.minus(this.toPrepaid)) >= 0 && this.refunded.isPositive();
		}

	}

	/** Takes a payment at the counter. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public PaymentView take(PaymentCommand command, String idempotencyKey) {
		RoomRef room = room(command.roomId(), "roomId");
		checkCounter(command, idempotencyKey, new Checks().maxLength("payerName", command.payerName(), 64));
		StaffUser cashier = this.current.require();
		String actor = Ledger.Taker.actorOf(cashier.getAccountId());
		Money amount = Money.of(command.amount());
		boolean toPrepaid = Boolean.TRUE.equals(command.toPrepaid());
		String hash = Ledger.hash(room.id(), amount, command.method(), sorted(command.billIds()),
				blank(command.reference()), toPrepaid, blank(command.payerName()), blank(command.orderNumber()));
		var earlier = this.ledger.replay(actor, idempotencyKey, hash);
		if (earlier.isPresent()) {
			return view(earlier.get(), true);
		}
		String payer = (blank(command.payerName()) != null) ? command.payerName().trim() : ownersOf(room.id());
		List<Long> billIds = command.billIds();
		Long orderId = null;
		LocalDate valueDate = null;
		if (blank(command.orderNumber()) != null) {
			PaymentOrders.OrderView order = this.orders.findByNumber(command.orderNumber().trim())
				.filter((o) -> o.roomId() == room.id())
				.orElseThrow(() -> InvalidInputException.field("orderNumber", "billing.order.unknown",
						command.orderNumber()));
			if (order.paymentId() != null) {
				throw InvalidInputException.conflict("orderNumber", "billing.order.paid", order.receiptNumber());
			}
			if (order.status() == OrderStatus.SETTLED || order.status() == OrderStatus.VOID) {
				// its lines were paid or waived meanwhile: the desk takes what they owe
				// today
				throw InvalidInputException.conflict("orderNumber", "billing.order.overtakenAtDesk");
			}
			if (order.status() == OrderStatus.EXPIRED) {
				// an expired order cannot be paid at its old amount: the desk takes what
				// its
				// lines owe today, without the order
				throw InvalidInputException.conflict("orderNumber", "billing.order.expiredTakeToday", order.expires());
			}
			orderId = order.id();
			valueDate = LocalDate.ofInstant(order.createdAt(), this.clock.getZone());
			billIds = (billIds != null) ? billIds : order.billIds();
		}
		Ledger.Prepared prepared = this.ledger
			.prepare(
					Ledger.Settlement
						.atCounter(room.communityId(), room.id(), amount, command.method(), blank(command.reference()),
								billIds, toPrepaid, payer,
								Ledger.Taker.cashier(cashier.getAccountId(), cashier.getDisplayName(), idempotencyKey,
										hash),
								orderId)
						.countingFrom(valueDate));
		List<Allocation> allocations = prepared.allocations()
			.entrySet()
			.stream()
			.map((e) -> new Allocation(e.getKey().id(), e.getKey().feeItemName(), e.getKey().period(), e.getValue(),
					e.getKey().description()))
			.toList();
		this.audit.record("PAYMENT_TAKEN", "payment", prepared.id(), room.communityId(),
				AuditLog.Changes.of()
					.set("roomId", room.id())
					.set("amount", amount.amount())
					.set("method", command.method().name())
					.set("allocations", allocations.stream().map((a) -> a.billId() + ":" + a.amount()).toList())
					.set("toPrepaid", prepared.toPrepaid().amount()));
		// the receipt number last: it holds the community's counter until commit
		String receipt = this.ledger.post(prepared);
		return new PaymentView(prepared.id(), receipt, room.communityId(), room.id(), room.code(), amount,
				command.method(), PaymentChannel.COUNTER, blank(command.reference()), allocations, prepared.toPrepaid(),
				Money.ZERO, payer, cashier.getDisplayName(), prepared.at(), prepared.remaining(), false);
	}

	/**
	 * A deposit into a room's prepaid account: a payment that settles nothing, with its
	 * receipt.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public PaymentView deposit(long roomId, PaymentCommand command, String idempotencyKey) {
		RoomRef room = room(roomId, "roomId");
		checkCounter(command, idempotencyKey, new Checks());
		StaffUser cashier = this.current.require();
		String actor = Ledger.Taker.actorOf(cashier.getAccountId());
		Money amount = Money.of(command.amount());
		String hash = Ledger.hash("deposit", room.id(), amount, command.method(), blank(command.reference()));
		var earlier = this.ledger.replay(actor, idempotencyKey, hash);
		if (earlier.isPresent()) {
			return view(earlier.get(), true);
		}
		this.ledger.lockRoom(room.id(), room.communityId());
		long id = this.ledger.settle(Ledger.Settlement.deposit(room.communityId(), room.id(), amount, command.method(),
				blank(command.reference()), ownersOf(room.id()),
				Ledger.Taker.cashier(cashier.getAccountId(), cashier.getDisplayName(), idempotencyKey, hash)));
		this.audit.record("PREPAID_DEPOSIT", "payment", id, room.communityId(),
				AuditLog.Changes.of()
					.set("roomId", room.id())
					.set("amount", amount.amount())
					.set("method", command.method().name()));
		deductAutomatically(room.id(), room.communityId());
		return view(id, false);
	}

	/**
	 * Pays the open lines of fee items set to be paid from the prepaid balance, as far as
	 * it goes: a payment by the method PREPAID, without a receipt (the deposit had one).
	 * Safe to call at any time.
	 */
	@Transactional
	public void deductAutomatically(long roomId, long communityId) {
		this.ledger.lockRoom(roomId, communityId);
		Money balance = this.ledger.balance(roomId);
		if (!balance.isPositive()) {
			return;
		}
		List<Bills.BillLine> open = this.bills.lockOpenLines(roomId, today());
		List<Long> auto = this.jdbc.sql("SELECT id FROM fee_item WHERE community_id = ? AND auto_deduct")
			.param(communityId)
			.query(Long.class)
			.list();
		List<Long> lines = open.stream().filter((l) -> auto.contains(l.feeItemId())).map(Bills.BillLine::id).toList();
		if (lines.isEmpty()) {
			return;
		}
		Money owed = open.stream()
			.filter((l) -> lines.contains(l.id()))
			.map(Bills.BillLine::outstanding)
			.reduce(Money.ZERO, Money::plus);
		Money amount = owed.min(balance);
		long id = this.ledger
			.settle(Ledger.Settlement.fromPrepaid(communityId, roomId, amount, lines, ownersOf(roomId)));
		this.audit.record("PREPAID_DEDUCTED", "payment", id, communityId,
				AuditLog.Changes.of().set("roomId", roomId).set("amount", amount.amount()).set("bills", lines));
	}

	/**
	 * Runs the automatic deduction for every room of a community that has a prepaid
	 * balance (after a billing run).
	 */
	public void deductAutomaticallyIn(long communityId) {
		List<Long> rooms = this.jdbc.sql("""
				SELECT e.room_id FROM prepaid_entry e JOIN prepaid_account a ON a.room_id = e.room_id
				WHERE a.community_id = ? GROUP BY e.room_id
				HAVING sum(CASE e.kind WHEN 'DEPOSIT' THEN e.amount ELSE -e.amount END) > 0
				ORDER BY e.room_id""").param(communityId).query(Long.class).list();
		// each room in a transaction of its own: its locks are held only while it is
		// paid, and one room that
		// cannot be paid does not hold back the others
		TransactionTemplate own = new TransactionTemplate(this.transactions.getTransactionManager());
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		List<Long> failed = new ArrayList<>();
		for (Long room : rooms) {
			try {
				own.executeWithoutResult((status) -> deductAutomatically(room, communityId));
			}
			catch (RuntimeException ex) {
				log.warn("The automatic prepaid deduction of room {} failed: {}", room, ex.getClass().getSimpleName());
				failed.add(room);
			}
		}
		if (!failed.isEmpty()) {
			// the caller (the BillsIssued listener) fails, so the event is delivered
			// again; paid rooms pay nothing twice
			throw new IllegalStateException("The automatic prepaid deduction failed for rooms " + failed);
		}
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public PaymentView get(long id) {
		PaymentView view = view(id, false);
		this.current.requireCommunity(view.communityId(), "payment", id);
		return view;
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public List<PaymentView> ofRoom(long roomId) {
		room(roomId, "roomId");
		return views(this.jdbc.sql("SELECT id FROM payment WHERE room_id = ? ORDER BY id DESC")
			.param(roomId)
			.query(Long.class)
			.list(), false);
	}

	/**
	 * The payments a resident sees (their portal and /api/v1/me/payments): those of the
	 * rooms they live in today made during their stay, and those of their own payment
	 * orders (a former owner paying what they still owed).
	 */
	@SqlRead
	public List<PaymentView> ofResident(long residentId) {
		Map<Long, LocalDate> stays = this.residents.staysOf(residentId, today());
		List<Long> ownOrders = ownOrderPayments(residentId);
		TreeSet<Long> ids = new TreeSet<>(Comparator.reverseOrder());
		ids.addAll(ownOrders);
		if (!stays.isEmpty()) {
			ids.addAll(this.jdbc.sql("SELECT id FROM payment WHERE room_id IN (:rooms)")
				.param("rooms", List.copyOf(stays.keySet()))
				.query(Long.class)
				.list());
		}
		return views(List.copyOf(ids), false).stream()
			.filter((p) -> ownOrders.contains(p.id()) || visibleTo(p, stays))
			.toList();
	}

	private List<Long> ownOrderPayments(long residentId) {
		return this.jdbc.sql("""
				SELECT p.id FROM payment p JOIN payment_order o ON o.id = p.order_id WHERE o.resident_id = ?""")
			.param(residentId)
			.query(Long.class)
			.list();
	}

	/**
	 * A payment the resident may see: made during their stay, for lines of their stay
	 * only (a payment on the moving-in day for an earlier occupant's months is theirs).
	 */
	static boolean visibleTo(PaymentView payment, Map<Long, LocalDate> stays) {
		LocalDate since = stays.get(payment.roomId());
		return duringStay(payment.roomId(), payment.createdAt(), stays) && payment.allocations()
			.stream()
			.allMatch((a) -> a.period() == null || !a.period().isBefore(YearMonth.from(since)));
	}

	/**
	 * Whether something of a room happened during the resident's present stay there: what
	 * earlier occupants paid (with their names) is not the newcomer's to see.
	 */
	static boolean duringStay(long roomId, Instant at, Map<Long, LocalDate> stays) {
		LocalDate since = stays.get(roomId);
		return since != null && !at.isBefore(Times.startOf(since));
	}

	/**
	 * A resident's payment, if it is of a room they live in today; otherwise not found.
	 */
	@Transactional(readOnly = true)
	public PaymentView ofResident(long residentId, long paymentId) {
		PaymentView view = view(paymentId, false);
		if (!ownOrderPayments(residentId).contains(paymentId)
				&& !visibleTo(view, this.residents.staysOf(residentId, today()))) {
			throw new NotFoundException("payment", paymentId);
		}
		return view;
	}

	public record PrepaidEntry(long id, PrepaidEntryKind kind, Money amount, Long paymentId, String receiptNumber,
			Long refundId, Instant at) {

		public String day() {
			return Times.day(this.at);
		}

	}

	public record PrepaidAccount(long roomId, String room, Money balance, List<PrepaidEntry> entries) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public PrepaidAccount prepaidAccount(long roomId) {
		return account(room(roomId, "roomId"));
	}

	/**
	 * The prepaid accounts of the rooms a resident lives in today, each with the entries
	 * of the resident's stay: every room's entries in one statement, the balance summed
	 * from them.
	 */
	@SqlRead
	public List<PrepaidAccount> prepaidAccountsOf(long residentId) {
		Map<Long, LocalDate> stays = this.residents.staysOf(residentId, today());
		Map<Long, RoomRef> rooms = this.estate.rooms(stays.keySet());
		Map<Long, List<PrepaidEntry>> entries = entriesOf(rooms.keySet());
		return rooms.values().stream().map((room) -> {
			List<PrepaidEntry> all = entries.getOrDefault(room.id(), List.of());
			return new PrepaidAccount(room.id(), room.code(), balance(all),
					all.stream().filter((e) -> duringStay(room.id(), e.at(), stays)).toList());
		}).toList();
	}

	PrepaidAccount account(RoomRef room) {
		List<PrepaidEntry> entries = entriesOf(List.of(room.id())).getOrDefault(room.id(), List.of());
		return new PrepaidAccount(room.id(), room.code(), balance(entries), entries);
	}

	/** Deposits less deductions and refunds: what the ledger's balance sums. */
	static Money balance(List<PrepaidEntry> entries) {
		Money balance = Money.ZERO;
		for (PrepaidEntry e : entries) {
			balance = (e.kind() == PrepaidEntryKind.DEPOSIT) ? balance.plus(e.amount()) : balance.minus(e.amount());
		}
		return balance;
	}

	/** Each room's prepaid entries, newest first. */
	private Map<Long, List<PrepaidEntry>> entriesOf(Collection<Long> roomIds) {
		Map<Long, List<PrepaidEntry>> entries = new HashMap<>();
		if (roomIds.isEmpty()) {
			return entries;
		}
		this.jdbc.sql("""
				SELECT e.room_id, e.id, e.kind, e.amount, e.payment_id, p.receipt_number, e.refund_id, e.created_at
				FROM prepaid_entry e LEFT JOIN payment p ON p.id = e.payment_id
				WHERE e.room_id = ANY (CAST(? AS bigint[])) ORDER BY e.room_id, e.id DESC""")
			.param(SqlArrays.bigints(roomIds))
			.query((rs) -> {
				entries.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
					.add(new PrepaidEntry(rs.getLong(2), PrepaidEntryKind.valueOf(rs.getString(3)),
							Money.of(rs.getBigDecimal(4)), (Long) rs.getObject(5), rs.getString(6),
							(Long) rs.getObject(7), rs.getTimestamp(8).toInstant()));
			});
		return entries;
	}

	public record MethodTotal(PaymentMethod method, int count, Money amount) {
	}

	public record CashierTotal(String cashier, PaymentMethod method, int count, Money amount) {
	}

	public record DaySummary(long communityId, LocalDate date, List<MethodTotal> byMethod, List<CashierTotal> byCashier,
			int count, Money total, String firstReceipt, String lastReceipt, Money refunded,
			List<PaymentView> payments) {
	}

	/**
	 * The cashier's day (日结): the day's receipts by method and by cashier; the totals
	 * match the receipts listed.
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public DaySummary daySummary(long communityId, LocalDate date) {
		this.current.requireCommunity(communityId, "community", communityId);
		Timestamp from = Timestamp.from(Times.startOf(date));
		Timestamp to = Timestamp.from(Times.startOf(date.plusDays(1)));
		List<PaymentView> payments = views(this.jdbc
			.sql("""
					SELECT id FROM payment WHERE community_id = ? AND created_at >= ? AND created_at < ? AND receipt_number IS NOT NULL
					ORDER BY receipt_number""")
			.params(communityId, from, to)
			.query(Long.class)
			.list(), false);
		Map<PaymentMethod, MethodTotal> methods = new TreeMap<>();
		Map<String, CashierTotal> cashiers = new TreeMap<>();
		for (PaymentView p : payments) {
			methods.merge(p.method(), new MethodTotal(p.method(), 1, p.amount()),
					(a, b) -> new MethodTotal(a.method(), a.count() + 1, a.amount().plus(b.amount())));
			String who = (p.cashier() != null) ? p.cashier() : "-";
			cashiers.merge(who + "\u0000" + p.method().name(), new CashierTotal(who, p.method(), 1, p.amount()),
					(a, b) -> new CashierTotal(a.cashier(), a.method(), a.count() + 1, a.amount().plus(b.amount())));
		}
		Money refunded = Money.of(this.jdbc
			.sql("""
					SELECT coalesce(sum(r.amount), 0) FROM refund r JOIN refund_decision d ON d.refund_id = r.id AND d.approved
					WHERE r.community_id = ? AND d.decided_at >= ? AND d.decided_at < ?""")
			.params(communityId, from, to)
			.query(BigDecimal.class)
			.single());
		return new DaySummary(communityId, date, List.copyOf(methods.values()), List.copyOf(cashiers.values()),
				payments.size(), payments.stream().map(PaymentView::amount).reduce(Money.ZERO, Money::plus),
				payments.isEmpty() ? null : payments.get(0).receiptNumber(),
				payments.isEmpty() ? null : payments.get(payments.size() - 1).receiptNumber(), refunded, payments);
	}

	PaymentView view(long id, boolean replayed) {
		List<PaymentView> views = views(List.of(id), replayed);
		if (views.isEmpty()) {
			throw new NotFoundException("payment", id);
		}
		return views.get(0);
	}

	/**
	 * Payments by id, in that order, with what they settled, their room and what the room
	 * still owes: a few queries however many payments there are (a day's receipts, a
	 * room's history).
	 */
	List<PaymentView> views(List<Long> ids, boolean replayed) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, PaymentView> base = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT p.id, p.receipt_number, p.community_id, p.room_id, p.amount, p.method, p.channel, p.reference, p.to_prepaid,
					       p.payer_name, p.cashier_name, p.created_at,
					       coalesce((SELECT sum(r.amount) FROM refund r JOIN refund_decision d ON d.refund_id = r.id AND d.approved
					                 WHERE r.payment_id = p.id), 0) AS refunded
					FROM payment p WHERE p.id IN (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> base.put(rs.getLong("id"),
					new PaymentView(rs.getLong("id"), rs.getString("receipt_number"), rs.getLong("community_id"),
							rs.getLong("room_id"), null, Money.of(rs.getBigDecimal("amount")),
							PaymentMethod.valueOf(rs.getString("method")),
							PaymentChannel.valueOf(rs.getString("channel")), rs.getString("reference"), List.of(),
							Money.of(rs.getBigDecimal("to_prepaid")), Money.of(rs.getBigDecimal("refunded")),
							rs.getString("payer_name"), rs.getString("cashier_name"),
							rs.getTimestamp("created_at").toInstant(), null, replayed)))
			.list();
		Map<Long, List<Allocation>> allocations = new HashMap<>();
		this.jdbc.sql("""
				SELECT a.payment_id, a.bill_id, f.name, b.period, a.amount, b.description FROM payment_allocation a
				JOIN bill b ON b.id = a.bill_id JOIN fee_item f ON f.id = b.fee_item_id
				WHERE a.payment_id IN (:ids) ORDER BY b.period, b.due_date, b.id""")
			.param("ids", ids)
			.query((rs, n) -> allocations.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new Allocation(rs.getLong(2), rs.getString(3), YearMonth.from(rs.getDate(4).toLocalDate()),
						Money.of(rs.getBigDecimal(5)), rs.getString(6))))
			.list();
		List<Long> roomIds = base.values().stream().map(PaymentView::roomId).distinct().toList();
		Map<Long, RoomRef> rooms = this.estate.rooms(roomIds);
		Map<Long, Money> owed = new HashMap<>();
		List<Long> billIds = roomIds.isEmpty() ? List.of()
				: this.jdbc.sql("SELECT id FROM bill WHERE room_id IN (:rooms)")
					.param("rooms", roomIds)
					.query(Long.class)
					.list();
		for (Bills.BillLine line : this.bills.lines(billIds)) {
			owed.merge(line.roomId(), line.outstanding(), Money::plus);
		}
		List<PaymentView> views = new ArrayList<>();
		for (Long id : ids) {
			PaymentView p = base.get(id);
			if (p == null) {
				continue;
			}
			RoomRef room = rooms.get(p.roomId());
			views.add(new PaymentView(p.id(), p.receiptNumber(), p.communityId(), p.roomId(),
					(room != null) ? room.code() : null, p.amount(), p.method(), p.channel(), p.reference(),
					allocations.getOrDefault(id, List.of()), p.toPrepaid(), p.refunded(), p.payerName(), p.cashier(),
					p.createdAt(), owed.getOrDefault(p.roomId(), Money.ZERO), replayed));
		}
		return views;
	}

	/** The room, checked against the staff member's communities (404 outside them). */
	RoomRef room(Long roomId, String field) {
		if (roomId == null) {
			throw InvalidInputException.field(field, "validation.required");
		}
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return room;
	}

	String ownersOf(long roomId) {
		List<String> names = this.residents.ownerNamesOf(roomId, today());
		return names.isEmpty() ? null : String.join("、", names);
	}

	/**
	 * The checks every counter payment passes: amount, method, reference when the method
	 * needs one, the key.
	 */
	private static void checkCounter(PaymentCommand command, String idempotencyKey, Checks checks) {
		checks.required("amount", command.amount())
			.required("method", command.method())
			.positiveDecimal("amount", command.amount(), 2, MAX)
			.maxLength("reference", command.reference(), 64);
		requireKey(checks, idempotencyKey);
		if (command.method() != null && !command.method().isTakenAtCounter()) {
			checks.add("method", "billing.payment.unknownMethod", command.method().name());
		}
		if (command.method() != null && command.method().needsReference() && blank(command.reference()) == null) {
			checks.add("reference", "billing.payment.referenceRequired");
		}
		checks.throwIfAny();
	}

	private static void requireKey(Checks checks, String key) {
		if (key == null || key.isBlank()) {
			checks.add("Idempotency-Key", "billing.payment.keyRequired");
		}
		else if (key.length() > 100) {
			checks.add("Idempotency-Key", "validation.maxLength", 100);
		}
	}

	private static List<Long> sorted(List<Long> ids) {
		return (ids == null) ? List.of() : ids.stream().filter(Objects::nonNull).sorted().distinct().toList();
	}

	static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
