package org.linli.equipment.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The equipment module's background jobs: maintenance tasks and inspection rounds are
 * generated ahead every night (idempotent: each task and round exists once by its unique
 * key).
 */
@Component
class EquipmentJobs {

	private final BackgroundJobs jobs;

	private final Maintenance maintenance;

	private final Inspections inspections;

	EquipmentJobs(BackgroundJobs jobs, Maintenance maintenance, Inspections inspections) {
		this.jobs = jobs;
		this.maintenance = maintenance;
		this.inspections = inspections;
	}

	@Scheduled(cron = "${linli.equipment.schedule-cron:0 5 0 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void maintenanceTasks() {
		this.jobs.onOneNode("equipment/maintenance-tasks", this.maintenance::generateAll);
	}

	@Scheduled(cron = "${linli.equipment.rounds-cron:0 10 0 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void inspectionRounds() {
		this.jobs.onOneNode("equipment/inspection-rounds", this.inspections::generateAll);
	}

	/**
	 * After downtime the horizons are refilled when the application is up again, not at
	 * the next midnight.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void catchUp() {
		maintenanceTasks();
		inspectionRounds();
	}

}
