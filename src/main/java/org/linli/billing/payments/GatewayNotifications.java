package org.linli.billing.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.linli.billing.bills.Bills;
import org.linli.identity.AuditLog;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The gateway's signed notification that an order was paid. A forged, stale or malformed
 * one changes nothing; the same transaction notified again answers the payment it made
 * the first time (gateways retry until they hear 200).
 */
@Service
public class GatewayNotifications {

	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final PaymentGateway gateway;

	private final PaymentOrders orders;

	private final Ledger ledger;

	private final Payments payments;

	private final JsonMapper json;

	private final AuditLog audit;

	private final Clock clock;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final Bills bills;

	GatewayNotifications(PaymentGateway gateway, PaymentOrders orders, Ledger ledger, Payments payments,
			JsonMapper json, AuditLog audit, Clock clock, org.springframework.jdbc.core.simple.JdbcClient jdbc,
			Bills bills) {
		this.bills = bills;
		this.gateway = gateway;
		this.orders = orders;
		this.ledger = ledger;
		this.payments = payments;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Thrown when the notification is not the gateway's (bad signature, stale or missing
	 * timestamp): a 401.
	 */
	public static class ForgedNotificationException extends RuntimeException {

		public ForgedNotificationException(String message) {
			super(message);
		}

	}

	public record Accepted(long paymentId, String receiptNumber, boolean replayed) {
	}

	@Transactional
	public Accepted accept(String timestamp, String signature, String body) {
		if (!this.gateway.enabled()) {
			throw new NotFoundException("paymentGateway", "off");
		}
		long seconds;
		try {
			seconds = Long.parseLong((timestamp != null) ? timestamp.trim() : "");
		}
		catch (NumberFormatException ex) {
			throw new ForgedNotificationException("timestamp");
		}
		Duration age = Duration.between(Instant.ofEpochSecond(seconds), Instant.now(this.clock)).abs();
		if (age.compareTo(TOLERANCE) > 0) {
			throw new ForgedNotificationException("stale");
		}
		if (!this.gateway.verify(timestamp.trim(), body, signature)) {
			throw new ForgedNotificationException("signature");
		}
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw InvalidInputException.field("body", "validation.invalidValue");
		}
		String orderNumber = text(node, "orderNumber");
		String transaction = text(node, "transactionId");
		String amountText = text(node, "amount");
		if (orderNumber == null || transaction == null || amountText == null || transaction.length() > 64) {
			throw InvalidInputException.field("body", "billing.gateway.fieldsRequired");
		}
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 11))")
			.param(transaction)
			.query(Object.class)
			.list();
		var seen = this.jdbc.sql("SELECT payment_id FROM gateway_notification WHERE transaction_id = ?")
			.param(transaction)
			.query(Long.class)
			.optional();
		if (seen.isPresent()) {
			Payments.PaymentView payment = this.payments.view(seen.get(), true);
			return new Accepted(payment.id(), payment.receiptNumber(), true);
		}
		PaymentOrders.OrderView order = this.orders.lockByNumber(orderNumber)
			.orElseThrow(() -> new NotFoundException("paymentOrder", orderNumber));
		Money amount;
		try {
			amount = Money.of(new BigDecimal(amountText));
		}
		catch (NumberFormatException ex) {
			throw InvalidInputException.field("amount", "validation.number");
		}
		if (amount.compareTo(order.amount()) != 0) {
			throw InvalidInputException.field("amount", "billing.gateway.amountMismatch", order.amount().toString());
		}
		if (order.paymentId() != null) {
			throw InvalidInputException.conflict("orderNumber", "billing.order.paid", order.receiptNumber());
		}
		// Money the gateway took is never turned away: lines settled meanwhile leave an
		// excess in the prepaid account. Paid within its validity, the order settles what
		// its lines owed on the day it was made; paid later, what they owe today.
		Ledger.Settlement settlement = Ledger.Settlement.fromGateway(order.communityId(), order.roomId(), amount,
				transaction,
				this.bills.lines(order.billIds())
					.stream()
					.filter((l) -> l.outstanding().isPositive())
					.map(Bills.BillLine::id)
					.toList(),
				this.orders.payerOf(order.id()), Ledger.hash(body), order.id());
		if (order.status() == OrderStatus.PENDING) {
			settlement = settlement.countingFrom(LocalDate.ofInstant(order.createdAt(), this.clock.getZone()));
		}
		long id = this.ledger.settle(settlement);
		this.jdbc.sql(
				"INSERT INTO gateway_notification (transaction_id, order_number, payment_id, received_at) VALUES (?, ?, ?, ?)")
			.params(transaction, orderNumber, id, this.ledger.now())
			.update();
		this.audit.record("PAYMENT_NOTIFIED", "payment", id, order.communityId(),
				AuditLog.Changes.of()
					.set("orderNumber", orderNumber)
					.set("transactionId", transaction)
					.set("amount", amount.amount()));
		Payments.PaymentView payment = this.payments.view(id, false);
		return new Accepted(id, payment.receiptNumber(), false);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
