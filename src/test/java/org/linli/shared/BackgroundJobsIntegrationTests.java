package org.linli.shared;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.linli.shared.jobs.BackgroundJobs;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that must not overlap runs on one node at a time: while it runs, the same job
 * elsewhere is skipped; once it is done, the next call runs it again.
 */
class BackgroundJobsIntegrationTests extends IntegrationTest {

	@Autowired
	BackgroundJobs jobs;

	@Test
	void aJobRunsOnOneNodeAtATime() throws Exception {
		String name = unique("test/job");
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<OptionalInt> first = CompletableFuture.supplyAsync(() -> this.jobs.onOneNode(name, () -> {
			running.countDown();
			await(release);
			return 7;
		}));
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

		// another node (here: another thread, another connection) finds the lock taken
		OptionalInt second = CompletableFuture.supplyAsync(() -> this.jobs.onOneNode(name, () -> 1))
			.get(10, TimeUnit.SECONDS);
		assertThat(second).isEmpty();

		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).hasValue(7);
		assertThat(this.jobs.onOneNode(name, () -> 3)).hasValue(3);
		assertThat(this.jdbc.sql("SELECT count(*) FROM shedlock WHERE name = ?").param(name).query(Long.class).single())
			.isEqualTo(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
