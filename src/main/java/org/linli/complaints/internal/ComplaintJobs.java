package org.linli.complaints.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The complaints' background work, each on one node: flag items past their limits and
 * tell the managers (every five minutes), and close resolutions nobody confirmed within
 * seven days (hourly). Both are safe to run twice.
 */
@Component
class ComplaintJobs {

	private final BackgroundJobs jobs;

	private final ComplaintService complaints;

	ComplaintJobs(BackgroundJobs jobs, ComplaintService complaints) {
		this.jobs = jobs;
		this.complaints = complaints;
	}

	@Scheduled(fixedDelayString = "${linli.complaints.overdue-every:PT5M}", initialDelayString = "PT1M")
	void overdue() {
		this.jobs.onOneNode("complaints/overdue", this.complaints::flagOverdue);
	}

	@Scheduled(fixedDelayString = "${linli.complaints.close-every:PT1H}", initialDelayString = "PT2M")
	void closeUnconfirmed() {
		this.jobs.onOneNode("complaints/close-unconfirmed", this.complaints::closeUnconfirmed);
	}

}
