package org.linli.billing.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

import org.linli.billing.bills.Bills;
import org.linli.billing.bills.Bills.BillLine;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The money movements of a room, in the caller's transaction. Every movement first takes
 * the room's prepaid account row lock, then the row locks of the room's bills, so two
 * movements of one room never overlap and never settle more than is owed; nothing is ever
 * updated or deleted — each movement is new rows.
 */
@Component
class Ledger {

	private final JdbcClient jdbc;

	private final Bills bills;

	private final Clock clock;

	Ledger(JdbcClient jdbc, Bills bills, Clock clock) {
		this.jdbc = jdbc;
		this.bills = bills;
		this.clock = clock;
	}

	/**
	 * What to settle: the bills (null: the oldest open ones first; empty: none), and
	 * whether an excess goes to prepaid.
	 */
	record Settlement(long communityId, long roomId, Money amount, String method, String channel, String reference,
			List<Long> billIds, boolean toPrepaid, String payerName, String actor, String idempotencyKey,
			String requestHash, Long createdBy, String cashierName, Long orderId) {
	}

	/** Locks the room's money: its prepaid account row, created on first use. */
	void lockRoom(long roomId, long communityId) {
		this.jdbc.sql(
				"INSERT INTO prepaid_account (room_id, community_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(roomId, communityId, now())
			.update();
		this.jdbc.sql("SELECT room_id FROM prepaid_account WHERE room_id = ? FOR UPDATE")
			.param(roomId)
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
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")
			.param(actor + "\n" + key)
			.query(Object.class)
			.list();
		return this.jdbc.sql("SELECT id, request_hash FROM payment WHERE actor = ? AND idempotency_key = ?")
			.params(actor, key)
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
	Prepared prepare(Settlement s) {
		lockRoom(s.roomId(), s.communityId());
		List<BillLine> open = this.bills.lockOpenLines(s.roomId());
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
		if ("PREPAID".equals(s.method()) && s.amount().compareTo(balance(s.roomId())) > 0) {
			throw InvalidInputException.field("amount", "billing.prepaid.insufficient", balance(s.roomId()).toString());
		}
		long id = this.jdbc.sql("SELECT nextval('payment_id_seq')").query(Long.class).single();
		List<Object[]> rows = new ArrayList<>();
		allocations.forEach((bill, amount) -> rows.add(new Object[] { id, bill.id(), amount.amount() }));
		for (Object[] row : rows) {
			this.jdbc.sql("INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (?, ?, ?)")
				.params(row)
				.update();
		}
		if (left.isPositive()) {
			entry(s.roomId(), "DEPOSIT", left, id, null);
		}
		if ("PREPAID".equals(s.method())) {
			entry(s.roomId(), "DEDUCTION", s.amount(), id, null);
		}
		Money owed = open.stream().map(BillLine::outstanding).reduce(Money.ZERO, Money::plus);
		Money settled = allocations.values().stream().reduce(Money.ZERO, Money::plus);
		return new Prepared(id, s, allocations, left, owed.minus(settled), Instant.now(this.clock));
	}

	/**
	 * Writes the payment row with its receipt number: the counter row stays locked until
	 * commit, so keep this last.
	 */
	String post(Prepared p) {
		Settlement s = p.settlement();
		String receipt = "PREPAID".equals(s.method()) ? null : nextReceiptNumber(s.communityId());
		this.jdbc
			.sql("""
					INSERT INTO payment (id, community_id, room_id, amount, method, channel, reference, to_prepaid, payer_name,
					                     cashier_name, receipt_number, order_id, actor, idempotency_key, request_hash, created_by,
					                     created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(p.id(), s.communityId(), s.roomId(), s.amount().amount(), s.method(), s.channel(), s.reference(),
					p.toPrepaid().amount(), s.payerName(), s.cashierName(), receipt, s.orderId(), s.actor(),
					s.idempotencyKey(), s.requestHash(), s.createdBy(), Timestamp.from(p.at()))
			.update();
		return receipt;
	}

	private List<BillLine> targets(Settlement s, List<BillLine> open) {
		if (s.billIds() == null) {
			return open;
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
	private String nextReceiptNumber(long communityId) {
		int year = LocalDate.now(this.clock).getYear();
		int number = this.jdbc.sql("""
				INSERT INTO receipt_sequence (community_id, year, last_number) VALUES (?, ?, 1)
				ON CONFLICT (community_id, year) DO UPDATE SET last_number = receipt_sequence.last_number + 1
				RETURNING last_number""").params(communityId, year).query(Integer.class).single();
		return String.format("%d-%06d", year, number);
	}

	Money balance(long roomId) {
		return Money.of(this.jdbc
			.sql("""
					SELECT coalesce(sum(CASE kind WHEN 'DEPOSIT' THEN amount ELSE -amount END), 0) FROM prepaid_entry WHERE room_id = ?""")
			.param(roomId)
			.query(java.math.BigDecimal.class)
			.single());
	}

	void entry(long roomId, String kind, Money amount, Long paymentId, Long refundId) {
		this.jdbc.sql(
				"INSERT INTO prepaid_entry (room_id, kind, amount, payment_id, refund_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(roomId, kind, amount.amount(), paymentId, refundId, now())
			.update();
	}

	Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
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
