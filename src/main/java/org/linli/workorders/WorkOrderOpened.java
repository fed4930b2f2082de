package org.linli.workorders;

/** Published when a repair order is opened, whichever way it came in. */
public record WorkOrderOpened(long workOrderId, long communityId, String number, WorkOrderSource source,
		RepairCategory category, Urgency urgency, Long roomId, Long equipmentId) {
}
