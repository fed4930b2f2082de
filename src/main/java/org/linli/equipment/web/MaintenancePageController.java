package org.linli.equipment.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.linli.equipment.internal.EquipmentService;
import org.linli.equipment.internal.Maintenance;
import org.linli.equipment.internal.TaskStatus;
import org.linli.identity.StaffDirectory;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormValues;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Maintenance in the staff console: a device's plans, the community's tasks, a task to
 * complete or reassign.
 */
@Controller
class MaintenancePageController {

	private final EquipmentService equipment;

	private final Maintenance maintenance;

	private final StaffDirectory staff;

	MaintenancePageController(EquipmentService equipment, Maintenance maintenance, StaffDirectory staff) {
		this.equipment = equipment;
		this.maintenance = maintenance;
		this.staff = staff;
	}

	/** How a plan's interval is given on the page. */
	enum IntervalUnit {

		DAYS, WEEKS, MONTHS

	}

	@PostMapping("/admin/equipment/{id}/maintenance-plans")
	String createPlan(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) Integer interval, @RequestParam(defaultValue = "DAYS") IntervalUnit unit,
			@RequestParam(required = false) String checklist, @RequestParam(required = false) Long assigneeId,
			@RequestParam(required = false) String contractor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
			RedirectAttributes redirect) {
		List<String> items = (checklist != null)
				? Arrays.stream(checklist.split("[\\n,，、]")).map(String::trim).filter((s) -> !s.isEmpty()).toList()
				: List.of();
		try {
			this.maintenance.create(id, new Maintenance.PlanCommand(name, (unit == IntervalUnit.DAYS) ? interval : null,
					(unit == IntervalUnit.WEEKS) ? interval : null, (unit == IntervalUnit.MONTHS) ? interval : null,
					items, assigneeId, contractor, null, startDate));
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/equipment/" + id;
	}

	@GetMapping("/admin/communities/{id}/maintenance-tasks")
	String tasks(@PathVariable long id, @RequestParam(required = false) TaskStatus status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.maintenance.tasks(id, status, page, 50));
		model.addAttribute("communityId", id);
		model.addAttribute("status", status);
		model.addAttribute("statuses", List.of(TaskStatus.OPEN, TaskStatus.OVERDUE, TaskStatus.DONE));
		return "equipment/tasks";
	}

	@GetMapping("/admin/maintenance-tasks/{id}")
	String task(@PathVariable long id, Model model) {
		Maintenance.TaskView task = this.maintenance.task(id);
		model.addAttribute("task", task);
		long community = this.equipment.get(task.equipmentId()).communityId();
		model.addAttribute("communityId", community);
		model.addAttribute("staff", this.staff.inCommunity(community));
		return "equipment/task";
	}

	@PostMapping("/admin/maintenance-tasks/{id}/complete")
	String complete(@PathVariable long id, @RequestParam(name = "ok", required = false) List<String> ok,
			@RequestParam(required = false) String notes, @RequestParam(required = false) String cost,
			@RequestParam(name = "photo", required = false) MultipartFile photo, RedirectAttributes redirect)
			throws IOException {
		Maintenance.TaskView task = this.maintenance.task(id);
		List<String> passed = (ok != null) ? ok : List.of();
		List<Maintenance.Result> results = task.checklist()
			.stream()
			.map((item) -> new Maintenance.Result(item, passed.contains(item), null))
			.toList();
		try {
			FormValues values = new FormValues();
			Maintenance.Completion completion = new Maintenance.Completion(results, notes,
					values.decimal("cost", cost));
			values.throwIfAny();
			this.maintenance.complete(id, completion);
			if (photo != null && !photo.isEmpty()) {
				this.maintenance.addPhoto(id, photo.getBytes());
			}
			Flash.success(redirect, "equipment.task.completed");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/maintenance-tasks/" + id;
	}

	@PostMapping("/admin/maintenance-tasks/{id}/assignee")
	String reassign(@PathVariable long id, @RequestParam(required = false) Long assigneeId,
			RedirectAttributes redirect) {
		try {
			this.maintenance.reassign(id, assigneeId);
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/maintenance-tasks/" + id;
	}

}
