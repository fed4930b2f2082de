package org.linli.billing.payments;

/** Movements of a prepaid account: balance = deposits − deductions − refunds. */
public enum PrepaidEntryKind {

	DEPOSIT, DEDUCTION, REFUND;

	/** The entry's sign in the balance. */
	public int sign() {
		return (this == DEPOSIT) ? 1 : -1;
	}

}
