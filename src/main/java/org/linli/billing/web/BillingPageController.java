package org.linli.billing.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.linli.billing.bills.Bills;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.runs.BillingRuns;
import org.linli.identity.Access;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Pages;
import org.linli.shared.web.Flash;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Billing in the staff console: choose a period and fee items, preview, start a run and
 * watch its progress; a room's bill lines with their breakdown, waivers and
 * cancellations.
 */
@Controller
@PreAuthorize(Access.FINANCE)
class BillingPageController {

	private final BillingRuns runs;

	private final Bills bills;

	private final FeeItems feeItems;

	private final Clock clock;

	BillingPageController(BillingRuns runs, Bills bills, FeeItems feeItems, Clock clock) {
		this.clock = clock;
		this.runs = runs;
		this.bills = bills;
		this.feeItems = feeItems;
	}

	@GetMapping("/admin/communities/{id}/billing-runs")
	String runs(@PathVariable long id, @RequestParam(required = false) YearMonth period, Model model) {
		YearMonth shown = (period != null) ? period : YearMonth.now(this.clock);
		List<FeeItemView> items = this.feeItems.list(id)
			.stream()
			.filter((i) -> i.method().isConfigurable() && i.inForce(shown))
			.toList();
		model.addAttribute("communityId", id);
		model.addAttribute("period", shown);
		model.addAttribute("items", items);
		model.addAttribute("recent", this.runs.recent(id));
		return "billing/runs";
	}

	@PostMapping("/admin/communities/{id}/billing-runs/preview")
	String preview(@PathVariable long id, @RequestParam(required = false) YearMonth period,
			@RequestParam(name = "feeItemIds", required = false) List<Long> feeItemIds, Model model) {
		try {
			model.addAttribute("preview", this.runs.preview(id, period, (feeItemIds != null) ? feeItemIds : List.of()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.problems().get(0).messageKey());
			model.addAttribute("problemArgs", ex.problems().get(0).args());
		}
		model.addAttribute("communityId", id);
		return "billing/runs :: preview";
	}

	@PostMapping("/admin/communities/{id}/billing-runs")
	String start(@PathVariable long id, @RequestParam(required = false) YearMonth period,
			@RequestParam(name = "feeItemIds", required = false) List<Long> feeItemIds,
			@RequestParam(required = false) BillingRuns.FlaggedChoice flagged, RedirectAttributes redirect) {
		try {
			BillingRuns.RunView run = this.runs.start(id, period, (feeItemIds != null) ? feeItemIds : List.of(),
					flagged);
			return "redirect:/admin/billing-runs/" + run.id();
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			return "redirect:/admin/communities/" + id + "/billing-runs"
					+ ((period != null) ? "?period=" + period : "");
		}
	}

	@GetMapping("/admin/billing-runs/{id}")
	String run(@PathVariable long id, Model model, HttpServletRequest request) {
		BillingRuns.RunView run = this.runs.get(id);
		model.addAttribute("run", run);
		return Pages.isHtmx(request) ? "billing/run :: progress" : "billing/run";
	}

	@PostMapping("/admin/bills/{id}/waive")
	String waive(@PathVariable long id, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) Bills.WaiverPart part, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		Bills.BillLine line = this.bills.get(id);
		try {
			this.bills.waive(id, amount, part, reason);
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/rooms/" + line.roomId() + "/bills";
	}

	@PostMapping("/admin/bills/{id}/cancel")
	String cancel(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		Bills.BillLine line = this.bills.get(id);
		try {
			this.bills.cancel(id, reason);
			redirect.addFlashAttribute("success", "billing.bill.voided");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/rooms/" + line.roomId() + "/bills";
	}

}
