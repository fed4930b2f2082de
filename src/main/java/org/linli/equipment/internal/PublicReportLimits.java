package org.linli.equipment.internal;

import java.time.Duration;
import java.util.List;

import org.linli.shared.InvalidInputException;
import org.linli.shared.RateLimits;

import org.springframework.stereotype.Component;

/**
 * Keeps the public QR pages from being used to flood the property office: from one
 * address, at most 5 reports per device in 10 minutes and 30 in an hour, and 30 follow-up
 * lookups in 10 minutes. Counted in the database, so every node counts the same hits.
 */
@Component
class PublicReportLimits {

	private final RateLimits limits;

	PublicReportLimits(RateLimits limits) {
		this.limits = limits;
	}

	/**
	 * Takes one follow-up lookup from the allowance of the address, or refuses it with a
	 * 429: enough to check one's reports, too few to guess codes.
	 */
	void takeLookup(String address) {
		if (!this.limits.tryTake("qr-lookup|" + from(address), 30, Duration.ofMinutes(10))) {
			throw tooMany("code");
		}
	}

	/** Takes one report from the allowance of the address, or refuses it with a 429. */
	void take(String address, String deviceToken) {
		String from = from(address);
		if (!this.limits.tryTake("qr-report|" + from + "|" + deviceToken, 5, Duration.ofMinutes(10))
				|| !this.limits.tryTake("qr-reports|" + from, 30, Duration.ofHours(1))) {
			throw tooMany("description");
		}
	}

	private static String from(String address) {
		return (address != null) ? address : "?";
	}

	private static InvalidInputException tooMany(String field) {
		return new InvalidInputException(429,
				List.of(new InvalidInputException.FieldProblem(field, "equipment.public.tooMany", new Object[0])));
	}

}
