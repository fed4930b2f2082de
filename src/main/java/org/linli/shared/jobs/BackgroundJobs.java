package org.linli.shared.jobs;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one way background work runs: by name, logged with its duration and count, and —
 * for jobs that must not overlap — on one node at a time when several share the database,
 * under a lock named after the job (ShedLock's {@code shedlock} table, with the
 * database's time). Every job is written to be safe to run twice: a job that finds its
 * work done does nothing.
 * <p>
 * A module keeps its scheduled triggers in one {@code *Jobs} class that calls its
 * services through this: <pre>
 * &#64;Scheduled(cron = "...")
 * void dailyRounds() {
 *     this.jobs.onOneNode("equipment/rounds", () -&gt; this.inspections.createRounds());
 * }
 * </pre>
 */
@Component
public class BackgroundJobs {

	private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

	/** A lock outlives a crashed node by at most this long. */
	public static final Duration DEFAULT_LOCK = Duration.ofMinutes(30);

	private final LockingTaskExecutor locks;

	private final JobMetrics metrics;

	BackgroundJobs(DataSource dataSource, java.time.Clock clock) {
		this.metrics = new JobMetrics(clock);
		this.locks = new DefaultLockingTaskExecutor(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.withTableName("shedlock")
					.usingDbTime()
					.build()));
	}

	/**
	 * Runs the job unless another node runs it now; answers what it counted, or nothing
	 * when it was left to the other node.
	 */
	public OptionalInt onOneNode(String name, IntSupplier job) {
		return onOneNode(name, DEFAULT_LOCK, job);
	}

	/**
	 * The same, with the longest time the lock is held should this node die while running
	 * it.
	 */
	public OptionalInt onOneNode(String name, Duration lockAtMostFor, IntSupplier job) {
		// the lock's own clock, not the application's: ShedLock keeps lock times in the
		// database's time (usingDbTime), which a test's shifted clock must not skew
		LockConfiguration lock = new LockConfiguration(ClockProvider.now(), name, lockAtMostFor, Duration.ZERO);
		try {
			LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(() -> timed(name, job), lock);
			if (!result.wasExecuted()) {
				log.debug("Job {} skipped: another node runs it", name);
				return OptionalInt.empty();
			}
			return OptionalInt.of(result.getResult());
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Job " + name + " failed", ex);
		}
	}

	/**
	 * Runs a job that is built for several nodes at once (each claims its own work, e.g.
	 * billing runs by {@code FOR UPDATE SKIP LOCKED}): named and logged like the others,
	 * without a lock.
	 */
	public int onEveryNode(String name, IntSupplier job) {
		return timed(name, job);
	}

	private int timed(String name, IntSupplier job) {
		long started = System.nanoTime();
		// every run of a job has its own correlation id in the log, like a request
		String outer = org.slf4j.MDC.get("correlationId");
		org.slf4j.MDC.put("correlationId", "job-" + name + "-" + Long.toHexString(System.nanoTime()));
		try {
			int count = job.getAsInt();
			long millis = (System.nanoTime() - started) / 1_000_000;
			this.metrics.succeeded(name, millis);
			if (count > 0) {
				log.info("Job {} done in {} ms: {}", name, millis, count);
			}
			else {
				log.debug("Job {} done in {} ms: nothing to do", name, millis);
			}
			return count;
		}
		catch (RuntimeException ex) {
			log.error("Job {} failed after {} ms", name, (System.nanoTime() - started) / 1_000_000, ex);
			this.metrics.failed(name);
			throw ex;
		}
		finally {
			if (outer != null) {
				org.slf4j.MDC.put("correlationId", outer);
			}
			else {
				org.slf4j.MDC.remove("correlationId");
			}
		}
	}

}
