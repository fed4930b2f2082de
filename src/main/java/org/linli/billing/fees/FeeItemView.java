package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * A fee item as the API and pages show it. {@code appliesTo} is "ALL_ROOMS",
 * "PARKING_SPACES", {"buildingIds":[..]} or {"roomTypes":[..]}, as it was given.
 */
public record FeeItemView(Long id, Long communityId, String name, String method, String area, BigDecimal unitPrice,
		BigDecimal amount, String meterType, List<Tier> tiers, String cycle, Integer dueDay, Integer dueDaysAfterIssue,
		Object appliesTo, LateFeeView lateFee, YearMonth effectiveFrom, YearMonth effectiveTo, boolean autoDeduct) {

	public record LateFeeView(BigDecimal dailyRate, int graceDays, boolean capAtPrincipal) {
	}

	/** ALL_ROOMS, PARKING_SPACES, BUILDINGS or ROOM_TYPES. */
	public String appliesToCode() {
		if (this.appliesTo instanceof java.util.Map<?, ?> map) {
			return map.containsKey("buildingIds") ? "BUILDINGS" : "ROOM_TYPES";
		}
		return String.valueOf(this.appliesTo);
	}

	/**
	 * The buildings' ids or the room types the item is limited to (empty when it is not).
	 */
	public List<?> targets() {
		if (this.appliesTo instanceof java.util.Map<?, ?> map) {
			return (List<?>) map.values().iterator().next();
		}
		return List.of();
	}

	/** Whether the item is in force for a period. */
	public boolean inForce(YearMonth period) {
		return !period.isBefore(this.effectiveFrom) && (this.effectiveTo == null || period.isBefore(this.effectiveTo));
	}

}
