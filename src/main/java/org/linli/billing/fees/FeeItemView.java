package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A fee item as the API and pages show it. {@code appliesTo} is "ALL_ROOMS",
 * "PARKING_SPACES", {"buildingIds":[..]} or {"roomTypes":[..]}, as it was given.
 */
public record FeeItemView(Long id, Long communityId, String name, FeeMethod method, AreaBasis area,
		BigDecimal unitPrice, BigDecimal amount, MeterType meterType, List<Tier> tiers, Cycle cycle, Integer dueDay,
		Integer dueDaysAfterIssue, Object appliesTo, LateFeeView lateFee, YearMonth effectiveFrom,
		YearMonth effectiveTo, boolean autoDeduct, boolean prorateFirstPeriod) {

	public record LateFeeView(BigDecimal dailyRate, int graceDays, boolean capAtPrincipal) {
	}

	/** What the item bills. */
	@JsonIgnore
	public AppliesTo appliesToCode() {
		if (this.appliesTo instanceof Map<?, ?> map) {
			return map.containsKey("buildingIds") ? AppliesTo.BUILDINGS : AppliesTo.ROOM_TYPES;
		}
		return AppliesTo.valueOf(String.valueOf(this.appliesTo));
	}

	/**
	 * The buildings' ids or the room types the item is limited to (empty when it is not).
	 */
	@JsonIgnore
	public List<?> targets() {
		if (this.appliesTo instanceof Map<?, ?> map) {
			return (List<?>) map.values().iterator().next();
		}
		return List.of();
	}

	/**
	 * Whether the item is in force for a period: from its first month to its last, both
	 * included ({@code effectiveTo} is the last month billed).
	 */
	public boolean inForce(YearMonth period) {
		return !period.isBefore(this.effectiveFrom) && (this.effectiveTo == null || !period.isAfter(this.effectiveTo));
	}

	/** The months a line of this item covers. */
	@JsonIgnore
	public int months() {
		return this.method.isRecurring() ? this.cycle.months() : 1;
	}

	/**
	 * Whether a run may bill this item for a period: in force and, for recurring items,
	 * at a cycle's start.
	 */
	public boolean billableFor(YearMonth period) {
		if (!this.method.isConfigurable()) {
			return false;
		}
		return !this.method.isRecurring()
				|| (period.getMonthValue() - this.effectiveFrom.getMonthValue() + 12) % this.cycle.months() == 0;
	}

}
