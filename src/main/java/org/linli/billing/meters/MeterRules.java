package org.linli.billing.meters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The rules of a meter reading, as a pure function: usage is the difference to the
 * previous reading (or to the new meter's start value after a replacement); a reading
 * below the previous one is refused unless it is a replacement; a usage above three times
 * the average of the last six is flagged for review, not refused.
 */
public final class MeterRules {

	static final int HISTORY = 6;

	static final BigDecimal FLAG_FACTOR = new BigDecimal("3");

	private MeterRules() {
	}

	/**
	 * @param previous the last reading before this one, or null for the meter's first
	 * reading (its baseline)
	 * @param recentUsages usages of the last periods, newest first (at most six are used)
	 */
	public static Outcome evaluate(BigDecimal previous, BigDecimal reading, boolean replacement, BigDecimal startValue,
			List<BigDecimal> recentUsages) {
		if (reading.signum() < 0) {
			return Outcome.refused("billing.meter.negative");
		}
		BigDecimal usage;
		if (replacement) {
			BigDecimal start = (startValue != null) ? startValue : BigDecimal.ZERO;
			if (start.signum() < 0 || reading.compareTo(start) < 0) {
				return Outcome.refused("billing.meter.belowStart");
			}
			usage = reading.subtract(start);
		}
		else if (previous == null) {
			return new Outcome(null, false, null);
		}
		else if (reading.compareTo(previous) < 0) {
			return Outcome.refused("billing.meter.belowPrevious");
		}
		else {
			usage = reading.subtract(previous);
		}
		List<BigDecimal> history = recentUsages.stream().limit(HISTORY).toList();
		boolean flagged = false;
		if (!history.isEmpty()) {
			BigDecimal average = history.stream()
				.reduce(BigDecimal.ZERO, BigDecimal::add)
				.divide(BigDecimal.valueOf(history.size()), 6, RoundingMode.HALF_UP);
			flagged = average.signum() > 0 && usage.compareTo(average.multiply(FLAG_FACTOR)) > 0;
		}
		return new Outcome(usage, flagged, null);
	}

	/**
	 * Usage (null for a baseline), whether it is flagged, or the message key of why the
	 * reading is refused.
	 */
	public record Outcome(BigDecimal usage, boolean flagged, String refusal) {

		static Outcome refused(String key) {
			return new Outcome(null, false, key);
		}

		public boolean refused() {
			return this.refusal != null;
		}

	}

}
