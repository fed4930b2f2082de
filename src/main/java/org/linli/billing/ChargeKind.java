package org.linli.billing;

/**
 * The kinds of charge other modules add to a room's bill, each billed under its own fee
 * item (named from {@code billing.chargeKind.*}).
 */
public enum ChargeKind {

	/** 维修费: a chargeable in-home repair (materials, labour). */
	REPAIR,
	/** 活动费: a community activity with a fee. */
	ACTIVITY,
	/** 其他费用. */
	OTHER

}
