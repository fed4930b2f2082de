package org.linli.workorders;

import java.time.Instant;

import org.linli.shared.Money;

/**
 * Published when a repair is completed: its cost (labour and materials), what of it was
 * charged to the household (zero unless an in-home repair was chargeable), and the rest
 * being the community's repair expense.
 */
public record WorkOrderCompleted(long workOrderId, long communityId, String number, Area area, Long roomId,
		Long equipmentId, Money cost, Money charged, Instant completedAt) {
}
