package org.linli.residents.web;

import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.residents.internal.Anonymization;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Former residents due for anonymization, and the button that does it (for staff holding
 * PERSONAL_DATA_VIEW; others see the list and who may).
 */
@Controller
@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
class AnonymizationPageController {

	private final Anonymization anonymization;

	private final CurrentStaff current;

	AnonymizationPageController(Anonymization anonymization, CurrentStaff current) {
		this.anonymization = anonymization;
		this.current = current;
	}

	@GetMapping("/admin/residents/anonymization")
	String due(Model model) {
		java.util.List<Anonymization.Due> due = this.anonymization.due();
		model.addAttribute("due", due);
		model.addAttribute("capped", due.size() >= Anonymization.LISTED);
		model.addAttribute("listed", Anonymization.LISTED);
		model.addAttribute("years", this.anonymization.retention().getYears());
		model.addAttribute("mayAnonymize", this.current.require().hasPermission(Permission.PERSONAL_DATA_VIEW));
		return "residents/anonymization";
	}

	@PostMapping("/admin/residents/{id}/anonymization")
	String anonymize(@PathVariable long id, RedirectAttributes redirect) {
		try {
			Flash.success(redirect, "residents.anonymize.done", this.anonymization.anonymize(id));
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/residents/anonymization";
	}

}
