package org.linli.complaints;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a complaint, suggestion or praise stands, and every step between states in one
 * place: a step not allowed from the current state is refused (409) naming both states.
 */
public enum ComplaintStatus {

	/** Submitted, waiting for a supervisor to give it to a handler. */
	SUBMITTED,
	/** Given to a handler: accepted (受理). */
	ASSIGNED,
	/** Its handler has followed it up at least once. */
	IN_PROGRESS,
	/** Resolved with a result the resident reads; waiting for their confirmation. */
	RESOLVED,
	/** Confirmed satisfied, or closed by itself seven days after resolution. */
	CLOSED,
	/** The resident was not satisfied with the resolution: open again. */
	REOPENED,
	/** Withdrawn by its author before resolution. */
	WITHDRAWN;

	/** Someone still has to do something about it. */
	public boolean isOpen() {
		return this == SUBMITTED || this == ASSIGNED || this == IN_PROGRESS || this == REOPENED;
	}

	/** The states of items still being handled. */
	public static Set<ComplaintStatus> open() {
		return EnumSet.of(SUBMITTED, ASSIGNED, IN_PROGRESS, REOPENED);
	}

	/** The states as SQL, for the same rule in a statement. */
	public static final String OPEN_SQL = "('SUBMITTED','ASSIGNED','IN_PROGRESS','REOPENED')";

	/**
	 * The steps of an item, each from the states it may be taken in, to where it leads.
	 */
	public enum Step {

		/** A supervisor gives it to a handler: it is accepted (受理). */
		ASSIGN(ComplaintStatus.ASSIGNED, SUBMITTED),
		/**
		 * A supervisor gives it to another handler: it stays where it was (a reopened
		 * item stays reopened).
		 */
		REASSIGN(null, ASSIGNED, IN_PROGRESS, REOPENED),
		/** Its handler notes what was done, whom they contacted, the next step (跟进). */
		FOLLOW_UP(ComplaintStatus.IN_PROGRESS, ASSIGNED, IN_PROGRESS, REOPENED),
		/** Its handler resolves it with a result (a suggestion's reply). */
		RESOLVE(ComplaintStatus.RESOLVED, ASSIGNED, IN_PROGRESS, REOPENED),
		/** The resident is satisfied with the resolution. */
		CONFIRM(ComplaintStatus.CLOSED, RESOLVED),
		/** The resident is not satisfied: it opens again and the manager hears of it. */
		REOPEN(ComplaintStatus.REOPENED, RESOLVED),
		/** Nobody confirmed within seven days of the resolution. */
		AUTO_CLOSE(ComplaintStatus.CLOSED, RESOLVED),
		/** The author withdraws it before it is resolved. */
		WITHDRAW(ComplaintStatus.WITHDRAWN, SUBMITTED, ASSIGNED, IN_PROGRESS, REOPENED);

		private final ComplaintStatus to;

		private final Set<ComplaintStatus> from;

		Step(ComplaintStatus to, ComplaintStatus first, ComplaintStatus... more) {
			this.to = to;
			this.from = EnumSet.of(first, more);
		}

		/** Where the step leads; null for a step that keeps the state (REASSIGN). */
		public ComplaintStatus to() {
			return this.to;
		}

		/** The state after the step from {@code from}. */
		public ComplaintStatus after(ComplaintStatus from) {
			return (this.to != null) ? this.to : from;
		}

		public boolean allowedFrom(ComplaintStatus status) {
			return this.from.contains(status);
		}

	}

}
