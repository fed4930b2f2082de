package org.linli.billing.bills;

import java.util.List;

import org.linli.residents.OpenLinesAtMoveOut;

import org.springframework.stereotype.Component;

/**
 * Tells the residents module, as someone moves out, which lines of the room they pay are
 * still open: their debts stay theirs (and stay in their portal) after they leave.
 */
@Component
class OpenLinesForMoveOut implements OpenLinesAtMoveOut {

	private final Bills bills;

	OpenLinesForMoveOut(Bills bills) {
		this.bills = bills;
	}

	@Override
	public List<OpenLine> openLines(long roomId, long residentId) {
		return this.bills.openLinesOf(roomId)
			.stream()
			.filter((line) -> line.payerIds().contains(residentId))
			.map((line) -> new OpenLine(line.id(), line.feeItemName(), line.period(), line.outstanding().amount()))
			.toList();
	}

}
