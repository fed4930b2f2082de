package org.linli.equipment;

/**
 * Published when an inspector marks a checkpoint abnormal: for the module that handles
 * repairs (work orders), to turn it into a repair order. {@code equipmentId} is null when
 * the checkpoint is a place rather than a device.
 */
public record InspectionAbnormal(long communityId, long roundId, long checkpointId, String checkpoint, Long equipmentId,
		String note, Long reportedBy) {
}
