package org.linli.equipment.internal;

import java.time.Instant;

/**
 * An inspection round's state at an instant: upcoming, open in its window, done, or
 * missed once its window closed.
 */
public enum RoundStatus {

	UPCOMING, OPEN, DONE, MISSED;

	public static RoundStatus of(boolean done, Instant startsAt, Instant endsAt, Instant now) {
		if (done) {
			return DONE;
		}
		if (now.isAfter(endsAt)) {
			return MISSED;
		}
		return now.isBefore(startsAt) ? UPCOMING : OPEN;
	}

}
