package org.linli.operations.internal;

import java.time.Duration;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly backup ({@code linli.backup.cron}, 02:30 by default, in the community's
 * time zone), then the removal of backups older than the days kept; on one node, and only
 * where Linli runs the database itself.
 */
@Component
class OperationsJobs {

	private final BackgroundJobs jobs;

	private final Backups backups;

	OperationsJobs(BackgroundJobs jobs, Backups backups) {
		this.jobs = jobs;
		this.backups = backups;
	}

	@Scheduled(cron = "${linli.backup.cron:0 30 2 * * *}", zone = "${linli.time-zone:Asia/Shanghai}")
	void nightlyBackup() {
		if (this.backups.available()) {
			this.jobs.onOneNode("operations/backup", Duration.ofHours(3), () -> {
				this.backups.create();
				return 1 + this.backups.prune();
			});
		}
	}

}
