package org.linli.billing.web;

import org.linli.billing.payments.Payments;
import org.linli.billing.payments.RefundStatus;
import org.linli.billing.payments.Refunds;
import org.linli.identity.CurrentStaff;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A payment with its receipt and refunds, and the community's refund requests that a
 * manager approves or rejects.
 */
@Controller
class RefundPageController {

	private final Payments payments;

	private final Refunds refunds;

	private final CurrentStaff current;

	private final ReceiptFiles receipts;

	RefundPageController(Payments payments, Refunds refunds, CurrentStaff current, ReceiptFiles receipts) {
		this.payments = payments;
		this.refunds = refunds;
		this.current = current;
		this.receipts = receipts;
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
			this.refunds.requestForPayment(id, new RefundForm(amount, reason).command());
			Flash.success(redirect, "billing.refund.requested");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/payments/" + id;
	}

	@GetMapping("/admin/communities/{id}/refunds")
	String refunds(@PathVariable long id, @RequestParam(required = false) RefundStatus status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.refunds.ofCommunity(id, status, page, 50));
		model.addAttribute("communityId", id);
		model.addAttribute("status", status);
		model.addAttribute("statuses", RefundStatus.values());
		return "billing/refunds";
	}

	@PostMapping("/admin/refunds/{id}/{decision:approve|reject}")
	String decide(@PathVariable long id, @PathVariable String decision, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		Refunds.RefundView refund = this.refunds.get(id);
		try {
			if ("approve".equals(decision)) {
				this.refunds.approve(id, note);
				Flash.success(redirect, "billing.refund.approved");
			}
			else {
				this.refunds.reject(id, note);
				Flash.success(redirect, "billing.refund.rejected");
			}
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + refund.communityId() + "/refunds";
	}

}
