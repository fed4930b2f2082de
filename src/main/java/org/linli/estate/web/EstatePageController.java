package org.linli.estate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.estate.internal.BuildingCommand;
import org.linli.estate.internal.BuildingView;
import org.linli.estate.internal.CommunityCommand;
import org.linli.estate.internal.CommunityView;
import org.linli.estate.internal.EstateService;
import org.linli.estate.internal.ParkingCommand;
import org.linli.estate.internal.ParkingStatus;
import org.linli.estate.internal.ParkingType;
import org.linli.estate.internal.ParkingView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.Pages;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * The staff console's estate pages: home, communities, buildings and units, parking
 * spaces.
 */
@Controller
@RequestMapping("/admin")
class EstatePageController {

	private final EstateService estate;

	private final MessageSource messages;

	EstatePageController(EstateService estate, MessageSource messages) {
		this.estate = estate;
		this.messages = messages;
	}

	private String msg(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	@GetMapping
	String home(Model model) {
		model.addAttribute("summaries", this.estate.summaries(null));
		return "estate/home";
	}

	// communities

	@GetMapping("/communities")
	String communities(@RequestParam(required = false) String name, Model model, HttpServletRequest request) {
		model.addAttribute("summaries", this.estate.summaries(name));
		return Pages.isHtmx(request) ? "estate/communities :: results" : "estate/communities";
	}

	@GetMapping("/communities/new")
	String newCommunity(Model model) {
		model.addAttribute("form", new CommunityForm());
		return "estate/community-form";
	}

	@PostMapping("/communities/new")
	String createCommunity(@ModelAttribute("form") CommunityForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "estate/community-form";
		}
		try {
			CommunityView created = this.estate.createCommunity(command(form));
			redirect.addFlashAttribute("success", "common.saved");
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
		CommunityForm form = new CommunityForm();
		form.setName(view.name());
		form.setAddress(view.address());
		form.setCompanyName(view.companyName());
		form.setContactName(view.contactName());
		form.setContactPhone(view.contactPhone());
		model.addAttribute("form", form);
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
			this.estate.updateCommunity(id, command(form));
			redirect.addFlashAttribute("success", "common.saved");
			return "redirect:/admin/communities/" + id;
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return "estate/community-form";
		}
	}

	// buildings

	@GetMapping("/communities/{id}/buildings/new")
	String newBuilding(@PathVariable long id, Model model) {
		BuildingForm form = new BuildingForm();
		model.addAttribute("form", form);
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
			this.estate.createBuilding(id, command(form));
			redirect.addFlashAttribute("success", "common.saved");
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
		BuildingForm form = new BuildingForm();
		form.setName(view.name());
		form.setFloors(view.floors());
		form.setHasElevator(view.hasElevator());
		model.addAttribute("form", form);
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
			this.estate.updateBuilding(id, command(form));
			redirect.addFlashAttribute("success", "common.saved");
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
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.problems().get(0).messageKey());
			redirect.addFlashAttribute("errorArgs", ex.problems().get(0).args());
		}
		return "redirect:/admin/communities/" + view.communityId();
	}

	// parking spaces

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
		ParkingForm form = new ParkingForm();
		form.setType(ParkingType.UNDERGROUND);
		form.setStatus(ParkingStatus.VACANT);
		model.addAttribute("form", form);
		return parkingForm(model, this.estate.community(id), null);
	}

	@PostMapping("/communities/{id}/parking/new")
	String createParking(@PathVariable long id, @ModelAttribute("form") ParkingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		CommunityView community = this.estate.community(id);
		if (!result.hasErrors()) {
			try {
				this.estate.createParkingSpace(id, command(form));
				redirect.addFlashAttribute("success", "common.saved");
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
		ParkingForm form = new ParkingForm();
		form.setNumber(view.number());
		form.setLocation(view.location());
		form.setType(view.type());
		form.setArea(view.area());
		form.setStatus(view.status());
		model.addAttribute("form", form);
		return parkingForm(model, this.estate.community(view.communityId()), view);
	}

	@PostMapping("/parking/{id}/edit")
	String updateParking(@PathVariable long id, @ModelAttribute("form") ParkingForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ParkingView view = this.estate.parkingSpace(id);
		if (!result.hasErrors()) {
			try {
				this.estate.updateParkingSpace(id, command(form));
				redirect.addFlashAttribute("success", "common.saved");
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

	private static CommunityCommand command(CommunityForm form) {
		return new CommunityCommand(form.getName(), form.getAddress(), form.getCompanyName(), form.getContactName(),
				form.getContactPhone());
	}

	private static BuildingCommand command(BuildingForm form) {
		return new BuildingCommand(form.getName(), form.getFloors(), form.isHasElevator());
	}

	private static ParkingCommand command(ParkingForm form) {
		return new ParkingCommand(form.getNumber(), form.getLocation(), form.getType(), form.getArea(),
				form.getStatus());
	}

}
