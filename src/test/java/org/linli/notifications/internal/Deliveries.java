package org.linli.notifications.internal;

import org.springframework.context.ApplicationContext;

/**
 * Lets a test deliver the outbox now, as the background worker would on its next round
 * (the worker itself waits an hour in tests).
 */
public final class Deliveries {

	private Deliveries() {
	}

	/** Delivers every message that is due; answers how many were handled. */
	public static int deliverNow(ApplicationContext context) {
		return context.getBean(Courier.class).deliverDue();
	}

}
