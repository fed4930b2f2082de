package org.linli.complaints.web;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.internal.ComplaintPhotos;
import org.linli.complaints.internal.ComplaintService;
import org.linli.complaints.internal.ComplaintView;
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
 * A resident's complaints and suggestions on their phone (投诉建议): bring one with photos,
 * anonymously if they wish, follow its timeline, withdraw it before it is resolved, and
 * say whether the resolution satisfies them.
 */
@Controller
class PortalComplaintsController {

	private final ComplaintService complaints;

	private final ComplaintPhotos photos;

	private final Residents residents;

	private final Estate estate;

	private final java.time.Clock clock;

	PortalComplaintsController(ComplaintService complaints, ComplaintPhotos photos, Residents residents, Estate estate,
			java.time.Clock clock) {
		this.complaints = complaints;
		this.photos = photos;
		this.residents = residents;
		this.estate = estate;
		this.clock = clock;
	}

	/** What the resident typed. */
	public record SubmissionForm(String kind, String category, String roomId, String description, Boolean anonymous) {
	}

	@GetMapping("/portal/complaints")
	String list(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("items", this.complaints.ofResident(user.getResidentId(), new PageQuery(0, 50, null, null)));
		return "complaints/portal-list";
	}

	@GetMapping("/portal/complaints/new")
	String newForm(@AuthenticationPrincipal ResidentUser user, @RequestParam(required = false) String kind,
			Model model) {
		List<RoomRef> rooms = rooms(user);
		String chosen = (kind != null && List.of("COMPLAINT", "SUGGESTION", "PRAISE").contains(kind)) ? kind
				: "COMPLAINT";
		model.addAttribute("form", new SubmissionForm(chosen, null,
				rooms.isEmpty() ? null : String.valueOf(rooms.get(0).id()), null, false));
		return form(user, model);
	}

	private String form(ResidentUser user, Model model) {
		model.addAttribute("rooms", rooms(user));
		model.addAttribute("kinds", ComplaintKind.values());
		model.addAttribute("categories", ComplaintCategory.values());
		return "complaints/portal-form";
	}

	private List<RoomRef> rooms(ResidentUser user) {
		return List.copyOf(this.estate.rooms(this.residents.roomsOf(user.getResidentId(), Times.today(this.clock)))
			.values()
			.stream()
			.sorted(Comparator.comparing(RoomRef::code))
			.toList());
	}

	@PostMapping("/portal/complaints")
	String submit(@AuthenticationPrincipal ResidentUser user, @ModelAttribute("form") SubmissionForm form,
			BindingResult result, @RequestParam(required = false) List<MultipartFile> photos, Model model,
			RedirectAttributes redirect) throws IOException {
		List<MultipartFile> files = (photos != null) ? photos.stream().filter((p) -> !p.isEmpty()).toList() : List.of();
		try {
			if (files.size() > 6) {
				throw InvalidInputException.field("photos", "complaints.photo.tooMany", 6);
			}
			FormValues values = new FormValues();
			ComplaintKind kind = values.choice(ComplaintKind.class, "kind", form.kind());
			ComplaintCategory category = values.choice(ComplaintCategory.class, "category", form.category());
			Long roomId = (form.roomId() == null || form.roomId().isBlank()) ? null
					: values.id("roomId", form.roomId());
			values.throwIfAny();
			ComplaintView item = this.complaints.submit(user.getResidentId(),
					new ComplaintService.Submission(kind, category, form.description(), roomId, form.anonymous()));
			int added = 0;
			for (MultipartFile file : files) {
				try {
					this.photos.add(user.getResidentId(), item.id(), file.getBytes());
					added++;
				}
				catch (InvalidInputException ex) {
					Flash.error(redirect, "complaints.photo.someRefused");
				}
			}
			if (added == files.size()) {
				Flash.success(redirect, "complaints.portal.submitted", item.number());
			}
			return "redirect:/portal/complaints/" + item.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return form(user, model);
		}
	}

	@GetMapping("/portal/complaints/{id}")
	String item(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, Model model) {
		model.addAttribute("item", this.complaints.findForResident(user.getResidentId(), id));
		return "complaints/portal-item";
	}

	@PostMapping("/portal/complaints/{id}/photos")
	String addPhoto(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		try {
			this.photos.add(user.getResidentId(), id, (file != null) ? file.getBytes() : null);
			Flash.success(redirect, "complaints.photo.added");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/complaints/" + id;
	}

	@GetMapping("/portal/complaints/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return PhotoResponses.serve(photoId, this.photos.forResident(user.getResidentId(), id, photoId));
	}

	@PostMapping("/portal/complaints/{id}/withdraw")
	String withdraw(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, RedirectAttributes redirect) {
		try {
			this.complaints.withdraw(user.getResidentId(), id);
			Flash.success(redirect, "complaints.portal.withdrawn");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/complaints/" + id;
	}

	@PostMapping("/portal/complaints/{id}/confirmation")
	String confirm(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam(required = false) String satisfied, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		try {
			Boolean value = "true".equals(satisfied) ? Boolean.TRUE : "false".equals(satisfied) ? Boolean.FALSE : null;
			ComplaintView item = this.complaints.confirm(user.getResidentId(), id, value, comment);
			Flash.success(redirect,
					Boolean.TRUE.equals(item.satisfied()) ? "complaints.portal.thanks" : "complaints.portal.reopened");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			redirect.addFlashAttribute("typedComment", comment);
		}
		return "redirect:/portal/complaints/" + id;
	}

}
