package org.linli.billing.payments;

import java.time.Instant;

import org.linli.shared.Money;

/**
 * A resident's payment order: waiting to be paid, paid, past its validity, or overtaken
 * by payments made otherwise (at the desk, another order): settled when its lines owe
 * nothing any more, void when they owe less than it asks.
 */
public enum OrderStatus {

	PENDING, PAID, EXPIRED, SETTLED, VOID;

	public static OrderStatus of(boolean paid, Instant expiresAt, Instant now) {
		if (paid) {
			return PAID;
		}
		return now.isAfter(expiresAt) ? EXPIRED : PENDING;
	}

	/**
	 * The same, knowing what the order's lines owe today ({@code owedNow}) against what
	 * the order asks; late fees only ever raise what is owed, so less means paid, waived
	 * or cancelled meanwhile.
	 */
	public static OrderStatus of(boolean paid, Instant expiresAt, Instant now, Money asked, Money owedNow) {
		if (paid) {
			return PAID;
		}
		if (!owedNow.isPositive()) {
			return SETTLED;
		}
		if (owedNow.compareTo(asked) < 0) {
			return VOID;
		}
		return of(false, expiresAt, now);
	}

}
