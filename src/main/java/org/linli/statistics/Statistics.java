package org.linli.statistics;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.linli.shared.Money;

/** The fee statistics other modules show (the workbench). */
public interface Statistics {

	/**
	 * A month's collection in a community, by the collection report's definitions:
	 * receivable of the month's lines, received on them so far, and the rate (null when
	 * nothing was receivable).
	 */
	MonthCollection collectionOf(long communityId, YearMonth month);

	record MonthCollection(YearMonth month, Money receivable, Money received, BigDecimal rate) {
	}

}
