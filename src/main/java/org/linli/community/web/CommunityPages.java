package org.linli.community.web;

import org.linli.estate.Estate;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every community page shows around its content: the community (the member's, else
 * 404), the chooser of the member's communities and the buildings for audiences.
 */
@Component
class CommunityPages {

	private final Estate estate;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	CommunityPages(Estate estate, CommunityDirectory communities, CurrentStaff current) {
		this.estate = estate;
		this.communities = communities;
		this.current = current;
	}

	String show(long communityId, Model model, String view) {
		this.current.requireCommunity(communityId, "community", communityId);
		model.addAttribute("communityId", communityId);
		model.addAttribute("communityName", this.communities.nameOf(communityId));
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("buildings", this.estate.buildingsIn(communityId));
		return view;
	}

	/** The menu entry's community: the chosen one, else the first the member serves. */
	long chosen(Long communityId) {
		return this.communities.chosenWithin(this.current.scope(), communityId).id();
	}

}
