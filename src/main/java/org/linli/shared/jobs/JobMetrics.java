package org.linli.shared.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

/**
 * What the metrics scraper sees of background jobs ({@code /actuator/prometheus}):
 * {@code linli_jobs_runs_total{job,outcome}}, {@code linli_jobs_duration_seconds{job}}
 * and {@code linli_jobs_last_success_seconds{job}} (the epoch second of the last run that
 * succeeded, on this node), so that a job that stopped succeeding raises an alert.
 */
final class JobMetrics {

	private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	private final Clock clock;

	JobMetrics(Clock clock) {
		this.clock = clock;
	}

	void succeeded(String job, long millis) {
		Metrics.counter("linli.jobs.runs", "job", job, "outcome", "success").increment();
		Metrics.timer("linli.jobs.duration", "job", job).record(Duration.ofMillis(millis));
		this.lastSuccess
			.computeIfAbsent(job,
					(name) -> Metrics.gauge("linli.jobs.last.success.seconds", Tags.of("job", name), new AtomicLong()))
			.set(this.clock.instant().getEpochSecond());
	}

	void failed(String job) {
		Metrics.counter("linli.jobs.runs", "job", job, "outcome", "failure").increment();
	}

}
