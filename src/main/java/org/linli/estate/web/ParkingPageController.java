package org.linli.estate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.estate.internal.CommunityView;
import org.linli.estate.internal.EstateService;
import org.linli.estate.internal.ParkingStatus;
import org.linli.estate.internal.ParkingType;
import org.linli.estate.internal.ParkingView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.excel.ExcelExport;
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

/**
 * The staff console's parking spaces of a community: the list with its filters and
 * export, and the form.
 */
@Controller
@RequestMapping("/admin")
class ParkingPageController {

	private final EstateService estate;

	private final Messages messages;

	ParkingPageController(EstateService estate, Messages messages) {
		this.estate = estate;
		this.messages = messages;
	}

	@GetMapping("/communities/{id}/parking")
	String parking(@PathVariable long id, @RequestParam(required = false) String number,
			@RequestParam(required = false) ParkingStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, Model model, HttpServletRequest request) {
		model.addAttribute("community", this.estate.community(id));
		model.addAttribute("page", this.estate.parkingSpaces(id, number, status, page, size));
		model.addAttribute("statuses", ParkingStatus.values());
		return Pages.isHtmx(request) ? "estate/parking :: results" : "estate/parking";
	}

	@GetMapping("/communities/{id}/parking/export.xlsx")
	void exportParking(@PathVariable long id, @RequestParam(required = false) String number,
			@RequestParam(required = false) ParkingStatus status, HttpServletResponse response) throws IOException {
		CommunityView community = this.estate.community(id);
		List<List<?>> rows = new ArrayList<>();
		PageView<ParkingView> page;
		int p = 0;
		do {
			page = this.estate.parkingSpaces(id, number, status, p++, PageQuery.MAX_SIZE);
			for (ParkingView space : page.content()) {
				rows.add(Arrays.asList(space.number(), space.location(), msg("estate.parking.type." + space.type()),
						space.area(), msg("estate.parking.status." + space.status())));
			}
		}
		while (page.hasNext());
		ExcelExport
			.download(response, community.name() + "-" + msg("estate.parking.title") + ".xlsx",
					msg("estate.parking.title"), List.of(msg("estate.parking.number"), msg("estate.parking.location"),
							msg("estate.parking.type"), msg("estate.parking.area"), msg("estate.parking.status")),
					rows);
	}

	@GetMapping("/communities/{id}/parking/new")
	String newParking(@PathVariable long id, Model model) {
		model.addAttribute("form", ParkingForm.blank());
		return parkingForm(model, this.estate.community(id), null);
	}

	@PostMapping("/communities/{id}/parking/new")
	String createParking(@PathVariable long id, @ModelAttribute("form") ParkingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		CommunityView community = this.estate.community(id);
		if (!result.hasErrors()) {
			try {
				this.estate.createParkingSpace(id, form.command());
				Flash.success(redirect, "common.saved");
				return "redirect:/admin/communities/" + id + "/parking";
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return parkingForm(model, community, null);
	}

	@GetMapping("/parking/{id}/edit")
	String editParking(@PathVariable long id, Model model) {
		ParkingView view = this.estate.parkingSpace(id);
		model.addAttribute("form", ParkingForm.of(view));
		return parkingForm(model, this.estate.community(view.communityId()), view);
	}

	@PostMapping("/parking/{id}/edit")
	String updateParking(@PathVariable long id, @ModelAttribute("form") ParkingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ParkingView view = this.estate.parkingSpace(id);
		if (!result.hasErrors()) {
			try {
				this.estate.updateParkingSpace(id, form.command());
				Flash.success(redirect, "common.saved");
				return "redirect:/admin/communities/" + view.communityId() + "/parking";
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return parkingForm(model, this.estate.community(view.communityId()), view);
	}

	private String parkingForm(Model model, CommunityView community, ParkingView editing) {
		model.addAttribute("community", community);
		model.addAttribute("parking", editing);
		model.addAttribute("types", ParkingType.values());
		model.addAttribute("statuses", ParkingStatus.values());
		return "estate/parking-form";
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
