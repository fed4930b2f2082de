package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.linli.shared.Money;

/**
 * Late fees (滞纳金), as the contract states them: a daily rate on the unpaid principal,
 * starting after the due date plus the grace days, optionally capped at the principal
 * (courts reduce excessive late fees).
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

	/**
	 * The days that count on {@code asOf}: those after the due date and the grace days.
	 */
	public long chargeableDays(LocalDate dueDate, LocalDate asOf) {
		return Math.max(0, ChronoUnit.DAYS.between(dueDate.plusDays(this.graceDays), asOf));
	}

	/**
	 * The late fee for an unpaid principal that stayed unpaid from the due date until
	 * {@code asOf}, rounded once. With the cap, never more than the principal.
	 */
	public Money accrued(Money unpaid, LocalDate dueDate, LocalDate asOf) {
		long days = chargeableDays(dueDate, asOf);
		if (days == 0 || !unpaid.isPositive()) {
			return Money.ZERO;
		}
		Money fee = Money.of(unpaid.amount().multiply(this.dailyRate).multiply(BigDecimal.valueOf(days)));
		return this.capAtPrincipal ? fee.min(unpaid) : fee;
	}

}
