package org.linli.equipment.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import org.linli.shared.InvalidInputException;

import org.springframework.stereotype.Component;

/**
 * Keeps the public QR pages from being used to flood the property office: from one
 * address, at most 5 reports per device in 10 minutes and 30 in an hour. Counted per
 * node, in memory — enough against a script, and a restart forgets nothing that matters.
 */
@Component
class PublicReportLimits {

	private static final int MAX_ENTRIES = 50_000;

	private final Map<String, Bucket> perDevice = new ConcurrentHashMap<>();

	private final Map<String, Bucket> perAddress = new ConcurrentHashMap<>();

	private final Map<String, Bucket> lookups = new ConcurrentHashMap<>();

	/**
	 * Takes one follow-up lookup from the allowance of the address (30 in 10 minutes), or
	 * refuses it with a 429: enough to check one's reports, too few to guess codes.
	 */
	void takeLookup(String address) {
		if (this.lookups.size() > MAX_ENTRIES) {
			this.lookups.clear();
		}
		Bucket bucket = this.lookups.computeIfAbsent((address != null) ? address : "?",
				(k) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(30).refillGreedy(30, Duration.ofMinutes(10)))
					.build());
		if (!bucket.tryConsume(1)) {
			throw new InvalidInputException(429, java.util.List
				.of(new InvalidInputException.FieldProblem("code", "equipment.public.tooMany", new Object[0])));
		}
	}

	/** Takes one report from the allowance of the address, or refuses it with a 429. */
	void take(String address, String deviceToken) {
		String from = (address != null) ? address : "?";
		if (this.perDevice.size() > MAX_ENTRIES || this.perAddress.size() > MAX_ENTRIES) {
			this.perDevice.clear();
			this.perAddress.clear();
		}
		Bucket device = this.perDevice.computeIfAbsent(from + "|" + deviceToken,
				(k) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(5).refillGreedy(5, Duration.ofMinutes(10)))
					.build());
		Bucket overall = this.perAddress.computeIfAbsent(from,
				(k) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(30).refillGreedy(30, Duration.ofHours(1)))
					.build());
		if (!device.tryConsume(1) || !overall.tryConsume(1)) {
			throw new InvalidInputException(429, java.util.List
				.of(new InvalidInputException.FieldProblem("description", "equipment.public.tooMany", new Object[0])));
		}
	}

}
