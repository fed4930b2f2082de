package org.linli.community.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Community life's background work, on one node: notify the addressees of announcements
 * whose publishing time has come (every 30 seconds by default; safe to run twice).
 */
@Component
class CommunityJobs {

	private final BackgroundJobs jobs;

	private final Announcements announcements;

	CommunityJobs(BackgroundJobs jobs, Announcements announcements) {
		this.jobs = jobs;
		this.announcements = announcements;
	}

	@Scheduled(fixedDelayString = "${linli.community.publish-every:PT30S}", initialDelayString = "PT20S")
	void publish() {
		this.jobs.onOneNode("community/publish-announcements", this.announcements::notifyDue);
	}

}
