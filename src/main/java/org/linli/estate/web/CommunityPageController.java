package org.linli.estate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.linli.estate.internal.BuildingView;
import org.linli.estate.internal.CommunityView;
import org.linli.estate.internal.EstateService;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.Pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff console's estate pages: home, communities, their buildings and units. */
@Controller
@RequestMapping("/admin")
class CommunityPageController {

	private final EstateService estate;

	CommunityPageController(EstateService estate) {
		this.estate = estate;
	}

	@GetMapping("/communities")
	String communities(@RequestParam(required = false) String name, Model model, HttpServletRequest request) {
		model.addAttribute("summaries", this.estate.summaries(name));
		return Pages.isHtmx(request) ? "estate/communities :: results" : "estate/communities";
	}

	@GetMapping("/communities/new")
	String newCommunity(Model model) {
		model.addAttribute("form", CommunityForm.blank());
		return "estate/community-form";
	}

	@PostMapping("/communities/new")
	String createCommunity(@ModelAttribute("form") CommunityForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "estate/community-form";
		}
		try {
			CommunityView created = this.estate.createCommunity(form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/communities/" + created.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return "estate/community-form";
		}
	}

	@GetMapping("/communities/{id}")
	String community(@PathVariable long id, Model model) {
		model.addAttribute("community", this.estate.community(id));
		model.addAttribute("buildings", this.estate.buildings(id));
		model.addAttribute("summary",
				this.estate.summaries(null).stream().filter((s) -> s.id() == id).findFirst().orElse(null));
		return "estate/community";
	}

	@GetMapping("/communities/{id}/edit")
	String editCommunity(@PathVariable long id, Model model) {
		CommunityView view = this.estate.community(id);
		model.addAttribute("form", CommunityForm.of(view));
		model.addAttribute("community", view);
		return "estate/community-form";
	}

	@PostMapping("/communities/{id}/edit")
	String updateCommunity(@PathVariable long id, @ModelAttribute("form") CommunityForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		CommunityView view = this.estate.community(id);
		model.addAttribute("community", view);
		if (result.hasErrors()) {
			return "estate/community-form";
		}
		try {
			this.estate.updateCommunity(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/communities/" + id;
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return "estate/community-form";
		}
	}

	@GetMapping("/communities/{id}/buildings/new")
	String newBuilding(@PathVariable long id, Model model) {
		model.addAttribute("form", BuildingForm.blank());
		model.addAttribute("community", this.estate.community(id));
		return "estate/building-form";
	}

	@PostMapping("/communities/{id}/buildings/new")
	String createBuilding(@PathVariable long id, @ModelAttribute("form") BuildingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		model.addAttribute("community", this.estate.community(id));
		if (result.hasErrors()) {
			return "estate/building-form";
		}
		try {
			this.estate.createBuilding(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/communities/" + id;
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return "estate/building-form";
		}
	}

	@GetMapping("/buildings/{id}/edit")
	String editBuilding(@PathVariable long id, Model model) {
		BuildingView view = this.estate.building(id);
		model.addAttribute("form", BuildingForm.of(view));
		model.addAttribute("building", view);
		model.addAttribute("community", this.estate.community(view.communityId()));
		return "estate/building-form";
	}

	@PostMapping("/buildings/{id}/edit")
	String updateBuilding(@PathVariable long id, @ModelAttribute("form") BuildingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		BuildingView view = this.estate.building(id);
		model.addAttribute("building", view);
		model.addAttribute("community", this.estate.community(view.communityId()));
		if (result.hasErrors()) {
			return "estate/building-form";
		}
		try {
			this.estate.updateBuilding(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/communities/" + view.communityId();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return "estate/building-form";
		}
	}

	@PostMapping("/buildings/{id}/units")
	String addUnit(@PathVariable long id, @RequestParam(required = false) String name, RedirectAttributes redirect) {
		BuildingView view = this.estate.building(id);
		try {
			this.estate.addUnit(id, name);
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + view.communityId();
	}

}
