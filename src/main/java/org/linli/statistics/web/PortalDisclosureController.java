package org.linli.statistics.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.ResidentUser;
import org.linli.residents.Residents;
import org.linli.shared.NotFoundException;
import org.linli.shared.Times;
import org.linli.statistics.internal.Reports;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The owners' disclosure (公示) in the residents' portal: the figures of the community they
 * live in — fee items and prices, income and expense by category, collection rates, the
 * maintenance of lifts and fire equipment — and nothing about any person or room.
 */
@Controller
class PortalDisclosureController {

	private final Reports reports;

	private final Residents residents;

	private final Estate estate;

	private final java.time.Clock clock;

	PortalDisclosureController(Reports reports, Residents residents, Estate estate, java.time.Clock clock) {
		this.reports = reports;
		this.residents = residents;
		this.estate = estate;
		this.clock = clock;
	}

	@GetMapping("/portal/disclosure")
	String disclosure(@AuthenticationPrincipal ResidentUser user, @RequestParam(required = false) Long communityId,
			@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer quarter,
			Model model) {
		Set<Long> mine = new LinkedHashSet<>();
		List<RoomRef> rooms = new ArrayList<>(
				this.estate.rooms(this.residents.roomsOf(user.getResidentId(), Times.today(this.clock))).values());
		rooms.forEach((r) -> mine.add(r.communityId()));
		if (mine.isEmpty()) {
			model.addAttribute("disclosure", null);
			return "statistics/portal-disclosure";
		}
		long community = (communityId != null) ? communityId : mine.iterator().next();
		if (!mine.contains(community)) {
			throw new NotFoundException("community", community);
		}
		model.addAttribute("disclosure", this.reports.disclosureForResidents(community, year, quarter));
		model.addAttribute("staff", false);
		return "statistics/portal-disclosure";
	}

}
