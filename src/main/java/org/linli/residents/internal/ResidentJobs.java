package org.linli.residents.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The residents module's background jobs. */
@Component
class ResidentJobs {

	private final BackgroundJobs jobs;

	private final Occupancies occupancies;

	ResidentJobs(BackgroundJobs jobs, Occupancies occupancies) {
		this.jobs = jobs;
		this.occupancies = occupancies;
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
