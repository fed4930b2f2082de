package org.linli.workorders.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderStatus;

/**
 * Response and completion limits (SLA) by urgency, and whether an order is past them: a
 * pure rule of the order's state and a time.
 *
 * @param respond from reporting to a technician accepting it
 * @param resolve from reporting to completion
 */
record Sla(Duration respond, Duration resolve) {

	/** The defaults: emergency 30 min / 4 h, urgent 2 h / 24 h, normal 24 h / 72 h. */
	static Map<Urgency, Sla> defaults() {
		Map<Urgency, Sla> limits = new EnumMap<>(Urgency.class);
		limits.put(Urgency.EMERGENCY, new Sla(Duration.ofMinutes(30), Duration.ofHours(4)));
		limits.put(Urgency.URGENT, new Sla(Duration.ofHours(2), Duration.ofHours(24)));
		limits.put(Urgency.NORMAL, new Sla(Duration.ofHours(24), Duration.ofHours(72)));
		return limits;
	}

	Instant respondBy(Instant reported) {
		return reported.plus(this.respond);
	}

	Instant resolveBy(Instant reported) {
		return reported.plus(this.resolve);
	}

	/**
	 * Past a limit at {@code now}: not yet accepted after its response limit, or not yet
	 * completed after its completion limit. Completed, closed and cancelled orders are
	 * never overdue.
	 */
	static boolean overdue(WorkOrderStatus status, Instant respondBy, Instant resolveBy, Instant respondedAt,
			Instant now) {
		if (!status.isOpen()) {
			return false;
		}
		boolean unanswered = respondedAt == null && now.isAfter(respondBy);
		return unanswered || now.isAfter(resolveBy);
	}

	/**
	 * The same rule in SQL over a {@code work_order} row aliased {@code w}, at the
	 * parameter {@code :now}.
	 */
	static final String OVERDUE_SQL = "(w.status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')"
			+ " AND ((w.responded_at IS NULL AND w.respond_by < :now) OR w.resolve_by < :now))";

}
