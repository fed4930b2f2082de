package org.linli.residents.web;

import org.linli.identity.ResidentUser;
import org.linli.residents.internal.ResidentPortal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The resident's home in the portal: their rooms today, who lives there with them, and
 * their profile.
 */
@Controller
class PortalHomeController {

	private final ResidentPortal portal;

	PortalHomeController(ResidentPortal portal) {
		this.portal = portal;
	}

	@GetMapping("/portal")
	String home(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("me", this.portal.profile(user.getResidentId()));
		model.addAttribute("rooms", this.portal.rooms(user.getResidentId()));
		return "residents/portal-home";
	}

}
