package org.linli.billing.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.payments.GatewayNotifications;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.identity.ResidentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's payments, receipts, prepaid balances and payment orders; and the gateway's
 * notifications.
 */
@RestController
@Tag(name = "Resident: me")
class MyPaymentsApiController {

	private final Payments payments;

	private final PaymentOrders orders;

	private final ReceiptFiles receipts;

	private final GatewayNotifications notifications;

	private final org.springframework.context.MessageSource messages;

	MyPaymentsApiController(org.springframework.context.MessageSource messages, Payments payments, PaymentOrders orders,
			ReceiptFiles receipts, GatewayNotifications notifications) {
		this.payments = payments;
		this.orders = orders;
		this.receipts = receipts;
		this.notifications = notifications;
		this.messages = messages;
	}

	@GetMapping("/api/v1/me/payments")
	@Operation(summary = "The payments of the rooms the signed-in resident lives in, newest first")
	List<Payments.PaymentView> myPayments(@AuthenticationPrincipal ResidentUser user) {
		return this.payments.ofResident(user.getResidentId());
	}

	@GetMapping("/api/v1/me/payments/{id}/receipt.pdf")
	ResponseEntity<byte[]> myReceipt(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.receipts.pdf(this.payments.ofResident(user.getResidentId(), id), "resident#" + user.getAccountId());
	}

	@GetMapping("/api/v1/me/prepaid-accounts")
	List<Payments.PrepaidAccount> myPrepaid(@AuthenticationPrincipal ResidentUser user) {
		return this.payments.prepaidAccountsOf(user.getResidentId());
	}

	@PostMapping("/api/v1/me/payment-orders")
	@Operation(summary = "Order open lines of one's room for payment: an order number to pay online or by transfer")
	ResponseEntity<PaymentOrders.OrderView> order(@AuthenticationPrincipal ResidentUser user,
			@RequestBody OrderRequest request) {
		PaymentOrders.OrderView order = this.orders.create(user.getResidentId(), request.roomId(), request.billIds());
		return ResponseEntity.created(URI.create("/api/v1/me/payment-orders/" + order.id())).body(order);
	}

	@GetMapping("/api/v1/me/payment-orders")
	List<PaymentOrders.OrderView> myOrders(@AuthenticationPrincipal ResidentUser user) {
		return this.orders.ofResident(user.getResidentId());
	}

	@GetMapping("/api/v1/me/payment-orders/{id}")
	PaymentOrders.OrderView myOrder(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.orders.ofResident(user.getResidentId(), id);
	}

	@PostMapping("/api/v1/payment-gateway/notifications")
	@Operation(
			summary = "The payment gateway's signed notification that an order was paid (see README, Online payment)")
	GatewayNotifications.Accepted notify(@RequestHeader(name = "X-Linli-Timestamp", required = false) String timestamp,
			@RequestHeader(name = "X-Linli-Signature", required = false) String signature, @RequestBody String body) {
		return this.notifications.accept(timestamp, signature, body);
	}

	@ExceptionHandler(GatewayNotifications.ForgedNotificationException.class)
	ProblemDetail forged(GatewayNotifications.ForgedNotificationException ex, java.util.Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				this.messages.getMessage("billing.gateway.forged", new Object[] { ex.getMessage() }, locale));
		problem.setTitle(this.messages.getMessage("error.status.401", null, locale));
		return problem;
	}

	record OrderRequest(Long roomId, List<Long> billIds) {
	}

}
