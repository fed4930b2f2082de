package org.linli.billing;

import java.time.Instant;
import java.util.List;

import org.linli.shared.Money;

/**
 * Published when money is received for a room — at the counter, through the gateway, as a
 * deposit (settling nothing, all of it to the prepaid balance) or from the prepaid
 * balance (method PREPAID, which is not new money). Dunning stops reminding settled
 * lines; statistics count it.
 *
 * @param receiptNumber null for a prepaid deduction (the deposit had the receipt)
 * @param settled the bill lines it paid, with the part of the amount each took
 * @param toPrepaid what went to the room's prepaid balance
 */
public record PaymentReceived(long paymentId, long communityId, long roomId, Money amount, PaymentMethod method,
		String receiptNumber, List<SettledLine> settled, Money toPrepaid, Instant receivedAt) {

	public PaymentReceived {
		settled = List.copyOf(settled);
	}

	/** The part of the payment that settled one bill line. */
	public record SettledLine(long billId, Money amount) {
	}

}
