package org.linli.operations.internal;

import java.time.Duration;

import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Key rotation's batches while old keys are configured, and the nightly backup
 * ({@code linli.backup.cron}, 02:30 by default, in the community's time zone), then the
 * removal of backups older than the days kept; on one node, and only where Linli runs the
 * database itself.
 */
@Component
class OperationsJobs {

	private final BackgroundJobs jobs;

	private final Backups backups;

	private final KeyRotation rotation;

	private final PersonalDataCipher cipher;

	OperationsJobs(BackgroundJobs jobs, Backups backups, KeyRotation rotation, PersonalDataCipher cipher) {
		this.jobs = jobs;
		this.backups = backups;
		this.rotation = rotation;
		this.cipher = cipher;
	}

	/**
	 * While old keys are configured: every minute, on one node, seal again with the
	 * current key what an old one sealed (for up to 50 seconds a run).
	 */
	@Scheduled(fixedDelayString = "${linli.crypto.rotate-every:PT1M}", initialDelayString = "PT30S")
	void keyRotation() {
		if (this.cipher.rotating()) {
			this.jobs.onOneNode("operations/key-rotation", Duration.ofMinutes(5),
					() -> this.rotation.rotate(Duration.ofSeconds(50)));
		}
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
