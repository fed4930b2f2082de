package org.linli.billing.bills;

/** Rows that change what a bill line owes without editing it. */
public enum AdjustmentKind {

	/**
	 * 减免本金: lowers the principal, with a reason; late fees accrue on what is left from
	 * its day.
	 */
	WAIVER,
	/** 减免滞纳金: lowers the late fee owed, never the principal. */
	LATE_FEE_WAIVER,
	/** 作废: takes the line out of receivable, with a reason. */
	CANCELLATION,
	/**
	 * 滞纳金: the daily postings of an earlier accrual, kept as history and read by nothing
	 * — a late fee is now worked out from the line's history.
	 */
	LATE_FEE

}
