package org.linli.billing.runs;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The billing module's background jobs. */
@Component
class BillingJobs {

	private final BackgroundJobs jobs;

	private final BillingRuns runs;

	BillingJobs(BackgroundJobs jobs, BillingRuns runs) {
		this.jobs = jobs;
		this.runs = runs;
	}

	/**
	 * Queued runs, and runs whose node stopped, are picked up every few seconds by every
	 * node: each run is claimed by one ({@code FOR UPDATE SKIP LOCKED}).
	 */
	@Scheduled(fixedDelayString = "${linli.billing.poll:PT5S}",
			initialDelayString = "${linli.billing.poll-initial-delay:PT10S}")
	void pickUpRuns() {
		this.jobs.onEveryNode("billing/runs", this.runs::pickUp);
	}

}
