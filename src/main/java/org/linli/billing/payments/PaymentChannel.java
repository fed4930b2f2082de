package org.linli.billing.payments;

/** Where a payment came in. */
public enum PaymentChannel {

	/** A cashier at the desk. */
	COUNTER,
	/** The payment gateway's signed notification. */
	GATEWAY,
	/** The system, from a prepaid balance. */
	AUTO

}
