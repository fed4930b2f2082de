package org.linli.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * Published when a billing run has issued a period's bills for a community: prepaid
 * balances pay the items set to be deducted automatically, statistics count the new
 * receivable, reminders can be planned.
 *
 * @param billed how many lines this run wrote (a rerun finds most of them there already)
 */
public record BillsIssued(long runId, long communityId, YearMonth period, List<Long> feeItemIds, int billed,
		Instant issuedAt) {

	public BillsIssued {
		feeItemIds = List.copyOf(feeItemIds);
	}

}
