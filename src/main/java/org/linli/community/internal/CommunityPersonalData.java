package org.linli.community.internal;

import org.linli.shared.PersonalDataSection;

import org.springframework.stereotype.Component;

/** The household's activity registrations the resident may see, in the download. */
@Component
class CommunityPersonalData implements PersonalDataSection {

	private final Activities activities;

	CommunityPersonalData(Activities activities) {
		this.activities = activities;
	}

	@Override
	public String name() {
		return "activities";
	}

	@Override
	public Object of(long residentId) {
		return this.activities.mine(residentId).registrations();
	}

}
