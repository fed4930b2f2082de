package org.linli.notifications.web;

import org.linli.identity.ResidentUser;
import org.linli.notifications.internal.Inbox;
import org.linli.notifications.internal.Preferences;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * The portal's inbox (消息) and the resident's choices for their messages (通知设置), on a
 * phone.
 */
@Controller
class PortalMessagesController {

	private final Inbox inbox;

	private final Preferences preferences;

	PortalMessagesController(Inbox inbox, Preferences preferences) {
		this.inbox = inbox;
		this.preferences = preferences;
	}

	@GetMapping("/portal/messages")
	String messages(@AuthenticationPrincipal ResidentUser user, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("page",
				this.inbox.page(Inbox.Owner.resident(user.getResidentId()), new PageQuery(page, 20, null, null)));
		return "notifications/portal-messages";
	}

	/** The unread count beside the inbox in the portal's menu (htmx). */
	@GetMapping("/portal/messages/unread")
	String unread(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("unread", this.inbox.unread(Inbox.Owner.resident(user.getResidentId())));
		return "notifications/badge :: badge";
	}

	@PostMapping("/portal/messages/{id}/read")
	String read(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		this.inbox.read(Inbox.Owner.resident(user.getResidentId()), id);
		return "redirect:/portal/messages#message-" + id;
	}

	@PostMapping("/portal/messages/read-all")
	String readAll(@AuthenticationPrincipal ResidentUser user) {
		this.inbox.readAll(Inbox.Owner.resident(user.getResidentId()));
		return "redirect:/portal/messages";
	}

	/** What the resident chose, as typed. */
	public record PreferenceForm(String language, Boolean smsReminders, Boolean emailReminders, String email) {

		static PreferenceForm of(Preferences.PreferenceView view) {
			return new PreferenceForm(view.language(), view.smsReminders(), view.emailReminders(), null);
		}

	}

	@GetMapping("/portal/settings")
	String settings(@AuthenticationPrincipal ResidentUser user, Model model) {
		Preferences.PreferenceView view = this.preferences.of(user.getResidentId());
		model.addAttribute("form", PreferenceForm.of(view));
		model.addAttribute("current", view);
		return "notifications/portal-settings";
	}

	@PostMapping("/portal/settings")
	String change(@AuthenticationPrincipal ResidentUser user, @ModelAttribute("form") PreferenceForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			model.addAttribute("current", this.preferences.of(user.getResidentId()));
			return "notifications/portal-settings";
		}
		try {
			// an empty address field keeps the address given before; the resident removes
			// it with its button
			this.preferences.change(user.getResidentId(),
					new Preferences.PreferenceCommand(form.language(), Boolean.TRUE.equals(form.smsReminders()),
							Boolean.TRUE.equals(form.emailReminders()),
							(form.email() == null || form.email().isBlank()) ? null : form.email()));
			Flash.success(redirect, "common.saved");
			return "redirect:/portal/settings?lang=" + ((form.language() != null) ? form.language() : "zh-CN");
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			model.addAttribute("current", this.preferences.of(user.getResidentId()));
			return "notifications/portal-settings";
		}
	}

	@PostMapping("/portal/settings/email/remove")
	String removeEmail(@AuthenticationPrincipal ResidentUser user, RedirectAttributes redirect) {
		this.preferences.removeEmail(user.getResidentId());
		Flash.success(redirect, "common.saved");
		return "redirect:/portal/settings";
	}

}
