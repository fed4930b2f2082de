package org.linli.billing.payments;

import java.time.Instant;

/** A resident's payment order: waiting to be paid, paid, or past its validity. */
public enum OrderStatus {

	PENDING, PAID, EXPIRED;

	public static OrderStatus of(boolean paid, Instant expiresAt, Instant now) {
		if (paid) {
			return PAID;
		}
		return now.isAfter(expiresAt) ? EXPIRED : PENDING;
	}

}
