package org.linli.billing.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.linli.billing.fees.FeeItemCommand;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.fees.LateFees;
import org.linli.billing.fees.Tier;
import org.linli.estate.Estate;
import org.linli.estate.RoomType;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.FormErrors;

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
@PreAuthorize(FeeItems.FINANCE)
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
		model.addAttribute("communityName", communityName(id));
		java.util.Map<Long, String> buildingNames = new java.util.HashMap<>();
		this.estate.buildingsIn(id).forEach((b) -> buildingNames.put(b.id(), b.name()));
		model.addAttribute("buildingNames", buildingNames);
		return "billing/fee-items";
	}

	@GetMapping("/admin/communities/{id}/fee-items/new")
	String newForm(@PathVariable long id, Model model) {
		this.feeItems.list(id);
		FeeItemForm form = new FeeItemForm();
		form.setMethod("AREA");
		form.setArea("BUILDING");
		form.setCycle("MONTHLY");
		form.setDueDay(15);
		form.setAppliesTo("ALL_ROOMS");
		form.setEffectiveFrom(YearMonth.now(this.clock).toString());
		model.addAttribute("form", form);
		return form(id, model);
	}

	@PostMapping("/admin/communities/{id}/fee-items/new")
	String create(@PathVariable long id, @ModelAttribute("form") FeeItemForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.feeItems.create(id, command(form));
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/communities/" + id + "/fee-items";
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return form(id, model);
	}

	private String form(long id, Model model) {
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", communityName(id));
		model.addAttribute("buildings", this.estate.buildingsIn(id));
		model.addAttribute("roomTypes", RoomType.values());
		return "billing/fee-item-form";
	}

	private String communityName(long id) {
		return this.estate.allCommunities()
			.stream()
			.filter((c) -> c.id() == id)
			.map((c) -> c.name())
			.findFirst()
			.orElse("");
	}

	static FeeItemCommand command(FeeItemForm form) {
		List<Tier> tiers = new ArrayList<>();
		if ("METERED".equals(form.getMethod()) && form.getTierLastPrice() != null) {
			addTier(tiers, form.getTier1UpTo(), form.getTier1Price());
			addTier(tiers, form.getTier2UpTo(), form.getTier2Price());
			addTier(tiers, form.getTier3UpTo(), form.getTier3Price());
			tiers.add(new Tier(null, form.getTierLastPrice()));
		}
		LateFees late = null;
		if (form.isLateFeeOn()) {
			if (form.getLateDailyRate() == null) {
				throw InvalidInputException.field("lateDailyRate", "validation.required");
			}
			try {
				late = new LateFees(form.getLateDailyRate(),
						(form.getLateGraceDays() != null) ? form.getLateGraceDays() : 0, form.isLateCap());
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInputException.field("lateDailyRate", "validation.invalidValue");
			}
		}
		String appliesTo = form.getAppliesTo();
		boolean metered = "METERED".equals(form.getMethod());
		return new FeeItemCommand(form.getName(), form.getMethod(), form.getArea(),
				(metered && !tiers.isEmpty()) ? null : form.getUnitPrice(), form.getAmount(), form.getMeterType(),
				tiers, form.getCycle(), form.getDueDay(), form.getDueDaysAfterIssue(), appliesTo,
				"BUILDINGS".equals(appliesTo) ? form.getBuildingIds() : List.of(),
				"ROOM_TYPES".equals(appliesTo) ? form.getRoomTypes() : List.of(), late,
				month("effectiveFrom", form.getEffectiveFrom()), month("effectiveTo", form.getEffectiveTo()),
				form.isAutoDeduct());
	}

	private static void addTier(List<Tier> tiers, java.math.BigDecimal upTo, java.math.BigDecimal price) {
		if (upTo != null && price != null) {
			tiers.add(new Tier(upTo, price));
		}
	}

	private static YearMonth month(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return YearMonth.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.field(field, "billing.feeItem.monthFormat");
		}
	}

}
