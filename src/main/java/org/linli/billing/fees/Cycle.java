package org.linli.billing.fees;

/** How often a fee is billed; a bill covers this many months. */
public enum Cycle {

	MONTHLY(1), QUARTERLY(3), YEARLY(12);

	private final int months;

	Cycle(int months) {
		this.months = months;
	}

	public int months() {
		return this.months;
	}

}
