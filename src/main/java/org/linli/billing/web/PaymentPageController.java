package org.linli.billing.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.linli.billing.bills.Bills;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.billing.payments.Refunds;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.web.FormValues;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The cashier's pages: a room's bills with the payment form, its payments and prepaid
 * account; a payment with its receipt and refunds; the refund approvals; the cashier desk
 * with the day summary.
 */
@Controller
class PaymentPageController {

	private final Payments payments;

	private final Refunds refunds;

	private final PaymentOrders orders;

	private final Bills bills;

	private final Estate estate;

	private final CurrentStaff current;

	private final CommunityDirectory communities;

	private final ReceiptFiles receipts;

	private final org.springframework.context.MessageSource messages;

	private final Clock clock;

	PaymentPageController(org.springframework.context.MessageSource messages, Payments payments, Refunds refunds,
			PaymentOrders orders, Bills bills, Estate estate, CurrentStaff current, CommunityDirectory communities,
			ReceiptFiles receipts, Clock clock) {
		this.clock = clock;
		this.payments = payments;
		this.refunds = refunds;
		this.orders = orders;
		this.bills = bills;
		this.estate = estate;
		this.current = current;
		this.communities = communities;
		this.receipts = receipts;
		this.messages = messages;
	}

	/** What the cashier typed into the payment form, kept when it is refused. */
	public record PayForm(List<Long> billIds, String amount, String method, String reference, String payerName,
			boolean toPrepaid, String orderNumber, String key) {
	}

	@GetMapping("/admin/rooms/{id}/bills")
	String roomBills(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String order, Model model) {
		RoomRef room = this.estate.room(id).orElseThrow(() -> new NotFoundException("room", id));
		this.bills.ofRoom(id, null); // the room must be in the staff member's communities
										// (404 otherwise)
		PayForm form = new PayForm(List.of(), null, "CASH", null, null, false, null, UUID.randomUUID().toString());
		if (order != null && !order.isBlank()) {
			PaymentOrders.OrderView found = this.orders.byNumber(order);
			if (found.roomId() == id && "PENDING".equals(found.status())) {
				form = new PayForm(found.billIds(), found.amount().toString(), "BANK_TRANSFER", null, null, false,
						found.orderNumber(), form.key());
			}
		}
		return roomPage(room, status, form, model);
	}

