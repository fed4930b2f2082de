package org.linli.statistics.web;

import java.time.YearMonth;

import org.linli.shared.web.FormValues;
import org.linli.statistics.internal.Reports;

/** The report parameters as typed in a link or a form: each refused with its name. */
final class StatsParams {

	private StatsParams() {
	}

	static YearMonth month(FormValues values, String field, String value, YearMonth otherwise) {
		return (value == null || value.isBlank()) ? otherwise : values.month(field, value.trim());
	}

	static Reports.GroupBy groupBy(FormValues values, String value, Reports.GroupBy otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		return values.choice(Reports.GroupBy.class, "groupBy", value.trim().toUpperCase(java.util.Locale.ROOT));
	}

	static Reports.By by(FormValues values, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String code = switch (value.trim()) {
			case "building", "BUILDING" -> "BUILDING";
			case "feeItem", "FEE_ITEM", "fee_item" -> "FEE_ITEM";
			default -> value.trim();
		};
		return values.choice(Reports.By.class, "by", code);
	}

}
