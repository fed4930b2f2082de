package org.linli.billing.fees;

import java.math.BigDecimal;

/**
 * A fee item's late-fee rule (滞纳金), as the contract states it: a daily rate on the unpaid
 * principal, starting after the due date plus the grace days, optionally capped at the
 * principal (courts reduce excessive late fees). A line's late fee is worked out from its
 * history by the database function {@code bill_late_fee}, the one definition every read
 * and payment shares.
 */
public record LateFees(BigDecimal dailyRate, int graceDays, boolean capAtPrincipal) {

	public LateFees {
		if (dailyRate == null || dailyRate.signum() < 0) {
			throw new IllegalArgumentException("The daily rate must be zero or more");
		}
		if (graceDays < 0) {
			throw new IllegalArgumentException("Grace days cannot be negative");
		}
	}

}
