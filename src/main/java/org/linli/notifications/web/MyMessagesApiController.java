package org.linli.notifications.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.ResidentUser;
import org.linli.notifications.internal.Inbox;
import org.linli.notifications.internal.Preferences;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's messages and their choices for them, through the API (a resident's token).
 */
@RestController
@Tag(name = "Residents: messages")
class MyMessagesApiController {

	private final Inbox inbox;

	private final Preferences preferences;

	MyMessagesApiController(Inbox inbox, Preferences preferences) {
		this.inbox = inbox;
		this.preferences = preferences;
	}

	@GetMapping("/api/v1/me/messages")
	@Operation(summary = "The resident's inbox, newest first, a page at a time")
	PageView<Inbox.Message> messages(@AuthenticationPrincipal ResidentUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.inbox.page(Inbox.Owner.resident(user.getResidentId()), new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/me/messages/unread-count")
	Map<String, Long> unread(@AuthenticationPrincipal ResidentUser user) {
		return Map.of("unread", this.inbox.unread(Inbox.Owner.resident(user.getResidentId())));
	}

	@PostMapping("/api/v1/me/messages/{id}/read")
	@Operation(summary = "Mark one of the resident's messages read")
	Inbox.Message read(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.inbox.read(Inbox.Owner.resident(user.getResidentId()), id);
	}

	@GetMapping("/api/v1/me/notification-preferences")
	Preferences.PreferenceView preferences(@AuthenticationPrincipal ResidentUser user) {
		return this.preferences.of(user.getResidentId());
	}

	@PutMapping("/api/v1/me/notification-preferences")
	@Operation(
			summary = "Language, reminders by SMS or email (notices the law requires are always sent), email address")
	Preferences.PreferenceView change(@AuthenticationPrincipal ResidentUser user,
			@RequestBody Preferences.PreferenceCommand command) {
		return this.preferences.change(user.getResidentId(), command);
	}

}
