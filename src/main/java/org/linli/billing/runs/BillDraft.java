package org.linli.billing.runs;

import java.time.LocalDate;
import java.util.List;

import org.linli.billing.fees.Charge;

/**
 * A bill line about to be written: for a room or a parking space, one fee item, one
 * period.
 */
record BillDraft(Long roomId, Long parkingSpaceId, long feeItemId, int months, Charge charge, LocalDate dueDate,
		List<Long> payerIds) {
}
