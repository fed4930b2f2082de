package org.linli.dunning.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The dunning module's background job. */
@Component
class DunningJobs {

	private final BackgroundJobs jobs;

	private final Reminders reminders;

	DunningJobs(BackgroundJobs jobs, Reminders reminders) {
		this.jobs = jobs;
		this.reminders = reminders;
	}

	/**
	 * Every morning at 9:30 ({@code linli.dunning.cron}), on one node, each community's
	 * policy reminds the rooms it is due to; after the night's late fees, so the amounts
	 * include them.
	 */
	@Scheduled(cron = "${linli.dunning.cron:0 30 9 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void daily() {
		this.jobs.onOneNode("dunning/daily", this.reminders::runAll);
	}

}
