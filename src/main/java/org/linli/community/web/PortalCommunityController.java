package org.linli.community.web;

import org.linli.community.internal.Activities;
import org.linli.community.internal.Announcements;
import org.linli.community.internal.RegistrationView;
import org.linli.identity.ResidentUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.QrCodes;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormValues;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Community life in the residents' portal: the announcements for their homes, the
 * activities they may join, registering the household, cancelling, and the QR code they
 * show at the door.
 */
@Controller
class PortalCommunityController {

	private final Announcements announcements;

	private final Activities activities;

	PortalCommunityController(Announcements announcements, Activities activities) {
		this.announcements = announcements;
		this.activities = activities;
	}

	@GetMapping("/portal/announcements")
	String announcements(@AuthenticationPrincipal ResidentUser user, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("page",
				this.announcements.forResident(user.getResidentId(), new PageQuery(page, 20, null, null)));
		return "community/portal-announcements";
	}

	@GetMapping("/portal/announcements/{id}")
	String announcement(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, Model model) {
		model.addAttribute("a", this.announcements.readByResident(user.getResidentId(), id));
		return "community/portal-announcement";
	}

	@GetMapping("/portal/announcements/{id}/attachments/{attachmentId}")
	ResponseEntity<StreamingResponseBody> attachment(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long attachmentId) {
		return Files.serve(this.announcements.attachmentForResident(user.getResidentId(), id, attachmentId));
	}

	@GetMapping("/portal/activities")
	String activities(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("mine", this.activities.mine(user.getResidentId()));
		return "community/portal-activities";
	}

	@GetMapping("/portal/activities/{id}")
	String activity(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, Model model) {
		model.addAttribute("view", this.activities.forResident(user.getResidentId(), id));
		if (!model.containsAttribute("people")) {
			model.addAttribute("people", "1");
		}
		return "community/portal-activity";
	}

	@PostMapping("/portal/activities/{id}/register")
	String register(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam(required = false) String roomId, @RequestParam(required = false) String people,
			RedirectAttributes redirect) {
		try {
			FormValues values = new FormValues();
			Long room = values.id("roomId", roomId);
			Integer count = values.integer("people", people);
			values.throwIfAny();
			RegistrationView registration = this.activities.register(user.getResidentId(), id,
					new Activities.Signup(room, count));
			if (registration.position() != null) {
				Flash.success(redirect, "community.registration.waitlistedNow", registration.position());
			}
			else {
				Flash.success(redirect, "community.registration.registeredNow", registration.people());
			}
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			redirect.addFlashAttribute("people", people);
		}
		return "redirect:/portal/activities/" + id;
	}

	@PostMapping("/portal/registrations/{id}/cancel")
	String cancel(@AuthenticationPrincipal ResidentUser user, @PathVariable long id, RedirectAttributes redirect) {
		RegistrationView registration = this.activities.registrationForResident(user.getResidentId(), id);
		try {
			this.activities.cancelByResident(user.getResidentId(), id);
			Flash.success(redirect, "community.registration.cancelledNow");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/portal/activities/" + registration.activityId();
	}

	/**
	 * The QR code a household shows at the door: it opens the check-in on a staff phone.
	 */
	@GetMapping("/portal/registrations/{id}/qr.png")
	ResponseEntity<byte[]> qr(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		RegistrationView registration = this.activities.registrationForResident(user.getResidentId(), id);
		String url = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/admin/check-in/" + registration.checkInCode())
			.toUriString();
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noStore())
			.body(QrCodes.png(url, 280));
	}

}
