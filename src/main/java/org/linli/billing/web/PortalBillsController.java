package org.linli.billing.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linli.billing.bills.Bills;
import org.linli.billing.payments.PaymentGateway;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.estate.Estate;
import org.linli.identity.ResidentUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.web.Flash;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Fee query (费用查询) in the resident portal: every line of their rooms — open ones with
 * today's late fee, paid ones with the payment and receipt — the prepaid balance, their
 * receipts, and payment orders.
 */
@Controller
class PortalBillsController {

	private final Bills bills;

	private final Payments payments;

	private final PaymentOrders orders;

	private final ReceiptFiles receipts;

	private final PaymentGateway gateway;

	private final Estate estate;

	private final String bankAccount;

	PortalBillsController(Bills bills, Payments payments, PaymentOrders orders, ReceiptFiles receipts,
			PaymentGateway gateway, @Value("${linli.billing.bank-account:}") String bankAccount, Estate estate) {
		this.estate = estate;
		this.gateway = gateway;
		this.bankAccount = bankAccount.strip();
		this.bills = bills;
		this.payments = payments;
		this.orders = orders;
		this.receipts = receipts;
	}

	/** One room's lines as the portal shows them. */
	public record RoomBills(long roomId, String room, List<Bills.BillLine> open, List<Bills.BillLine> settled,
			Money owed, Money prepaid) {
	}

	@GetMapping("/portal/bills")
	String bills(@AuthenticationPrincipal ResidentUser user, Model model) {
		List<Payments.PrepaidAccount> accounts = this.payments.prepaidAccountsOf(user.getResidentId());
		Map<Long, List<Bills.BillLine>> byRoom = new LinkedHashMap<>();
		for (Bills.BillLine line : this.bills.ofResident(user.getResidentId())) {
			byRoom.computeIfAbsent(line.roomId(), (k) -> new ArrayList<>()).add(line);
		}
		List<RoomBills> rooms = new ArrayList<>();
		for (Payments.PrepaidAccount account : accounts) {
			List<Bills.BillLine> lines = byRoom.getOrDefault(account.roomId(), List.of());
			List<Bills.BillLine> open = lines.stream().filter((l) -> l.outstanding().isPositive()).toList();
			List<Bills.BillLine> settled = new ArrayList<>(
					lines.stream().filter((l) -> !l.outstanding().isPositive()).toList());
			Collections.reverse(settled);
			rooms.add(new RoomBills(account.roomId(), account.room(), open, settled,
					open.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus), account.balance()));
		}
		model.addAttribute("rooms", rooms);
		model.addAttribute("payments", this.payments.ofResident(user.getResidentId()));
		model.addAttribute("orders", this.orders.ofResident(user.getResidentId()));
		return "billing/portal-bills";
	}

	@PostMapping("/portal/orders")
	String order(@AuthenticationPrincipal ResidentUser user, @RequestParam(required = false) Long roomId,
			@RequestParam(name = "billIds", required = false) List<Long> billIds, RedirectAttributes redirect) {
		try {
			// exactly the ticked lines: ticking none orders nothing
			if (billIds == null || billIds.isEmpty()) {
				throw InvalidInputException.field("billIds", "billing.order.chooseLines");
			}
			PaymentOrders.OrderView order = this.orders.create(user.getResidentId(), roomId, billIds);
			return "redirect:/portal/orders/" + order.id();
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			return "redirect:/portal/bills";
		}
	}

	@GetMapping("/portal/orders/{id}")
	String order(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, Model model) {
		PaymentOrders.OrderView order = this.orders.ofResident(user.getResidentId(), id);
		model.addAttribute("order", order);
		model.addAttribute("lines", this.bills.lines(order.billIds()));
		model.addAttribute("bankAccount", this.estate.bankAccountOf(order.communityId()).orElse(this.bankAccount));
		model.addAttribute("online", this.gateway.enabled());
		return "billing/portal-order";
	}

	@GetMapping("/portal/payments/{id}/receipt.pdf")
	ResponseEntity<byte[]> receipt(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.receipts.pdf(this.payments.ofResident(user.getResidentId(), id), "resident#" + user.getAccountId());
	}

}
