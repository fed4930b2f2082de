package org.linli.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rate limits shared by every node on the database: a key (what is limited and for whom)
 * may be hit {@code limit} times in each fixed window of the given length. Each hit is
 * one atomic upsert, so two nodes counting the same key at once count both hits; a
 * refused hit counts too, so hammering does not reopen the gate sooner.
 */
@Component
public class RateLimits {

	private final JdbcClient jdbc;

	private final BackgroundJobs jobs;

	private final Clock clock;

	RateLimits(JdbcClient jdbc, BackgroundJobs jobs, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * Counts a hit on the key; whether the hits of the last {@code window} (this fixed
	 * window's, and the previous one's in proportion to how much of it still lies within
	 * the last {@code window}) are within the limit — a sliding window, so that a burst
	 * across a window's boundary is still one burst.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean tryTake(String key, int limit, Duration window) {
		long length = window.toMillis();
		long now = this.clock.instant().toEpochMilli();
		long elapsed = Math.floorMod(now, length);
		Instant start = Instant.ofEpochMilli(now - elapsed);
		String name = (key.length() > 200) ? key.substring(0, 200) : key;
		long hits = this.jdbc.sql("""
				INSERT INTO rate_window (key, window_start, hits) VALUES (?, ?, 1)
				ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_window.hits + 1 RETURNING hits""")
			.params(name, Timestamp.from(start))
			.query(Long.class)
			.single();
		long previous = this.jdbc.sql("SELECT hits FROM rate_window WHERE key = ? AND window_start = ?")
			.params(name, Timestamp.from(start.minusMillis(length)))
			.query(Long.class)
			.optional()
			.orElse(0L);
		return hits * length + previous * (length - elapsed) <= (long) limit * length;
	}

	/** Forgets windows over a day old (hourly, on one node). */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forget() {
		this.jobs.onOneNode("shared/rate-windows",
				() -> this.jdbc.sql("DELETE FROM rate_window WHERE window_start < ?")
					.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
					.update());
	}

}
