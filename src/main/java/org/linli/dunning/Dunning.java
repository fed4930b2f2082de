package org.linli.dunning;

import java.time.Instant;

/**
 * What other modules may ask of dunning: how often a room was reminded of its arrears.
 * Like other facades it answers for any room; the caller checks the caller's scope.
 */
public interface Dunning {

	/** A room's reminders so far, and the last one's time (null when none). */
	ReminderCount reminders(long roomId);

	/** How many reminders a room was sent, and when the last one was. */
	record ReminderCount(int sent, Instant lastAt) {
	}

}
