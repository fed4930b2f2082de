package org.linli.notifications;

/** Why a message is sent, which decides whether the recipient may decline it. */
public enum Purpose {

	/** A reminder (a fee overdue): residents may decline reminders by SMS or email. */
	REMINDER,
	/**
	 * Information (an activity, a repair's progress): may be declined by SMS or email
	 * like reminders.
	 */
	INFO,
	/** A notice the law or the contract requires: always sent. */
	REQUIRED,
	/**
	 * A code the recipient is waiting for (a portal activation code): always sent, and at
	 * once, quiet hours or not.
	 */
	CODE;

	/**
	 * Whether a resident's choice not to receive reminders by a channel applies to it.
	 */
	public boolean mayBeDeclined() {
		return this == REMINDER || this == INFO;
	}

	/** Whether text messages for it wait for the end of the quiet hours. */
	public boolean waitsForMorning() {
		return this != CODE;
	}

}
