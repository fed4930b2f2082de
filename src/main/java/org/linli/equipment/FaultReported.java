package org.linli.equipment;

import java.time.Instant;

/**
 * Published when a fault of a device is reported through its public QR page (anyone,
 * without signing in): the work-orders module opens a repair order for it.
 *
 * @param reporterName as the reporter gave it, or null
 */
public record FaultReported(long faultId, long communityId, long equipmentId, String equipmentCode,
		DeviceCategory category, String description, String reporterName, Instant reportedAt) {
}
