package org.linli.billing.payments;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.linli.billing.bills.Bills;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment orders (缴费单): a resident picks open lines of their room and gets an order
 * number and the amount. The order is paid through the payment gateway (its signed
 * notification settles it) or, where none is set up, by bank transfer with the order
 * number in the note or at the service desk: the cashier finds the order by its number
 * and takes the payment for exactly its lines. An order is paid once.
 */
@Service
public class PaymentOrders {

	static final Duration VALID = Duration.ofDays(3);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Bills bills;

	private final Estate estate;

	private final Residents residents;

	private final CurrentStaff current;

	private final PaymentGateway gateway;

	private final AuditLog audit;

	private final Clock clock;

	PaymentOrders(JdbcClient jdbc, Bills bills, Estate estate, Residents residents, CurrentStaff current,
			PaymentGateway gateway, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.bills = bills;
		this.estate = estate;
		this.residents = residents;
		this.current = current;
		this.gateway = gateway;
		this.audit = audit;
		this.clock = clock;
	}

	public record OrderView(long id, String orderNumber, long communityId, long roomId, String room, Money amount,
			List<Long> billIds, Instant createdAt, Instant expiresAt, OrderStatus status, Long paymentId,
			String receiptNumber, String payUrl) {

		/** The end of its validity, in the community's time. */
		public String expires() {
			return Times.minutes(this.expiresAt);
		}

	}

