package org.linli.workorders.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The repair orders' background work, each on one node: flag orders past their limits and
 * tell the managers (every five minutes), and close completed orders nobody rated within
 * seven days (hourly). Both are safe to run twice.
 */
@Component
class WorkOrderJobs {

	private final BackgroundJobs jobs;

	private final WorkOrderService orders;

	WorkOrderJobs(BackgroundJobs jobs, WorkOrderService orders) {
		this.jobs = jobs;
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${linli.workorders.overdue-every:PT5M}", initialDelayString = "PT1M")
	void overdue() {
		this.jobs.onOneNode("workorders/overdue", this.orders::flagOverdue);
	}

	@Scheduled(fixedDelayString = "${linli.workorders.close-every:PT1H}", initialDelayString = "PT2M")
	void closeUnrated() {
		this.jobs.onOneNode("workorders/close-unrated", this.orders::closeUnrated);
	}

}
