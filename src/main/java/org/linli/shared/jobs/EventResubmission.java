package org.linli.shared.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Events between modules are recorded with the transaction that publishes them (Spring
 * Modulith's event publication registry) and marked complete when their listener has done
 * its work. A listener that failed, or whose node stopped, leaves its publication
 * incomplete: it is delivered again on the next start
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}) and, so that
 * nothing waits for a restart when several nodes run, by this job once it is older than
 * {@code linli.events.resubmit-after} (10 minutes). Every listener is written to be safe
 * to run twice.
 */
@Component
class EventResubmission {

	private final BackgroundJobs jobs;

	private final IncompleteEventPublications incomplete;

	private final Duration after;

	private final Clock clock;

	EventResubmission(BackgroundJobs jobs, IncompleteEventPublications incomplete, Clock clock,
			@Value("${linli.events.resubmit-after:PT10M}") Duration after) {
		this.clock = clock;
		this.jobs = jobs;
		this.incomplete = incomplete;
		this.after = after;
	}

	@Scheduled(fixedDelayString = "${linli.events.resubmit-every:PT5M}", initialDelayString = "PT2M")
	void resubmit() {
		this.jobs.onOneNode("events/resubmit", this::resubmitStale);
	}

	/**
	 * Delivers again every incomplete publication older than the threshold; answers how
	 * many.
	 */
	int resubmitStale() {
		Instant before = this.clock.instant().minus(this.after);
		AtomicInteger count = new AtomicInteger();
		this.incomplete.resubmitIncompletePublications((publication) -> {
			boolean stale = publication.getPublicationDate().isBefore(before);
			if (stale) {
				count.incrementAndGet();
			}
			return stale;
		});
		return count.get();
	}

}
