package org.linli.billing.fees;

/** How a fee item prices a line. */
public enum FeeMethod {

	/** Floor area × price per m² per month × months. */
	AREA,
	/** Metered usage × price, or split across tiers. */
	METERED,
	/** A fixed amount per month × months. */
	FIXED,
	/** A fixed amount, billed once per room. */
	ONE_TIME,
	/**
	 * Amounts charged one by one by other modules (a chargeable repair, an activity's
	 * fee).
	 */
	CHARGE;

	/** Priced per unit (m² or metered unit). */
	public boolean hasUnitPrice() {
		return this == AREA || this == METERED;
	}

	/** Priced as a fixed amount. */
	public boolean hasAmount() {
		return this == FIXED || this == ONE_TIME;
	}

	/** Billed by runs, period after period. */
	public boolean isRecurring() {
		return this == AREA || this == METERED || this == FIXED;
	}

	/** Finance configures it (charges' items are made by the billing facade). */
	public boolean isConfigurable() {
		return this != CHARGE;
	}

}
