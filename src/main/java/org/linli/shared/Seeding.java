package org.linli.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link Seed}s once, after every bean is ready and just before the web server
 * starts (a lifecycle phase below the server's): Spring Boot's own runners come after the
 * port has opened, when a newcomer signing in at once would not yet find the
 * {@code admin} account the log promised.
 */
@Component
class Seeding implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Seeding.class);

	private final ObjectProvider<Seed> seeds;

	private volatile boolean done;

	Seeding(ObjectProvider<Seed> seeds) {
		this.seeds = seeds;
	}

	@Override
	public void start() {
		if (this.done) {
			return;
		}
		long started = System.nanoTime();
		this.seeds.orderedStream().forEach(Seed::seed);
		this.done = true;
		log.debug("Seeds done in {} ms", (System.nanoTime() - started) / 1_000_000);
	}

	@Override
	public void stop() {
		// seeds leave nothing running
	}

	@Override
	public boolean isRunning() {
		return this.done;
	}

	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

}
