package org.linli.billing.web;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.linli.billing.fees.AppliesTo;
import org.linli.billing.fees.AreaBasis;
import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.DueDates;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.fees.LateFees;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.MeterType;
import org.linli.estate.Estate;
import org.linli.estate.RoomType;
import org.linli.identity.Access;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fee items of a community in the staff console: the list with every price version,
 * and the form.
 */
@Controller
@PreAuthorize(Access.FINANCE)
class FeeItemPageController {

	private final FeeItems feeItems;

	private final Estate estate;

	private final Clock clock;

	FeeItemPageController(FeeItems feeItems, Estate estate, Clock clock) {
		this.clock = clock;
		this.feeItems = feeItems;
		this.estate = estate;
	}

	@GetMapping("/admin/communities/{id}/fee-items")
	String list(@PathVariable long id, Model model) {
		model.addAttribute("items", this.feeItems.list(id));
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.estate.nameOf(id));
		Map<Long, String> buildingNames = new HashMap<>();
		this.estate.buildingsIn(id).forEach((b) -> buildingNames.put(b.id(), b.name()));
		model.addAttribute("buildingNames", buildingNames);
		return "billing/fee-items";
	}

	@GetMapping("/admin/communities/{id}/fee-items/new")
	String newForm(@PathVariable long id, Model model) {
		this.feeItems.list(id);
		FeeItemForm form = FeeItemForm.blank(YearMonth.now(this.clock));
		model.addAttribute("form", form);
		return form(id, model);
	}

	@PostMapping("/admin/communities/{id}/fee-items/new")
	String create(@PathVariable long id, @ModelAttribute("form") FeeItemForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.feeItems.create(id, form.command());
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/communities/" + id + "/fee-items";
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return form(id, model);
	}

	/** A fee item's name and due rule as typed, and the month after which it stops. */
	public record EditForm(String name, String dueDay, String dueDaysAfterIssue, String lateDailyRate,
			String lateGraceDays, Boolean lateCap, String lastMonth) {
	}

	@GetMapping("/admin/fee-items/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		FeeItemView item = this.feeItems.get(id);
		model
			.addAttribute("form",
					new EditForm(item.name(), (item.dueDay() != null) ? item.dueDay().toString() : "",
							(item.dueDaysAfterIssue() != null) ? item.dueDaysAfterIssue().toString() : "",
							(item.lateFee() != null) ? item.lateFee().dailyRate().stripTrailingZeros().toPlainString()
									: "",
							(item.lateFee() != null) ? String.valueOf(item.lateFee().graceDays()) : "",
							(item.lateFee() == null) || item.lateFee().capAtPrincipal(), ""));
		return edit(item, model);
	}

	private String edit(FeeItemView item, Model model) {
		model.addAttribute("item", item);
		model.addAttribute("communityName", this.estate.nameOf(item.communityId()));
		return "billing/fee-item-edit";
	}

	@PostMapping("/admin/fee-items/{id}/edit")
	String edit(@PathVariable long id, @ModelAttribute("form") EditForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		FeeItemView item = this.feeItems.get(id);
		try {
			FormValues values = new FormValues();
			Integer dueDay = values.integer("dueDay", form.dueDay());
			Integer after = values.integer("dueDaysAfterIssue", form.dueDaysAfterIssue());
			java.math.BigDecimal rate = values.decimal("lateDailyRate", form.lateDailyRate());
			Integer grace = values.integer("lateGraceDays", form.lateGraceDays());
			LateFees late = null;
			if (rate != null) {
				try {
					late = new LateFees(rate, (grace != null) ? grace : 0, Boolean.TRUE.equals(form.lateCap()));
				}
				catch (IllegalArgumentException ex) {
					values.reject("lateDailyRate", "validation.invalidValue");
				}
			}
			values.throwIfAny();
			this.feeItems.edit(id, new FeeItems.Edit(form.name(), dueDay, after, late));
			redirect.addFlashAttribute("success", "common.saved");
			return "redirect:/admin/communities/" + item.communityId() + "/fee-items";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return edit(item, model);
		}
	}

	@PostMapping("/admin/fee-items/{id}/stop")
	String stop(@PathVariable long id, @ModelAttribute("form") EditForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		FeeItemView item = this.feeItems.get(id);
		try {
			FormValues values = new FormValues();
			YearMonth last = values.month("lastMonth", form.lastMonth());
			values.throwIfAny();
			this.feeItems.stop(id, last);
			redirect.addFlashAttribute("success", "billing.feeItem.stopped");
			redirect.addFlashAttribute("successArgs", new Object[] { item.name(), last.toString() });
			return "redirect:/admin/communities/" + item.communityId() + "/fee-items";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return edit(item, model);
		}
	}

	private String form(long id, Model model) {
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.estate.nameOf(id));
		model.addAttribute("buildings", this.estate.buildingsIn(id));
		model.addAttribute("methods", Arrays.stream(FeeMethod.values()).filter(FeeMethod::isConfigurable).toList());
		model.addAttribute("areas", AreaBasis.values());
		model.addAttribute("meterTypes", MeterType.values());
		model.addAttribute("cycles", Cycle.values());
		model.addAttribute("targets", AppliesTo.values());
		model.addAttribute("roomTypes", RoomType.values());
		model.addAttribute("lateIssueDays", String.valueOf(DueDates.LATE_ISSUE_DAYS));
		return "billing/fee-item-form";
	}

}
