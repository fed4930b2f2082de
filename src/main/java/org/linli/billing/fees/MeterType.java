package org.linli.billing.fees;

import java.math.BigDecimal;

/** The meters read per room. */
public enum MeterType {

	/** Cubic metres; a household rarely uses more than 200 m³ a month. */
	WATER(200),
	/** Kilowatt-hours; a household rarely uses more than 5,000 kWh a month. */
	ELECTRICITY(5000),
	/** Cubic metres; a household rarely uses more than 500 m³ a month. */
	GAS(500);

	/** The most a dial shows: a reading beyond is a typing mistake, never a reading. */
	public static final BigDecimal MAX_READING = new BigDecimal("99999999");

	private final BigDecimal usualMonthlyMaximum;

	MeterType(int usualMonthlyMaximum) {
		this.usualMonthlyMaximum = BigDecimal.valueOf(usualMonthlyMaximum);
	}

	/**
	 * Usage above this in one reading is taken only when staff confirm it (a leak, a
	 * missed month), never silently billed.
	 */
	public BigDecimal usualMonthlyMaximum() {
		return this.usualMonthlyMaximum;
	}

}
