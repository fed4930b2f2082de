package org.linli.billing;

import org.linli.shared.Money;

/**
 * Where a bill line stands. It follows from the line's rows — never stored, never edited:
 * the amount billed, the late fees accrued, the waivers, what was paid (less approved
 * refunds) and whether it was cancelled.
 */
public enum BillStatus {

	/** Nothing paid, something owed. */
	UNPAID,
	/** Part paid, the rest owed. */
	PARTIALLY_PAID,
	/** Settled, at least partly by payment. */
	PAID,
	/** Settled by waivers alone. */
	WAIVED,
	/** Cancelled (作废): out of receivable. */
	CANCELLED;

	/**
	 * What is still owed: billed + late fees − waived − paid, never below zero; nothing
	 * once cancelled.
	 */
	public static Money outstanding(Money amount, Money lateFee, Money waived, Money paid, boolean cancelled) {
		if (cancelled) {
			return Money.ZERO;
		}
		Money owed = amount.plus(lateFee).minus(waived).minus(paid);
		return owed.isNegative() ? Money.ZERO : owed;
	}

	/** The status of a line from its figures. */
	public static BillStatus of(Money amount, Money lateFee, Money waived, Money paid, boolean cancelled) {
		if (cancelled) {
			return CANCELLED;
		}
		if (!outstanding(amount, lateFee, waived, paid, false).isPositive()) {
			return paid.isPositive() ? PAID : WAIVED;
		}
		return paid.isPositive() ? PARTIALLY_PAID : UNPAID;
	}

	/** Something is owed on it: payments, late fees and reminders apply. */
	public boolean isOpen() {
		return this == UNPAID || this == PARTIALLY_PAID;
	}

}
