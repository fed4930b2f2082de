package org.linli.residents.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The residents module's background jobs. */
@Component
class ResidentJobs {

	private final BackgroundJobs jobs;

	private final Occupancies occupancies;

	private final Anonymization anonymization;

	ResidentJobs(BackgroundJobs jobs, Occupancies occupancies, Anonymization anonymization) {
		this.jobs = jobs;
		this.occupancies = occupancies;
		this.anonymization = anonymization;
	}

	/**
	 * Every morning ({@code linli.residents.anonymization-cron}), on one node: the staff
	 * who may anonymize are told when former residents have become due.
	 */
	@Scheduled(cron = "${linli.residents.anonymization-cron:0 0 8 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void anonymizationDue() {
		this.jobs.onOneNode("residents/anonymization-due", this.anonymization::notifyDue);
	}

	/**
	 * Move-in and move-out days that arrive by themselves set the rooms' statuses,
	 * hourly.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void roomStatuses() {
		this.jobs.onOneNode("residents/room-statuses", this.occupancies::refreshRecentBoundaries);
	}

}
