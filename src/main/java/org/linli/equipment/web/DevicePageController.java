package org.linli.equipment.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.equipment.internal.EquipmentFiles;
import org.linli.equipment.internal.EquipmentService;
import org.linli.equipment.internal.Maintenance;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffDirectory;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;

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
 * The equipment archive in the staff console: the list with its filters and export, the
 * device form, a device with its plans, files and history, and the compliance view.
 */
@Controller
class DevicePageController {

	private final EquipmentService equipment;

	private final Maintenance maintenance;

	private final EquipmentFiles files;

	private final CurrentStaff current;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final Messages messages;

	private final Clock clock;

	DevicePageController(EquipmentService equipment, Maintenance maintenance, EquipmentFiles files,
			CurrentStaff current, CommunityDirectory communities, StaffDirectory staff, Messages messages,
			Clock clock) {
		this.equipment = equipment;
		this.maintenance = maintenance;
		this.files = files;
		this.current = current;
		this.communities = communities;
		this.staff = staff;
		this.messages = messages;
		this.clock = clock;
	}

	/** The equipment menu: the first community in the staff member's scope. */
	@GetMapping("/admin/equipment")
	String start() {
		return mine().stream()
			.findFirst()
			.map((c) -> "redirect:/admin/communities/" + c.id() + "/equipment")
			.orElse("redirect:/admin");
	}

	@GetMapping("/admin/communities/{id}/equipment")
	String list(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) DeviceCategory category,
			@RequestParam(required = false) DeviceStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
		model.addAttribute("page", this.equipment.list(id, q, category, status, page, 20, sort, dir));
		model.addAttribute("communityId", id);
		model.addAttribute("categories", DeviceCategory.values());
		model.addAttribute("statuses", DeviceStatus.values());
		model.addAttribute("communities", mine());
		return "equipment/list";
	}

	@GetMapping("/admin/communities/{id}/equipment/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) DeviceCategory category,
			@RequestParam(required = false) DeviceStatus status, HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (EquipmentService.EquipmentView e : this.equipment.matching(id, q, category, status)) {
			EquipmentService.Contractor k = e.contractor();
			rows.add(Arrays.asList(e.code(), e.name(), this.messages.label("equipment.category.", e.category()),
					e.brand(), e.model(), e.serialNumber(), e.location(), e.installDate(), e.warrantyUntil(), e.price(),
					this.messages.label("equipment.status.", e.status()), e.responsible(),
					(k != null) ? k.name() : null, (k != null) ? k.licenceNumber() : null,
					(k != null) ? k.licenceExpiry() : null));
		}
		ExcelExport.download(response, msg("equipment.title") + ".xlsx", msg("equipment.title"),
				List.of(msg("equipment.code"), msg("equipment.name"), msg("equipment.category"), msg("equipment.brand"),
						msg("equipment.model"), msg("equipment.serialNumber"), msg("equipment.location"),
						msg("equipment.installDate"), msg("equipment.warrantyUntil"), msg("equipment.price"),
						msg("equipment.status"), msg("equipment.responsible"), msg("equipment.contractor"),
						msg("equipment.licenceNumber"), msg("equipment.licenceExpiry")),
				rows);
	}

	@GetMapping("/admin/communities/{id}/equipment/new")
	String newDevice(@PathVariable long id, Model model) {
		this.equipment.list(id, null, null, null, 0, 1);
		model.addAttribute("form", DeviceForm.blank());
		return form(model, id, null);
	}

	@PostMapping("/admin/communities/{id}/equipment")
	String create(@PathVariable long id, @ModelAttribute("form") DeviceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			EquipmentService.EquipmentView created = this.equipment.create(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/equipment/" + created.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result, DeviceForm.FIELDS);
			return form(model, id, null);
		}
	}

	@GetMapping("/admin/equipment/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		model.addAttribute("form", DeviceForm.of(device));
		return form(model, device.communityId(), id);
	}

	@PostMapping("/admin/equipment/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") DeviceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		try {
			this.equipment.update(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/equipment/" + id;
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result, DeviceForm.FIELDS);
			return form(model, device.communityId(), id);
		}
	}

	private String form(Model model, long communityId, Long id) {
		model.addAttribute("communityId", communityId);
		model.addAttribute("deviceId", id);
		model.addAttribute("categories", DeviceCategory.values());
		model.addAttribute("statuses", DeviceStatus.values());
		model.addAttribute("staff", this.staff.inCommunity(communityId));
		return "equipment/form";
	}

	@GetMapping("/admin/equipment/{id}")
	String device(@PathVariable long id, Model model) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		model.addAttribute("device", device);
		model.addAttribute("plans", this.maintenance.plansOf(id));
		model.addAttribute("history", this.equipment.history(id));
		model.addAttribute("files", this.files.of(id));
		model.addAttribute("staff", this.staff.inCommunity(device.communityId()));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "equipment/device";
	}

	@GetMapping("/admin/communities/{id}/equipment-compliance")
	String compliance(@PathVariable long id, Model model) {
		model.addAttribute("compliance", this.equipment.compliance(id));
		model.addAttribute("communityId", id);
		return "equipment/compliance";
	}

	private List<CommunityDirectory.CommunityRef> mine() {
		return this.communities.allCommunities().stream().filter((c) -> this.current.scope().includes(c.id())).toList();
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
