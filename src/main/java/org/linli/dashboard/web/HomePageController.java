package org.linli.dashboard.web;

import java.util.List;

import org.linli.dashboard.internal.ResidentHome;
import org.linli.dashboard.internal.Workbench;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.ResidentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff workbench ({@code /admin}) and the resident's home ({@code /portal}). */
@Controller
class HomePageController {

	private final Workbench workbench;

	private final ResidentHome residentHome;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	HomePageController(Workbench workbench, ResidentHome residentHome, CommunityDirectory communities,
			CurrentStaff current) {
		this.workbench = workbench;
		this.residentHome = residentHome;
		this.communities = communities;
		this.current = current;
	}

	@GetMapping("/admin")
	String workbench(@RequestParam(required = false) Long communityId, Model model) {
		List<CommunityDirectory.CommunityRef> mine = this.communities.within(this.current.scope());
		model.addAttribute("communities", mine);
		if (mine.isEmpty()) {
			model.addAttribute("tiles", List.of());
			return "dashboard/workbench";
		}
		CommunityDirectory.CommunityRef chosen = CommunityDirectory.chosenAmong(mine, communityId);
		model.addAttribute("communityId", chosen.id());
		model.addAttribute("communityName", chosen.name());
		model.addAttribute("tiles", this.workbench.tiles(chosen.id()));
		return "dashboard/workbench";
	}

	@GetMapping("/portal")
	String residentHome(@AuthenticationPrincipal ResidentUser user, Model model) {
		model.addAttribute("home", this.residentHome.of(user.getResidentId()));
		return "dashboard/portal-home";
	}

}
