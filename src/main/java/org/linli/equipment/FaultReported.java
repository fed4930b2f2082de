package org.linli.equipment;

import java.time.Instant;

/**
 * Published when a fault of a device is reported through its public QR page (anyone,
 * without signing in): the module that handles repairs (work orders) turns it into a
 * repair order.
 *
 * @param reporterName as the reporter gave it, or null
 */
public record FaultReported(long faultId, long communityId, long equipmentId, String equipmentCode,
		DeviceCategory category, String description, String reporterName, Instant reportedAt) {
}
