package org.linli.identity.web;

import org.linli.identity.ResidentUser;
import org.linli.identity.StaffUser;
import org.linli.identity.internal.ResidentAccounts;
import org.linli.identity.internal.StaffAccounts;
import org.linli.shared.InvalidInputException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Changing one's own password in the console and in the portal: the current password, the
 * new one twice. Afterwards every session and token of the account has ended, and the
 * sign-in page says why.
 */
@Controller
class OwnPasswordPageController {

	private final StaffAccounts staff;

	private final ResidentAccounts residents;

	OwnPasswordPageController(StaffAccounts staff, ResidentAccounts residents) {
		this.staff = staff;
		this.residents = residents;
	}

	@GetMapping("/admin/password")
	String staffForm() {
		return "identity/password";
	}

	@PostMapping("/admin/password")
	String staffChange(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, @RequestParam(required = false) String repeatPassword,
			Model model) {
		try {
			same(newPassword, repeatPassword);
			this.staff.changeOwnPassword(user.getAccountId(), currentPassword, newPassword);
			return "redirect:/login?passwordChanged";
		}
		catch (InvalidInputException ex) {
			problem(ex, model);
			return "identity/password";
		}
	}

	@GetMapping("/portal/password")
	String residentForm() {
		return "identity/portal-password";
	}

	@PostMapping("/portal/password")
	String residentChange(@AuthenticationPrincipal ResidentUser user,
			@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
			@RequestParam(required = false) String repeatPassword, Model model) {
		try {
			same(newPassword, repeatPassword);
			this.residents.changePassword(user.getAccountId(), currentPassword, newPassword);
			return "redirect:/portal/login?passwordChanged";
		}
		catch (InvalidInputException ex) {
			problem(ex, model);
			return "identity/portal-password";
		}
	}

	private static void same(String newPassword, String repeatPassword) {
		if (newPassword != null && !newPassword.equals(repeatPassword)) {
			throw InvalidInputException.field("repeatPassword", "identity.password.mismatch");
		}
	}

	private static void problem(InvalidInputException ex, Model model) {
		InvalidInputException.FieldProblem first = ex.problems().get(0);
		model.addAttribute("problem", first.messageKey());
		model.addAttribute("problemField", first.field());
	}

}
