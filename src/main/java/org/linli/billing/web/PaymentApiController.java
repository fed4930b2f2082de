package org.linli.billing.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.billing.payments.RefundStatus;
import org.linli.billing.payments.Refunds;
import org.linli.identity.CurrentStaff;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments, receipts, prepaid accounts, refunds and the cashier's day through the API.
 */
@RestController
@Tag(name = "Billing: payments")
class PaymentApiController {

	private final Payments payments;

	private final Refunds refunds;

	private final PaymentOrders orders;

	private final ReceiptFiles receipts;

	private final CurrentStaff current;

	private final Clock clock;

	PaymentApiController(Payments payments, Refunds refunds, PaymentOrders orders, ReceiptFiles receipts,
			CurrentStaff current, Clock clock) {
		this.clock = clock;
		this.payments = payments;
		this.refunds = refunds;
		this.orders = orders;
		this.receipts = receipts;
		this.current = current;
	}

	@PostMapping("/api/v1/payments")
	@Operation(
			summary = "Take a payment (needs an Idempotency-Key header): settles the given lines or the oldest first; "
					+ "an excess goes to the prepaid account only with toPrepaid. The same key and body answer the first payment.")
	ResponseEntity<Payments.PaymentView> pay(@RequestHeader(name = "Idempotency-Key", required = false) String key,
			@RequestBody Payments.PaymentCommand command) {
		Payments.PaymentView payment = this.payments.take(command, key);
		return ResponseEntity.status(payment.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.location(URI.create("/api/v1/payments/" + payment.id()))
			.body(payment);
	}

	@GetMapping("/api/v1/payments/{id}")
	Payments.PaymentView payment(@PathVariable long id) {
		return this.payments.get(id);
	}

	@GetMapping("/api/v1/payments/{id}/receipt.pdf")
	@Operation(summary = "The payment's receipt as PDF; prints after the first are marked as copies (补打)")
	ResponseEntity<byte[]> receipt(@PathVariable long id) {
		Payments.PaymentView payment = this.payments.get(id);
		return this.receipts.pdf(payment, "staff#" + this.current.require().getAccountId());
	}

	@PostMapping("/api/v1/payments/{id}/refunds")
	@Operation(summary = "Ask to refund part or all of what a payment settled, with a reason; a manager decides")
	ResponseEntity<Refunds.RefundView> refundPayment(@PathVariable long id,
			@RequestBody Refunds.RefundCommand command) {
		Refunds.RefundView refund = this.refunds.requestForPayment(id, command);
		return ResponseEntity.created(URI.create("/api/v1/refunds/" + refund.id())).body(refund);
	}

	@GetMapping("/api/v1/payments/{id}/refunds")
	List<Refunds.RefundView> refundsOfPayment(@PathVariable long id) {
		return this.refunds.ofPayment(id);
	}

	@GetMapping("/api/v1/rooms/{id}/payments")
	List<Payments.PaymentView> ofRoom(@PathVariable long id) {
		return this.payments.ofRoom(id);
	}

	@GetMapping("/api/v1/rooms/{id}/prepaid-account")
	@Operation(summary = "A room's prepaid account: balance and every deposit, deduction and refund")
	Payments.PrepaidAccount prepaid(@PathVariable long id) {
		return this.payments.prepaidAccount(id);
	}

	@PostMapping("/api/v1/rooms/{id}/prepaid-account/deposits")
	@Operation(summary = "Deposit into a room's prepaid account (needs an Idempotency-Key header); gets a receipt")
	ResponseEntity<Payments.PaymentView> deposit(@PathVariable long id,
			@RequestHeader(name = "Idempotency-Key", required = false) String key,
			@RequestBody Payments.PaymentCommand command) {
		Payments.PaymentView payment = this.payments.deposit(id, command, key);
		return ResponseEntity.status(payment.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.location(URI.create("/api/v1/payments/" + payment.id()))
			.body(payment);
	}

	@PostMapping("/api/v1/rooms/{id}/prepaid-account/refunds")
	@Operation(summary = "Ask to pay back part or all of a prepaid balance, with a reason; a manager decides")
	ResponseEntity<Refunds.RefundView> refundPrepaid(@PathVariable long id,
			@RequestBody Refunds.RefundCommand command) {
		Refunds.RefundView refund = this.refunds.requestForPrepaid(id, command);
		return ResponseEntity.created(URI.create("/api/v1/refunds/" + refund.id())).body(refund);
	}

	@GetMapping("/api/v1/communities/{id}/refunds")
	@Operation(
			summary = "A community's refund requests, newest first, by status (PENDING, APPROVED, REJECTED), a page at a time")
	org.linli.shared.PageView<Refunds.RefundView> refunds(@PathVariable long id,
			@RequestParam(required = false) RefundStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.refunds.ofCommunity(id, status, page, size);
	}

	@GetMapping("/api/v1/refunds/{id}")
	Refunds.RefundView refund(@PathVariable long id) {
		return this.refunds.get(id);
	}

	@PostMapping("/api/v1/refunds/{id}/approve")
	@Operation(summary = "Approve a refund (MANAGER, not the requester): the lines reopen or the balance is paid back")
	Refunds.RefundView approve(@PathVariable long id, @RequestBody(required = false) Decision decision) {
		return this.refunds.approve(id, (decision != null) ? decision.note() : null);
	}

	@PostMapping("/api/v1/refunds/{id}/reject")
	Refunds.RefundView reject(@PathVariable long id, @RequestBody(required = false) Decision decision) {
		return this.refunds.reject(id, (decision != null) ? decision.note() : null);
	}

	@GetMapping("/api/v1/communities/{id}/cashier-summary")
	@Operation(summary = "The cashier's day (日结): receipts of a day by method and cashier, and their totals")
	Payments.DaySummary summary(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		return this.payments.daySummary(id, (date != null) ? date : LocalDate.now(this.clock));
	}

	@GetMapping("/api/v1/payment-orders/{number}")
	@Operation(summary = "A resident's payment order by its number, for the cashier taking it at the desk")
	PaymentOrders.OrderView order(@PathVariable String number) {
		return this.orders.byNumber(number);
	}

	record Decision(String note) {
	}

}
