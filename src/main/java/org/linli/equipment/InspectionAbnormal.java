package org.linli.equipment;

/**
 * Published when an inspector marks a checkpoint abnormal: the work-orders module turns
 * it into a repair order. {@code equipmentId} is null when the checkpoint is a place
 * rather than a device.
 */
public record InspectionAbnormal(long communityId, long roundId, long checkpointId, String checkpoint, Long equipmentId,
		String note, Long reportedBy) {
}
