package org.linli.billing;

import java.util.Arrays;
import java.util.List;

/** How money was received. */
public enum PaymentMethod {

	CASH(true, false), BANK_TRANSFER(true, true), POS(true, false), WECHAT(true, true), ALIPAY(true, true),
	/** Through the payment gateway, from a resident's payment order. */
	ONLINE(false, true),
	/** From the room's prepaid balance: its deposit had the receipt. */
	PREPAID(false, false);

	private final boolean atCounter;

	private final boolean needsReference;

	PaymentMethod(boolean atCounter, boolean needsReference) {
		this.atCounter = atCounter;
		this.needsReference = needsReference;
	}

	/** The methods a cashier takes money by, in the order the form offers them. */
	public static List<PaymentMethod> atCounter() {
		return Arrays.stream(values()).filter((m) -> m.atCounter).toList();
	}

	public boolean isTakenAtCounter() {
		return this.atCounter;
	}

	/** A transfer's or an app payment's reference must be recorded to trace the money. */
	public boolean needsReference() {
		return this.needsReference;
	}

	/** Every method issues a numbered receipt but a prepaid deduction. */
	public boolean issuesReceipt() {
		return this != PREPAID;
	}

}
