package org.linli.billing.runs;

import org.linli.billing.bills.Bills;
import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The billing module's background jobs. */
@Component
class BillingJobs {

	private final BackgroundJobs jobs;

	private final BillingRuns runs;

	private final Bills bills;

	BillingJobs(BackgroundJobs jobs, BillingRuns runs, Bills bills) {
		this.jobs = jobs;
		this.runs = runs;
		this.bills = bills;
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

	/**
	 * Late fees accrue nightly; a day's row exists once per bill, so a second run adds
	 * nothing.
	 */
	@Scheduled(cron = "${linli.billing.late-fee-cron:0 15 1 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void lateFees() {
		this.jobs.onOneNode("billing/late-fees", this.bills::accrueLateFees);
	}

}
