package org.linli.billing.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.linli.billing.BillStatus;
import org.linli.billing.PaymentMethod;
import org.linli.billing.bills.Bills;
import org.linli.billing.payments.OrderStatus;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.billing.payments.Refunds;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.residents.Residents;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.Times;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A room's bills at the cashier's desk: its lines with today's late fees, the payment
 * form (chosen lines or the oldest first, perhaps for a resident's payment order), its
 * payments and its prepaid account with deposits and refunds.
 */
@Controller
class RoomBillsPageController {

	private final Payments payments;

	private final Refunds refunds;

	private final PaymentOrders orders;

	private final Bills bills;

	private final Estate estate;

	private final Residents residents;

	private final Clock clock;

	RoomBillsPageController(Payments payments, Refunds refunds, PaymentOrders orders, Bills bills, Estate estate,
			Residents residents, Clock clock) {
		this.residents = residents;
		this.clock = clock;
		this.payments = payments;
		this.refunds = refunds;
		this.orders = orders;
		this.bills = bills;
		this.estate = estate;
	}

	/** What the cashier typed into the payment form, kept when it is refused. */
	public record PayForm(List<Long> billIds, String amount, String method, String reference, String payerName,
			Boolean toPrepaid, String orderNumber, String key) {

		public PayForm {
			billIds = (billIds != null) ? billIds : List.of();
		}

		/** A fresh form: cash, with a new idempotency key. */
		/**
		 * A new payment, the payer being the room's owners (the cashier may change it).
		 */
		static PayForm blank(String payer) {
			return new PayForm(List.of(), null, PaymentMethod.CASH.name(), null, payer, false, null,
					UUID.randomUUID().toString());
		}

		/** The form filled in for a resident's payment order, paid by transfer. */
		static PayForm forOrder(PaymentOrders.OrderView order) {
			return new PayForm(order.billIds(), order.amount().toString(), PaymentMethod.BANK_TRANSFER.name(), null,
					null, false, order.orderNumber(), UUID.randomUUID().toString());
		}

		Payments.PaymentCommand command(long roomId) {
			FormValues values = new FormValues();
			Payments.PaymentCommand command = new Payments.PaymentCommand(roomId, values.decimal("amount", this.amount),
					values.choice(PaymentMethod.class, "method", this.method), this.billIds, this.reference,
					Boolean.TRUE.equals(this.toPrepaid), this.payerName, this.orderNumber);
			values.throwIfAny();
			return command;
		}

	}

	@GetMapping("/admin/rooms/{id}/bills")
	String roomBills(@PathVariable long id, @RequestParam(required = false) BillStatus status,
			@RequestParam(required = false) String order, Model model) {
		RoomRef room = room(id);
		PayForm form = PayForm.blank(String.join("、", this.residents.ownerNamesOf(id, Times.today(this.clock))));
		if (order != null && !order.isBlank()) {
			PaymentOrders.OrderView found = this.orders.byNumber(order);
			if (found.roomId() == id && found.status() == OrderStatus.PENDING) {
				form = PayForm.forOrder(found);
			}
			else if (found.roomId() == id
					&& (found.status() == OrderStatus.SETTLED || found.status() == OrderStatus.VOID)) {
				model.addAttribute("error", "billing.order.overtakenAtDesk");
			}
			else if (found.roomId() == id && found.status() == OrderStatus.EXPIRED) {
				// the order's lines at what they owe today, without the order
				List<Bills.BillLine> open = this.bills.ofRoom(id, null)
					.stream()
					.filter((l) -> found.billIds().contains(l.id()) && l.outstanding().isPositive())
					.toList();
				form = new PayForm(open.stream().map(Bills.BillLine::id).toList(),
						open.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus).toString(),
						PaymentMethod.BANK_TRANSFER.name(), null, null, false, null, UUID.randomUUID().toString());
				model.addAttribute("error", "billing.order.expiredTakeToday");
				model.addAttribute("errorArgs", new Object[] { found.expires() });
			}
		}
		model.addAttribute("pay", form);
		return roomPage(room, status, model);
	}

	@PostMapping("/admin/rooms/{id}/payments")
	String pay(@PathVariable long id, @ModelAttribute("pay") PayForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		RoomRef room = room(id);
		try {
			Payments.PaymentView payment = this.payments.take(form.command(id), form.key());
			Flash.success(redirect, "billing.payment.taken", payment.receiptNumber());
			return "redirect:/admin/payments/" + payment.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return roomPage(room, null, model);
		}
	}

	@PostMapping("/admin/rooms/{id}/prepaid-account/deposits")
	String deposit(@PathVariable long id, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String method, @RequestParam(required = false) String reference,
			@RequestParam(required = false) String key, RedirectAttributes redirect) {
		try {
			FormValues values = new FormValues();
			Payments.PaymentCommand command = new Payments.PaymentCommand(id, values.decimal("amount", amount),
					values.choice(PaymentMethod.class, "method", method), null, reference, true, null, null);
			values.throwIfAny();
			Payments.PaymentView payment = this.payments.deposit(id, command, key);
			Flash.success(redirect, "billing.prepaid.deposited", payment.receiptNumber());
			return "redirect:/admin/payments/" + payment.id();
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			return "redirect:/admin/rooms/" + id + "/bills";
		}
	}

	@PostMapping("/admin/rooms/{id}/prepaid-account/refunds")
	String refundPrepaid(@PathVariable long id, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			this.refunds.requestForPrepaid(id, new RefundForm(amount, reason).command());
			Flash.success(redirect, "billing.refund.requested");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/rooms/" + id + "/bills";
	}

	private RoomRef room(long id) {
		RoomRef room = this.estate.room(id).orElseThrow(() -> new NotFoundException("room", id));
		this.bills.ofRoom(id, null); // the room must be in the staff member's communities
										// (404 otherwise)
		return room;
	}

	private String roomPage(RoomRef room, BillStatus status, Model model) {
		List<Bills.BillLine> all = this.bills.ofRoom(room.id(), null);
		model.addAttribute("lines", all.stream().filter((l) -> status == null || l.status() == status).toList());
		model.addAttribute("room", room);
		model.addAttribute("owed", all.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus));
		model.addAttribute("methods", PaymentMethod.atCounter());
		model.addAttribute("payments", this.payments.ofRoom(room.id()));
		model.addAttribute("account", this.payments.prepaidAccount(room.id()));
		model.addAttribute("depositKey", UUID.randomUUID().toString());
		return "billing/room-bills";
	}

}
