package org.linli.residents.web;

import org.linli.identity.ResidentUser;
import org.linli.residents.internal.ResidentPortal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The resident's homes and profile in the portal: their rooms today, who lives there with
 * them, and what the property office holds about them.
 */
@Controller
class PortalHomeController {

	private final ResidentPortal portal;

	PortalHomeController(ResidentPortal portal) {
		this.portal = portal;
	}

	@GetMapping("/portal/profile")
	String home(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("me", this.portal.profile(user.getResidentId()));
		model.addAttribute("rooms", this.portal.rooms(user.getResidentId()));
		return "residents/portal-home";
	}

}
