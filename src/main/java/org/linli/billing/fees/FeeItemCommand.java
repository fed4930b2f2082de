package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * A fee item as finance describes it, already parsed; {@link FeeItems} checks it.
 */
public record FeeItemCommand(String name, String method, String area, BigDecimal unitPrice, BigDecimal amount,
		String meterType, List<Tier> tiers, String cycle, Integer dueDay, Integer dueDaysAfterIssue, String appliesTo,
		List<Long> buildingIds, List<String> roomTypes, LateFees lateFee, YearMonth effectiveFrom,
		YearMonth effectiveTo, boolean autoDeduct) {

	public FeeItemCommand {
		name = (name == null || name.isBlank()) ? null : name.trim();
		tiers = (tiers != null) ? List.copyOf(tiers) : List.of();
		buildingIds = (buildingIds != null) ? List.copyOf(buildingIds) : List.of();
		roomTypes = (roomTypes != null) ? List.copyOf(roomTypes) : List.of();
	}

}
