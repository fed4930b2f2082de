package org.linli.workorders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a repair order stands, and every step between states in one place: a step not
 * allowed from the current state is refused (409) naming both states.
 */
public enum WorkOrderStatus {

	/** Reported, waiting for a technician (in the pool). */
	SUBMITTED,
	/** Given to a technician, who has not accepted it yet. */
	ASSIGNED,
	/** Accepted by its technician: the response (响应). */
	ACCEPTED,
	/** Being worked on. */
	IN_PROGRESS,
	/** Waiting, e.g. for parts. */
	ON_HOLD,
	/** Given back by its technician with a reason: in the pool again. */
	RETURNED,
	/** Work done, waiting for the reporter's rating. */
	COMPLETED,
	/** Rated, or closed by itself seven days after completion. */
	CLOSED,
	/** Withdrawn by the reporter before work began, or by staff with a reason. */
	CANCELLED;

	/** In the pool: nobody has it, technicians may take it. */
	public boolean inPool() {
		return this == SUBMITTED || this == RETURNED;
	}

	/** Someone still has to do something about it (the repair is not done). */
	public boolean isOpen() {
		return this != COMPLETED && this != CLOSED && this != CANCELLED;
	}

	/** Work has not begun: the reporter may still withdraw it. */
	public boolean beforeWork() {
		return this == SUBMITTED || this == ASSIGNED || this == ACCEPTED || this == RETURNED;
	}

	/** The states an order may be in while still being worked towards completion. */
	public static Set<WorkOrderStatus> open() {
		return EnumSet.of(SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD, RETURNED);
	}

	/**
	 * The steps of an order, each from the states it may be taken in, to the state it
	 * leads to.
	 */
	public enum Step {

		/** A dispatcher gives it to a technician (派单), or to another one. */
		ASSIGN(WorkOrderStatus.ASSIGNED, SUBMITTED, RETURNED, ASSIGNED, ACCEPTED),
		/** A technician takes it from the pool (抢单): assigned and accepted at once. */
		TAKE(WorkOrderStatus.ACCEPTED, SUBMITTED, RETURNED),
		/** Its technician accepts it. */
		ACCEPT(WorkOrderStatus.ACCEPTED, ASSIGNED),
		/** Work begins. */
		START(WorkOrderStatus.IN_PROGRESS, ACCEPTED),
		/** Work pauses, e.g. waiting for parts. */
		HOLD(WorkOrderStatus.ON_HOLD, IN_PROGRESS),
		/** Work goes on after a pause. */
		RESUME(WorkOrderStatus.IN_PROGRESS, ON_HOLD),
		/** Its technician gives it back with a reason: to the pool. */
		RETURN(WorkOrderStatus.RETURNED, ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD),
		/** The repair is done. */
		COMPLETE(WorkOrderStatus.COMPLETED, IN_PROGRESS),
		/** The reporter rates it, which closes it. */
		RATE(WorkOrderStatus.CLOSED, COMPLETED),
		/** Nobody rated it within seven days of completion. */
		AUTO_CLOSE(WorkOrderStatus.CLOSED, COMPLETED),
		/** The reporter withdraws it before work begins. */
		WITHDRAW(WorkOrderStatus.CANCELLED, SUBMITTED, ASSIGNED, ACCEPTED, RETURNED),
		/**
		 * Staff cancel it with a reason, at any time before it is closed (a completed
		 * order's charge is cancelled with it, unless paid).
		 */
		CANCEL(WorkOrderStatus.CANCELLED, SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD, RETURNED, COMPLETED);

		private final WorkOrderStatus to;

		private final Set<WorkOrderStatus> from;

		Step(WorkOrderStatus to, WorkOrderStatus first, WorkOrderStatus... more) {
			this.to = to;
			this.from = EnumSet.of(first, more);
		}

		public WorkOrderStatus to() {
			return this.to;
		}

		public boolean allowedFrom(WorkOrderStatus status) {
			return this.from.contains(status);
		}

		/** Whether the step needs a reason written beside it. */
		public boolean needsNote() {
			return this == HOLD || this == RETURN || this == CANCEL;
		}

	}

}
