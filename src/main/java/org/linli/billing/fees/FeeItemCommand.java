package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.linli.estate.RoomType;

/**
 * A fee item as finance describes it, already parsed; {@link FeeItems} checks it. Absent
 * choices are null and get their defaults there (building area, monthly, due on the
 * 15th).
 */
public record FeeItemCommand(String name, FeeMethod method, AreaBasis area, BigDecimal unitPrice, BigDecimal amount,
		MeterType meterType, List<Tier> tiers, Cycle cycle, Integer dueDay, Integer dueDaysAfterIssue,
		AppliesTo appliesTo, List<Long> buildingIds, List<RoomType> roomTypes, LateFees lateFee,
		YearMonth effectiveFrom, YearMonth effectiveTo, boolean autoDeduct, boolean prorateFirstPeriod) {

	public FeeItemCommand {
		name = (name == null || name.isBlank()) ? null : name.trim();
		tiers = (tiers != null) ? List.copyOf(tiers) : List.of();
		buildingIds = (buildingIds != null) ? List.copyOf(buildingIds) : List.of();
		roomTypes = (roomTypes != null) ? List.copyOf(roomTypes) : List.of();
	}

}
