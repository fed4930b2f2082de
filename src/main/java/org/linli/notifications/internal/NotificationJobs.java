package org.linli.notifications.internal;

import java.time.Duration;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The notifications module's background job: the outbox is delivered every few seconds,
 * on one node at a time.
 */
@Component
class NotificationJobs {

	private final BackgroundJobs jobs;

	private final Courier courier;

	NotificationJobs(BackgroundJobs jobs, Courier courier) {
		this.jobs = jobs;
		this.courier = courier;
	}

	@Scheduled(fixedDelayString = "${linli.notifications.poll:PT10S}",
			initialDelayString = "${linli.notifications.poll-initial-delay:PT15S}")
	void deliver() {
		this.jobs.onOneNode("notifications/deliver", Duration.ofMinutes(10), this.courier::deliverDue);
	}

}
