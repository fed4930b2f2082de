package org.linli.dunning.web;

import org.linli.billing.Billing;
import org.linli.dunning.internal.DunningNotes;
import org.linli.dunning.internal.Reminders;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A room's dunning record in the console: what it owes, every reminder with what became
 * of its messages, and the staff's notes of visits and calls with the form to add one.
 */
@Controller
class RoomRemindersPageController {

	private final Reminders reminders;

	private final DunningNotes notes;

	private final Billing billing;

	private final Estate estate;

	RoomRemindersPageController(Reminders reminders, DunningNotes notes, Billing billing, Estate estate) {
		this.reminders = reminders;
		this.notes = notes;
		this.billing = billing;
		this.estate = estate;
	}

	@GetMapping("/admin/rooms/{id}/reminders")
	String page(@PathVariable long id, Model model) {
		model.addAttribute("noteForm", NoteForm.blank());
		return render(id, model);
	}

	@PostMapping("/admin/rooms/{id}/dunning-notes")
	String addNote(@PathVariable long id, @ModelAttribute("noteForm") NoteForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			this.notes.add(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/rooms/" + id + "/reminders";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return render(id, model);
		}
	}

	private String render(long id, Model model) {
		// the history checks the caller's community before anything is shown
		model.addAttribute("reminders", this.reminders.history(id));
		RoomRef room = this.estate.room(id).orElseThrow(() -> new NotFoundException("room", id));
		model.addAttribute("room", room);
		model.addAttribute("notes", this.notes.of(id));
		model.addAttribute("arrears", this.billing.arrears(id));
		model.addAttribute("kinds", DunningNotes.NoteKind.values());
		return "dunning/room";
	}

}
