package org.linli.billing.fees;

/** The meters read per room. */
public enum MeterType {

	WATER, ELECTRICITY, GAS

}
