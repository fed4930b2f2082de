package org.linli.billing.web;

import org.linli.billing.payments.Refunds;
import org.linli.shared.web.FormValues;

/** A refund asked for on a page (of a payment or of a prepaid balance), as typed. */
record RefundForm(String amount, String reason) {

	Refunds.RefundCommand command() {
		FormValues values = new FormValues();
		Refunds.RefundCommand command = new Refunds.RefundCommand(values.decimal("amount", this.amount), this.reason);
		values.throwIfAny();
		return command;
	}

}
