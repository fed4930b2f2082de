package org.linli.identity.web;

import org.linli.identity.internal.ResidentAccounts;
import org.linli.shared.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's sign-in and activation pages, made for a phone screen.
 */
@Controller
class PortalPagesController {

	private final ResidentAccounts accounts;

	PortalPagesController(ResidentAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/portal/login")
	String login() {
		return "identity/portal-login";
	}

	@GetMapping("/portal/activate")
	String activateForm() {
		return "identity/portal-activate";
	}

	@PostMapping("/portal/activate")
	String activate(@RequestParam(required = false) String phone, @RequestParam(required = false) String code,
			@RequestParam(required = false) String password, Model model) {
		try {
			this.accounts.activate(phone, code, password);
			return "redirect:/portal/login?activated";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("phone", phone);
			model.addAttribute("code", code);
			model.addAttribute("problemField", ex.problems().get(0).field());
			model.addAttribute("problem", ex.problems().get(0).messageKey());
			return "identity/portal-activate";
		}
	}

}
