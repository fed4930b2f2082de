package org.linli.support;

import java.time.Duration;

/**
 * For what happens after a request returns (a listener of an event runs after its
 * transaction commits): retries an assertion for up to ten seconds, and fails with its
 * last failure.
 */
public final class Eventually {

	private Eventually() {
	}

	public static void eventually(Runnable assertion) {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try {
				assertion.run();
				return;
			}
			catch (AssertionError ex) {
				if (System.nanoTime() > until) {
					throw ex;
				}
			}
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
