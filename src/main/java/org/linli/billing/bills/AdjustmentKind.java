package org.linli.billing.bills;

/** Rows that change what a bill line owes without editing it. */
public enum AdjustmentKind {

	/** 减免: lowers what is owed, with a reason. */
	WAIVER,
	/** 作废: takes the line out of receivable, with a reason. */
	CANCELLATION,
	/** 滞纳金: one row per line and day, holding the increase since the last. */
	LATE_FEE

}
