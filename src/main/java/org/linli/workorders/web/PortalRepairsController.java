package org.linli.workorders.web;

import java.io.IOException;
import java.util.List;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.ResidentUser;
import org.linli.residents.Residents;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.Times;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.internal.WorkOrderPhotos;
import org.linli.workorders.internal.WorkOrderService;
import org.linli.workorders.internal.WorkOrderView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A resident's repairs on their phone (在线报修): report one with photos, follow its steps,
 * withdraw it before work begins, and rate it when done.
 */
@Controller
class PortalRepairsController {

	private final WorkOrderService orders;

	private final WorkOrderPhotos photos;

	private final Residents residents;

	private final Estate estate;

	private final java.time.Clock clock;

	PortalRepairsController(WorkOrderService orders, WorkOrderPhotos photos, Residents residents, Estate estate,
			java.time.Clock clock) {
		this.orders = orders;
		this.photos = photos;
		this.residents = residents;
		this.estate = estate;
		this.clock = clock;
	}

	/** The report as typed. */
	public record ReportForm(String roomId, String area, String category, String description, String location,
			String preferredTime) {
	}

	@GetMapping("/portal/repairs")
	String list(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("orders", this.orders.ofResident(user.getResidentId(), new PageQuery(0, 50, null, null)));
		return "workorders/portal-list";
	}

	@GetMapping("/portal/repairs/new")
	String newForm(@AuthenticationPrincipal ResidentUser user, Model model) {
		List<RoomRef> rooms = rooms(user);
		model.addAttribute("form", new ReportForm(rooms.isEmpty() ? null : String.valueOf(rooms.get(0).id()), "IN_HOME",
				null, null, null, null));
		return form(user, model);
	}

	private String form(ResidentUser user, Model model) {
		model.addAttribute("rooms", rooms(user));
		model.addAttribute("categories", RepairCategory.values());
		return "workorders/portal-form";
	}

	private List<RoomRef> rooms(ResidentUser user) {
		return List.copyOf(this.estate.rooms(this.residents.roomsOf(user.getResidentId(), Times.today(this.clock)))
			.values()
			.stream()
			.sorted(java.util.Comparator.comparing(RoomRef::code))
			.toList());
	}

	@PostMapping("/portal/repairs")
	String report(@AuthenticationPrincipal ResidentUser user, @ModelAttribute("form") ReportForm form,
			BindingResult result, @RequestParam(required = false) List<MultipartFile> photos, Model model,
			RedirectAttributes redirect) throws IOException {
		List<MultipartFile> files = (photos != null) ? photos.stream().filter((p) -> !p.isEmpty()).toList() : List.of();
		try {
			if (files.size() > 6) {
				throw InvalidInputException.field("photos", "workorders.photo.tooMany", 6);
			}
			FormValues values = new FormValues();
			Long roomId = values.id("roomId", form.roomId());
			Area area = values.choice(Area.class, "area", (form.area() != null) ? form.area() : "IN_HOME");
			RepairCategory category = values.choice(RepairCategory.class, "category", form.category());
			java.time.OffsetDateTime preferred = StaffReportForm.preferred(values, "preferredTime",
					form.preferredTime());
			values.throwIfAny();
			WorkOrderView order = this.orders.report(user.getResidentId(), new WorkOrderService.ResidentReport(roomId,
					area, category, form.description(), form.location(), preferred));
			int added = 0;
			for (MultipartFile file : files) {
				try {
					this.photos.addForResident(user.getResidentId(), order.id(), file.getBytes());
					added++;
				}
				catch (InvalidInputException ex) {
					Flash.error(redirect, "workorders.photo.someRefused");
				}
			}
			if (added == files.size()) {
				Flash.success(redirect, "workorders.portal.reported", order.number());
			}
			return "redirect:/portal/repairs/" + order.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return form(user, model);
		}
	}

	@GetMapping("/portal/repairs/{id}")
	String order(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, Model model) {
		WorkOrderView order = this.orders.findForResident(user.getResidentId(), id);
		model.addAttribute("order", order);
		model.addAttribute("mine", this.orders.isReporter(user.getResidentId(), id));
		return "workorders/portal-order";
	}

	@PostMapping("/portal/repairs/{id}/photos")
	String addPhoto(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		try {
			this.photos.addForResident(user.getResidentId(), id, (file != null) ? file.getBytes() : null);
			Flash.success(redirect, "workorders.photo.added");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/repairs/" + id;
	}

	@GetMapping("/portal/repairs/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return WorkOrderApiController.serve(photoId, this.photos.forResident(user.getResidentId(), id, photoId));
	}

	@PostMapping("/portal/repairs/{id}/withdraw")
	String withdraw(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, RedirectAttributes redirect) {
		try {
			this.orders.withdraw(user.getResidentId(), id);
			Flash.success(redirect, "workorders.portal.withdrawn");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/repairs/" + id;
	}

	@PostMapping("/portal/repairs/{id}/evaluation")
	String evaluate(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam(required = false) String stars, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		try {
			FormValues values = new FormValues();
			Integer value = values.integer("stars", stars);
			values.throwIfAny();
			this.orders.rate(user.getResidentId(), id, value, comment);
			Flash.success(redirect, "workorders.portal.rated");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/repairs/" + id;
	}

}
