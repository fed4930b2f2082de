package org.linli.billing.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.linli.billing.PaymentMethod;
import org.linli.billing.PaymentReceived;
import org.linli.billing.bills.Bills;
import org.linli.billing.bills.Bills.BillLine;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.Times;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The money movements of a room, in the caller's transaction. Every movement first takes
 * the room's prepaid account row lock, then the row locks of the room's bills, so two
 * movements of one room never overlap and never settle more than is owed; nothing is ever
 * updated or deleted — each movement is new rows. Every payment publishes
 * {@link PaymentReceived} with the transaction that writes it.
 */
@Component
class Ledger {

	private final JdbcClient jdbc;

	private final Bills bills;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Ledger(JdbcClient jdbc, Bills bills, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.bills = bills;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * What to settle: the bills (null: the oldest open ones first; empty: none), whether
	 * an excess goes to prepaid, and who takes it. {@code valueDate} is the day the
	 * payment counts from for late fees, and whose figures it settles: today, or the day
	 * of a payment order paid within its validity (null: today).
	 */
	record Settlement(long communityId, long roomId, Money amount, PaymentMethod method, PaymentChannel channel,
			String reference, List<Long> billIds, boolean toPrepaid, String payerName, Taker takenBy, Long orderId,
			LocalDate valueDate) {

		/** The same settlement counting from another day. */
		Settlement countingFrom(LocalDate day) {
			return new Settlement(this.communityId, this.roomId, this.amount, this.method, this.channel, this.reference,
					this.billIds, this.toPrepaid, this.payerName, this.takenBy, this.orderId, day);
		}

		/**
		 * Money a cashier takes at the desk, for chosen lines or the oldest first,
		 * perhaps for an order.
		 */
		static Settlement atCounter(long communityId, long roomId, Money amount, PaymentMethod method, String reference,
				List<Long> billIds, boolean toPrepaid, String payerName, Taker cashier, Long orderId) {
			return new Settlement(communityId, roomId, amount, method, PaymentChannel.COUNTER, reference, billIds,
					toPrepaid, payerName, cashier, orderId, null);
		}

		/** A deposit into the prepaid account: settles nothing. */
		static Settlement deposit(long communityId, long roomId, Money amount, PaymentMethod method, String reference,
				String payerName, Taker cashier) {
			return new Settlement(communityId, roomId, amount, method, PaymentChannel.COUNTER, reference, List.of(),
					true, payerName, cashier, null, null);
		}

		/**
		 * What the gateway took for an order: never turned away, an excess goes to
		 * prepaid.
		 */
		static Settlement fromGateway(long communityId, long roomId, Money amount, String transactionId,
				List<Long> billIds, String payerName, String requestHash, long orderId) {
			return new Settlement(communityId, roomId, amount, PaymentMethod.ONLINE, PaymentChannel.GATEWAY,
					transactionId, billIds, true, payerName, Taker.gateway(transactionId, requestHash), orderId, null);
		}

		/** Open lines paid from the room's prepaid balance. */
		static Settlement fromPrepaid(long communityId, long roomId, Money amount, List<Long> billIds,
				String payerName) {
			return new Settlement(communityId, roomId, amount, PaymentMethod.PREPAID, PaymentChannel.AUTO, null,
					billIds, false, payerName, Taker.system(), null, null);
		}

	}

	/**
	 * Who takes a payment: the actor its idempotency key belongs to (with the key and the
	 * request's hash, when given), and the staff account and name printed on the receipt.
	 */
	record Taker(String actor, String idempotencyKey, String requestHash, Long accountId, String name) {

		static Taker cashier(long accountId, String name, String idempotencyKey, String requestHash) {
			return new Taker(actorOf(accountId), idempotencyKey, requestHash, accountId, name);
		}

		static Taker gateway(String transactionId, String requestHash) {
			return new Taker("gateway", transactionId, requestHash, null, null);
		}

		static Taker system() {
			return new Taker("system", null, null, null, null);
		}

		/** The demo data's cashier. */
		static Taker demo(String name) {
			return new Taker("demo", null, null, null, name);
		}

		/** Idempotency keys are per staff account. */
		static String actorOf(long accountId) {
			return "staff#" + accountId;
		}

	}

	/** Locks the room's money: its prepaid account row, created on first use. */
	void lockRoom(long roomId, long communityId) {
		this.jdbc.sql("""
				INSERT INTO prepaid_account (room_id, community_id, created_at) VALUES (:room, :community, :now)
				ON CONFLICT DO NOTHING""")
			.param("room", roomId)
			.param("community", communityId)
			.param("now", now())
			.update();
		this.jdbc.sql("SELECT room_id FROM prepaid_account WHERE room_id = :room FOR UPDATE")
			.param("room", roomId)
			.query(Long.class)
			.single();
	}

	/**
	 * Serializes requests that carry one idempotency key, and answers the payment made
	 * with it before, if any. The same key with another request is refused.
	 */
	Optional<Long> replay(String actor, String key, String requestHash) {
		if (key == null) {
			return Optional.empty();
		}
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))")
			.param("key", actor + "\n" + key)
			.query(Object.class)
			.list();
		return this.jdbc.sql("SELECT id, request_hash FROM payment WHERE actor = :actor AND idempotency_key = :key")
			.param("actor", actor)
			.param("key", key)
			.query((rs, n) -> {
				if (!rs.getString("request_hash").equals(requestHash)) {
					throw InvalidInputException.conflict("Idempotency-Key", "billing.payment.keyReused");
				}
				return rs.getLong("id");
			})
			.optional();
	}

	/**
	 * Takes the payment: allocations oldest first, an excess to prepaid when asked, a
	 * receipt number.
	 */
	long settle(Settlement s) {
		Prepared prepared = prepare(s);
		post(prepared);
		return prepared.id();
	}

	/**
	 * A payment whose allocations and prepaid entries are written, and whose own row is
	 * not yet.
	 */
	record Prepared(long id, Settlement settlement, Map<BillLine, Money> allocations, Money toPrepaid, Money remaining,
			Instant at) {
	}

	/**
	 * Works out and writes what the payment settles, under the room's lock; the payment
	 * row follows in {@link #post}, as the last write of the transaction.
	 */
	Prepared prepare(Settlement settlement) {
		Instant at = this.clock.instant();
		Settlement s = (settlement.valueDate() != null) ? settlement
				: settlement.countingFrom(LocalDate.ofInstant(at, this.clock.getZone()));
		lockRoom(s.roomId(), s.communityId());
		List<BillLine> open = this.bills.lockOpenLines(s.roomId(), s.valueDate());
		List<BillLine> targets = targets(s, open);
		Map<BillLine, Money> allocations = new LinkedHashMap<>();
		Money left = s.amount();
		for (BillLine line : targets) {
			if (!left.isPositive()) {
				break;
			}
			Money part = left.min(line.outstanding());
			allocations.put(line, part);
			left = left.minus(part);
		}
		if (left.isPositive() && !s.toPrepaid()) {
			Money owed = targets.stream().map(BillLine::outstanding).reduce(Money.ZERO, Money::plus);
			throw InvalidInputException.field("amount", "billing.payment.aboveOwed", owed.toString());
		}
		if (s.method() == PaymentMethod.PREPAID && s.amount().compareTo(balance(s.roomId())) > 0) {
			throw InvalidInputException.field("amount", "billing.prepaid.insufficient", balance(s.roomId()).toString());
		}
		long id = this.jdbc.sql("SELECT nextval('payment_id_seq')").query(Long.class).single();
		allocations.forEach((bill, amount) -> this.jdbc
			.sql("INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (:payment, :bill, :amount)")
			.param("payment", id)
			.param("bill", bill.id())
			.param("amount", amount.amount())
			.update());
		if (left.isPositive()) {
			entry(s.roomId(), PrepaidEntryKind.DEPOSIT, left, id, null);
		}
		if (s.method() == PaymentMethod.PREPAID) {
			entry(s.roomId(), PrepaidEntryKind.DEDUCTION, s.amount(), id, null);
		}
		Money owed = open.stream().map(BillLine::outstanding).reduce(Money.ZERO, Money::plus);
		Money settled = allocations.values().stream().reduce(Money.ZERO, Money::plus);
		return new Prepared(id, s, allocations, left, owed.minus(settled), at);
	}

	/**
	 * Writes the payment row with its receipt number, and publishes
	 * {@link PaymentReceived}: the counter row stays locked until commit, so keep this
	 * last.
	 */
	String post(Prepared p) {
		Settlement s = p.settlement();
		Taker taker = s.takenBy();
		// the receipt's year is the year of the time printed on it, even across midnight
		String receipt = s.method().issuesReceipt()
				? nextReceiptNumber(s.communityId(), p.at().atZone(this.clock.getZone()).getYear()) : null;
		this.jdbc
			.sql("""
					INSERT INTO payment (id, community_id, room_id, amount, method, channel, reference, to_prepaid, payer_name,
					                     cashier_name, receipt_number, order_id, actor, idempotency_key, request_hash, created_by,
					                     value_date, created_at)
					VALUES (:id, :community, :room, :amount, :method, :channel, :reference, :toPrepaid, :payer, :cashier,
					        :receipt, :order, :actor, :key, :hash, :createdBy, :valueDate, :at)""")
			.param("id", p.id())
			.param("community", s.communityId())
			.param("room", s.roomId())
			.param("amount", s.amount().amount())
			.param("method", s.method().name())
			.param("channel", s.channel().name())
			.param("reference", s.reference())
			.param("toPrepaid", p.toPrepaid().amount())
			.param("payer", s.payerName())
			.param("cashier", taker.name())
			.param("receipt", receipt)
			.param("order", s.orderId())
			.param("actor", taker.actor())
			.param("key", taker.idempotencyKey())
			.param("hash", taker.requestHash())
			.param("createdBy", taker.accountId())
			.param("valueDate", Date.valueOf(s.valueDate()))
			.param("at", Timestamp.from(p.at()))
			.update();
		this.events
			.publishEvent(new PaymentReceived(p.id(), s.communityId(), s.roomId(), s.amount(), s.method(), receipt,
					p.allocations()
						.entrySet()
						.stream()
						.map((e) -> new PaymentReceived.SettledLine(e.getKey().id(), e.getValue()))
						.toList(),
					p.toPrepaid(), p.at()));
		return receipt;
	}

	private List<BillLine> targets(Settlement s, List<BillLine> open) {
		if (s.billIds() == null) {
			return open;
		}
		if (s.channel() == PaymentChannel.GATEWAY) {
			// money the gateway took is never turned away: lines paid at the desk
			// meanwhile
			// are simply not targets, and what is left goes to the prepaid account
			return open.stream().filter((l) -> s.billIds().contains(l.id())).toList();
		}
		List<BillLine> targets = new ArrayList<>();
		for (Long id : s.billIds().stream().distinct().toList()) {
			Optional<BillLine> line = open.stream().filter((l) -> l.id() == id).findFirst();
			if (line.isPresent()) {
				targets.add(line.get());
				continue;
			}
			List<BillLine> found = (id != null) ? this.bills.lines(List.of(id)) : List.of();
			if (found.isEmpty()) {
				throw InvalidInputException.field("billIds", "billing.payment.unknownBill", String.valueOf(id));
			}
			if (!Long.valueOf(s.roomId()).equals(found.get(0).roomId())) {
				throw InvalidInputException.field("billIds", "billing.payment.billOfAnotherRoom", String.valueOf(id));
			}
			throw InvalidInputException.field("billIds", "billing.payment.billNotOpen", String.valueOf(id));
		}
		// oldest first, whatever order they were given in
		return open.stream().filter(targets::contains).toList();
	}

	/**
	 * The next receipt number of the community's year: the counter row is held to the end
	 * of the transaction.
	 */
	private String nextReceiptNumber(long communityId, int year) {
		int number = this.jdbc.sql("""
				INSERT INTO receipt_sequence (community_id, year, last_number) VALUES (:community, :year, 1)
				ON CONFLICT (community_id, year) DO UPDATE SET last_number = receipt_sequence.last_number + 1
				RETURNING last_number""")
			.param("community", communityId)
			.param("year", year)
			.query(Integer.class)
			.single();
		return String.format("%d-%06d", year, number);
	}

	Money balance(long roomId) {
		return Money.of(this.jdbc.sql("""
				SELECT coalesce(sum(CASE kind WHEN 'DEPOSIT' THEN amount ELSE -amount END), 0)
				FROM prepaid_entry WHERE room_id = :room""").param("room", roomId).query(BigDecimal.class).single());
	}

	void entry(long roomId, PrepaidEntryKind kind, Money amount, Long paymentId, Long refundId) {
		this.jdbc.sql("""
				INSERT INTO prepaid_entry (room_id, kind, amount, payment_id, refund_id, created_at)
				VALUES (:room, :kind, :amount, :payment, :refund, :now)""")
			.param("room", roomId)
			.param("kind", kind.name())
			.param("amount", amount.amount())
			.param("payment", paymentId)
			.param("refund", refundId)
			.param("now", now())
			.update();
	}

	Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	LocalDate today() {
		return Times.today(this.clock);
	}

	static String hash(Object... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Object part : parts) {
				digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