	private String roomPage(RoomRef room, String status, PayForm form, Model model) {
		this.bills.accrueLateFeesOfRoom(room.id());
		List<Bills.BillLine> all = this.bills.ofRoom(room.id(), null);
		model.addAttribute("lines",
				all.stream().filter((l) -> status == null || status.isBlank() || l.status().equals(status)).toList());
		model.addAttribute("room", room);
		model.addAttribute("owed", all.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus));
		model.addAttribute("pay", form);
		model.addAttribute("methods", Payments.COUNTER_METHODS);
		model.addAttribute("payments", this.payments.ofRoom(room.id()));
		model.addAttribute("account", this.payments.prepaidAccount(room.id()));
		model.addAttribute("depositKey", UUID.randomUUID().toString());
		return "billing/room-bills";
	}

	@PostMapping("/admin/rooms/{id}/payments")
	String pay(@PathVariable long id, @RequestParam(name = "billIds", required = false) List<Long> billIds,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String method,
			@RequestParam(required = false) String reference, @RequestParam(required = false) String payerName,
			@RequestParam(defaultValue = "false") boolean toPrepaid, @RequestParam(required = false) String orderNumber,
			@RequestParam(required = false) String key, Model model, RedirectAttributes redirect) {
		RoomRef room = this.estate.room(id).orElseThrow(() -> new NotFoundException("room", id));
		PayForm form = new PayForm((billIds != null) ? billIds : List.of(), amount, method, reference, payerName,
				toPrepaid, orderNumber, key);
		try {
			Payments.PaymentView payment = this.payments
				.take(new Payments.PaymentCommand(id, FormValues.decimal("amount", amount), method, billIds, reference,
						toPrepaid, payerName, orderNumber), key);
			redirect.addFlashAttribute("success", "billing.payment.taken");
			redirect.addFlashAttribute("successArgs", new Object[] { payment.receiptNumber() });
			return "redirect:/admin/payments/" + payment.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("payProblems", FormErrorsView.of(ex));
			return roomPage(room, null, form, model);
		}
	}

	@PostMapping("/admin/rooms/{id}/prepaid-account/deposits")
	String deposit(@PathVariable long id, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String method, @RequestParam(required = false) String reference,
			@RequestParam(required = false) String key, RedirectAttributes redirect) {
		try {
			Payments.PaymentView payment = this.payments.deposit(id, new Payments.PaymentCommand(id,
					FormValues.decimal("amount", amount), method, null, reference, true, null, null), key);
			redirect.addFlashAttribute("success", "billing.prepaid.deposited");
			redirect.addFlashAttribute("successArgs", new Object[] { payment.receiptNumber() });
			return "redirect:/admin/payments/" + payment.id();
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
			return "redirect:/admin/rooms/" + id + "/bills";
		}
	}

	@PostMapping("/admin/rooms/{id}/prepaid-account/refunds")
	String refundPrepaid(@PathVariable long id, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			this.refunds.requestForPrepaid(id, new Refunds.RefundCommand(FormValues.decimal("amount", amount), reason));
			redirect.addFlashAttribute("success", "billing.refund.requested");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/rooms/" + id + "/bills";
	}

	@GetMapping("/admin/payments/{id}")
	String payment(@PathVariable long id, Model model) {
		Payments.PaymentView payment = this.payments.get(id);
		model.addAttribute("payment", payment);
		model.addAttribute("refunds", this.refunds.ofPayment(id));
		return "billing/payment";
	}

	@GetMapping("/admin/payments/{id}/receipt.pdf")
	ResponseEntity<byte[]> receipt(@PathVariable long id) {
		return this.receipts.pdf(this.payments.get(id), "staff#" + this.current.require().getAccountId());
	}

	@PostMapping("/admin/payments/{id}/refunds")
	String refund(@PathVariable long id, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			this.refunds.requestForPayment(id, new Refunds.RefundCommand(FormValues.decimal("amount", amount), reason));
			redirect.addFlashAttribute("success", "billing.refund.requested");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/payments/" + id;
	}

	@GetMapping("/admin/communities/{id}/refunds")
	String refunds(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.refunds.ofCommunity(id, status, page, 50));
		model.addAttribute("communityId", id);
		model.addAttribute("status", status);
		return "billing/refunds";
	}

	@PostMapping("/admin/refunds/{id}/{decision:approve|reject}")
	String decide(@PathVariable long id, @PathVariable String decision, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		Refunds.RefundView refund = this.refunds.get(id);
		try {
			if ("approve".equals(decision)) {
				this.refunds.approve(id, note);
				redirect.addFlashAttribute("success", "billing.refund.approved");
			}
			else {
				this.refunds.reject(id, note);
				redirect.addFlashAttribute("success", "billing.refund.rejected");
			}
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/communities/" + refund.communityId() + "/refunds";
	}

	@GetMapping("/admin/cashier")
	String desk(@RequestParam(required = false) Long communityId, @RequestParam(required = false) String code,
			@RequestParam(required = false) String order,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			Model model) {
		List<CommunityDirectory.CommunityRef> mine = this.communities.allCommunities()
			.stream()
			.filter((c) -> this.current.scope().includes(c.id()))
			.toList();
		Long community = (communityId != null) ? communityId : (mine.isEmpty() ? null : mine.get(0).id());
		if (order != null && !order.isBlank()) {
			try {
				PaymentOrders.OrderView found = this.orders.byNumber(order);
				return "redirect:/admin/rooms/" + found.roomId() + "/bills?order=" + found.orderNumber();
			}
			catch (NotFoundException ex) {
				model.addAttribute("error", "billing.order.unknown");
				model.addAttribute("errorArgs", new Object[] { order });
			}
		}
		if (code != null && !code.isBlank() && community != null) {
			List<RoomRef> rooms = this.estate.findByCode(this.current.scope(), code.trim())
				.stream()
				.filter((r) -> r.communityId() == community)
				.toList();
			if (rooms.size() == 1) {
				return "redirect:/admin/rooms/" + rooms.get(0).id() + "/bills";
			}
			model.addAttribute("error", "billing.cashier.roomNotFound");
			model.addAttribute("errorArgs", new Object[] { code });
		}
		model.addAttribute("communities", mine);
		model.addAttribute("communityId", community);
		model.addAttribute("code", code);
		model.addAttribute("order", order);
		LocalDate day = (date != null) ? date : LocalDate.now(this.clock);
		model.addAttribute("date", day);
		if (community != null) {
			model.addAttribute("summary", this.payments.daySummary(community, day));
		}
		return "billing/cashier";
	}

	/**
	 * The day's receipts as a spreadsheet, with the totals by method and by cashier
	 * beneath them.
	 */
	@GetMapping("/admin/communities/{id}/cashier-summary.xlsx")
	void exportDay(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		Payments.DaySummary day = this.payments.daySummary(id, (date != null) ? date : LocalDate.now(this.clock));
		List<List<?>> rows = new java.util.ArrayList<>();
		for (Payments.PaymentView p : day.payments()) {
			rows.add(java.util.Arrays.asList(p.receiptNumber(), p.time(), p.room(), p.payerName(),
					msg("billing.payment.method." + p.method()), p.reference(), p.cashier(), p.amount().amount()));
		}
		rows.add(List.of());
		for (Payments.MethodTotal m : day.byMethod()) {
			rows.add(java.util.Arrays.asList(msg("billing.cashier.byMethod"), null, null, null,
					msg("billing.payment.method." + m.method()), m.count(), null, m.amount().amount()));
		}
		for (Payments.CashierTotal c : day.byCashier()) {
			rows.add(java.util.Arrays.asList(msg("billing.cashier.byCashier"), null, null, null,
					msg("billing.payment.method." + c.method()), c.count(), c.cashier(), c.amount().amount()));
		}
		rows.add(java.util.Arrays.asList(msg("billing.cashier.total"), null, null, null, null, day.count(), null,
				day.total().amount()));
		org.linli.shared.excel.ExcelExport.download(response,
				msg("billing.cashier.summary") + "-" + day.date() + ".xlsx", msg("billing.cashier.summary"),
				List.of(msg("billing.receipt.number"), msg("billing.payment.time"), msg("billing.receipt.room"),
						msg("billing.payment.payerName"), msg("billing.payment.method"),
						msg("billing.payment.reference"), msg("billing.payment.cashier"),
						msg("billing.payment.amount")),
				rows);
	}

	private String msg(String key) {
		return this.messages.getMessage(key, null, key,
				org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	private static void flash(RedirectAttributes redirect, InvalidInputException ex) {
		redirect.addFlashAttribute("error", ex.problems().get(0).messageKey());
		redirect.addFlashAttribute("errorArgs", ex.problems().get(0).args());
	}

	/**
	 * Field problems as the payment form shows them: field → message key and arguments.
	 */
	record FormErrorsView(String field, String key, Object[] args) {

		static List<FormErrorsView> of(InvalidInputException ex) {
			return ex.problems().stream().map((p) -> new FormErrorsView(p.field(), p.messageKey(), p.args())).toList();
		}

	}

}
