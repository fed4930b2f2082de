package org.linli.equipment.internal;

import java.time.LocalDate;

/**
 * A maintenance task's state on a day: scheduled ahead, open within the plan's lead time,
 * overdue after its due date until done. Never skipped: an overdue task stays overdue,
 * and reassignable, until someone completes it.
 */
public enum TaskStatus {

	SCHEDULED, OPEN, OVERDUE, DONE;

	public static TaskStatus of(boolean completed, LocalDate dueDate, int leadDays, LocalDate today) {
		if (completed) {
			return DONE;
		}
		if (dueDate.isBefore(today)) {
			return OVERDUE;
		}
		return dueDate.minusDays(leadDays).isAfter(today) ? SCHEDULED : OPEN;
	}

}