	/**
	 * A resident's order for open lines of a room they live in (all open lines of it when
	 * none are named).
	 */
	@Transactional
	public OrderView create(long residentId, Long roomId, List<Long> billIds) {
		LocalDate today = Times.today(this.clock);
		Map<Long, LocalDate> stays = this.residents.staysOf(residentId, today);
		if (roomId == null) {
			throw InvalidInputException.field("roomId", "validation.required");
		}
		if (!stays.containsKey(roomId) && !this.residents.roomsEverOccupied(residentId).contains(roomId)) {
			throw new NotFoundException("room", roomId);
		}
		// only lines the resident sees: their own (a former owner's too) and those of
		// their stay; an earlier occupant's debts are not theirs
		List<Bills.BillLine> open = this.bills.lockOpenLines(roomId, today)
			.stream()
			.filter((line) -> Bills.visibleTo(line, residentId, stays))
			.toList();
		List<Bills.BillLine> chosen;
		if (billIds == null || billIds.isEmpty()) {
			chosen = open;
		}
		else {
			for (Long id : billIds) {
				if (open.stream().noneMatch((l) -> Long.valueOf(l.id()).equals(id))) {
					throw InvalidInputException.field("billIds", "billing.payment.billNotOpen", String.valueOf(id));
				}
			}
			chosen = open.stream().filter((l) -> billIds.contains(l.id())).toList();
		}
		if (chosen.isEmpty()) {
			throw InvalidInputException.field("billIds", "billing.order.nothingOpen");
		}
		Money amount = chosen.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus);
		RoomRef room = this.estate.room(roomId).orElseThrow();
		Instant now = Instant.now(this.clock);
		String number = "PO" + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(this.clock.getZone()))
				+ String.format("%08d", RANDOM.nextInt(100_000_000));
		long id = this.jdbc
			.sql("""
					INSERT INTO payment_order (order_number, community_id, room_id, resident_id, amount, bill_ids, created_at, expires_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(number, room.communityId(), roomId, residentId, amount.amount(),
					String.join(",", chosen.stream().map((l) -> String.valueOf(l.id())).toList()), Timestamp.from(now),
					Timestamp.from(now.plus(VALID)))
			.query(Long.class)
			.single();
		return find(id);
	}

	/** The resident's orders of the last days. */
	@SqlRead
	public List<OrderView> ofResident(long residentId) {
		return findAll(this.jdbc.sql("SELECT id FROM payment_order WHERE resident_id = ? ORDER BY id DESC LIMIT 20")
			.param(residentId)
			.query(Long.class)
			.list());
	}

	@Transactional(readOnly = true)
	public OrderView ofResident(long residentId, long id) {
		OrderView order = find(id);
		Long owner = this.jdbc.sql("SELECT resident_id FROM payment_order WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single();
		if (owner != residentId) {
			throw new NotFoundException("paymentOrder", id);
		}
		return order;
	}

	/** An order by its number, for the cashier (within their communities). */
	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public OrderView byNumber(String number) {
		Long id = this.jdbc.sql("SELECT id FROM payment_order WHERE order_number = ?")
			.param((number != null) ? number.trim().toUpperCase(Locale.ROOT) : "")
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("paymentOrder", number));
		OrderView order = find(id);
		this.current.requireCommunity(order.communityId(), "paymentOrder", number);
		return order;
	}

	/**
	 * An order by its number, its row locked to the end of the transaction: two
	 * notifications for one order are taken one after the other.
	 */
	Optional<OrderView> lockByNumber(String number) {
		return this.jdbc.sql("SELECT id FROM payment_order WHERE order_number = ? FOR UPDATE")
			.param(number)
			.query(Long.class)
			.optional()
			.map(this::find);
	}

	/** The name of the resident who made an order: who paid, for the receipt. */
	String payerOf(long orderId) {
		long resident = this.jdbc.sql("SELECT resident_id FROM payment_order WHERE id = ?")
			.param(orderId)
			.query(Long.class)
			.single();
		return this.residents.names(List.of(resident)).get(resident);
	}

	Optional<OrderView> findByNumber(String number) {
		return this.jdbc.sql("SELECT id FROM payment_order WHERE order_number = ?")
			.param(number)
			.query(Long.class)
			.optional()
			.map(this::find);
	}

	OrderView find(long id) {
		List<OrderView> found = findAll(List.of(id));
		if (found.isEmpty()) {
			throw new NotFoundException("paymentOrder", id);
		}
		return found.get(0);
	}

	/**
	 * Orders by id, in that order: three statements however many (the orders, what the
	 * open ones' lines owe now, their rooms).
	 */
	private List<OrderView> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		record Row(long id, String number, long community, long room, Money amount, List<Long> billIds, Instant created,
				Instant expires, Long payment, String receipt) {
		}
		Map<Long, Row> rows = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT o.id, o.order_number, o.community_id, o.room_id, o.amount, o.bill_ids, o.created_at, o.expires_at,
					       p.id AS payment_id, p.receipt_number
					FROM payment_order o LEFT JOIN payment p ON p.order_id = o.id WHERE o.id IN (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> rows.put(rs.getLong("id"),
					new Row(rs.getLong("id"), rs.getString("order_number"), rs.getLong("community_id"),
							rs.getLong("room_id"), Money.of(rs.getBigDecimal("amount")),
							Arrays.stream(rs.getString("bill_ids").split(",")).map(Long::valueOf).toList(),
							rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
							(Long) rs.getObject("payment_id"), rs.getString("receipt_number"))))
			.list();
		// what the lines of the orders not paid yet owe now
		Map<Long, Money> outstanding = new HashMap<>();
		this.bills
			.lines(rows.values()
				.stream()
				.filter((r) -> r.payment() == null)
				.flatMap((r) -> r.billIds().stream())
				.collect(Collectors.toSet()))
			.forEach((line) -> outstanding.put(line.id(), line.outstanding()));
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.values().stream().map(Row::room).distinct().toList());
		Instant now = this.clock.instant();
		List<OrderView> views = new ArrayList<>();
		for (Long id : ids) {
			Row r = rows.get(id);
			if (r == null) {
				continue;
			}
			Money owedNow = (r.payment() != null) ? Money.ZERO
					: r.billIds()
						.stream()
						.map((bill) -> outstanding.getOrDefault(bill, Money.ZERO))
						.reduce(Money.ZERO, Money::plus);
			OrderStatus status = OrderStatus.of(r.payment() != null, r.expires(), now, r.amount(), owedNow);
			RoomRef room = rooms.get(r.room());
			views.add(new OrderView(r.id(), r.number(), r.community(), r.room(), (room != null) ? room.code() : null,
					r.amount(), r.billIds(), r.created(), r.expires(), status, r.payment(), r.receipt(),
					(status == OrderStatus.PENDING) ? this.gateway.checkoutUrl(r.number(), r.amount()).orElse(null)
							: null));
		}
		return views;
	}

}
