package org.linli.notifications.web;

import org.linli.identity.CurrentStaff;
import org.linli.notifications.internal.Inbox;
import org.linli.shared.PageQuery;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff console's bell: the signed-in staff member's own messages and their unread
 * count.
 */
@Controller
class StaffMessagesController {

	private final Inbox inbox;

	private final CurrentStaff current;

	StaffMessagesController(Inbox inbox, CurrentStaff current) {
		this.inbox = inbox;
		this.current = current;
	}

	@GetMapping("/admin/messages")
	String messages(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.inbox.page(me(), new PageQuery(page, 20, null, null)));
		return "notifications/staff-messages";
	}

	/** The bell's count (htmx, on every page of the console). */
	@GetMapping("/admin/messages/unread")
	String unread(Model model) {
		model.addAttribute("unread", this.inbox.unread(me()));
		return "notifications/badge :: badge";
	}

	@PostMapping("/admin/messages/{id}/read")
	String read(@PathVariable long id) {
		this.inbox.read(me(), id);
		return "redirect:/admin/messages#message-" + id;
	}

	@PostMapping("/admin/messages/read-all")
	String readAll() {
		this.inbox.readAll(me());
		return "redirect:/admin/messages";
	}

	private Inbox.Owner me() {
		return Inbox.Owner.staff(this.current.require().getAccountId());
	}

}
