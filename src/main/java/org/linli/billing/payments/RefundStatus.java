package org.linli.billing.payments;

/** A refund request waits for a manager's decision; only an approval moves money. */
public enum RefundStatus {

	PENDING, APPROVED, REJECTED;

	/** From the decision row: none yet, approved or rejected. */
	public static RefundStatus of(Boolean approved) {
		if (approved == null) {
			return PENDING;
		}
		return approved ? APPROVED : REJECTED;
	}

}
