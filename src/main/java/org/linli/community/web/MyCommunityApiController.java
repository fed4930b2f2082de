package org.linli.community.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.community.internal.Activities;
import org.linli.community.internal.Announcements;
import org.linli.community.internal.RegistrationView;
import org.linli.identity.ResidentUser;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A resident's announcements and activities. */
@RestController
@Tag(name = "Resident: me")
class MyCommunityApiController {

	private final Announcements announcements;

	private final Activities activities;

	MyCommunityApiController(Announcements announcements, Activities activities) {
		this.announcements = announcements;
		this.activities = activities;
	}

	@GetMapping("/api/v1/me/announcements")
	@Operation(summary = "The announcements addressed to the resident's homes, pinned then newest first, with read")
	PageView<Announcements.ForResident> announcements(@AuthenticationPrincipal ResidentUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.announcements.forResident(user.getResidentId(), new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/me/announcements/{id}")
	@Operation(summary = "Opens an announcement (marks it read for the resident's household)")
	Announcements.ForResident announcement(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.announcements.readByResident(user.getResidentId(), id);
	}

	@GetMapping("/api/v1/me/announcements/{id}/attachments/{attachmentId}")
	ResponseEntity<StreamingResponseBody> attachment(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long attachmentId) {
		return Files.serve(this.announcements.attachmentForResident(user.getResidentId(), id, attachmentId));
	}

	@GetMapping("/api/v1/me/activities")
	@Operation(summary = "Activities for the resident's homes still to come, and their household's registrations")
	Activities.Mine activities(@AuthenticationPrincipal ResidentUser user) {
		return this.activities.mine(user.getResidentId());
	}

	@GetMapping("/api/v1/me/activities/{id}")
	Activities.ForResident activity(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.activities.forResident(user.getResidentId(), id);
	}

	@GetMapping("/api/v1/me/registrations/{id}")
	@Operation(summary = "A registration of the resident's household, with its check-in code")
	RegistrationView registration(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.activities.registrationForResident(user.getResidentId(), id);
	}

}
