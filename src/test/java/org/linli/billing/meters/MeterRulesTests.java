package org.linli.billing.meters;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterRulesTests {

	private static BigDecimal n(String value) {
		return new BigDecimal(value);
	}

	@Test
	void usageIsTheDifferenceToThePreviousReading() {
		MeterRules.Outcome outcome = MeterRules.evaluate(n("1200.5"), n("1450.0"), false, null, List.of());
		assertThat(outcome.usage()).isEqualByComparingTo("249.5");
		assertThat(outcome.flagged()).isFalse();
		assertThat(outcome.refused()).isFalse();
	}

	@Test
	void theFirstReadingIsABaseline() {
		MeterRules.Outcome outcome = MeterRules.evaluate(null, n("1200"), false, null, List.of());
		assertThat(outcome.usage()).isNull();
		assertThat(outcome.refused()).isFalse();
	}

	@Test
	void aLowerReadingIsRefusedUnlessTheMeterWasReplaced() {
		assertThat(MeterRules.evaluate(n("1450"), n("1449.9"), false, null, List.of()).refusal())
			.isEqualTo("billing.meter.belowPrevious");
		MeterRules.Outcome replaced = MeterRules.evaluate(n("1450"), n("35"), true, n("10"), List.of());
		assertThat(replaced.usage()).isEqualByComparingTo("25");
		assertThat(MeterRules.evaluate(n("1450"), n("5"), true, n("10"), List.of()).refusal())
			.isEqualTo("billing.meter.belowStart");
		assertThat(MeterRules.evaluate(n("1450"), n("5"), true, null, List.of()).usage()).isEqualByComparingTo("5");
	}

	@Test
	void usageFarAboveTheRecentAverageIsFlaggedNotRefused() {
		List<BigDecimal> history = List.of(n("100"), n("120"), n("80"), n("100"), n("110"), n("90"), n("5000"));
		// the average of the last six is 100: 300 is not above three times it, 301 is
		assertThat(MeterRules.evaluate(n("1000"), n("1300"), false, null, history).flagged()).isFalse();
		MeterRules.Outcome high = MeterRules.evaluate(n("1000"), n("1301"), false, null, history);
		assertThat(high.flagged()).isTrue();
		assertThat(high.refused()).isFalse();
		assertThat(MeterRules.evaluate(n("1000"), n("9000"), false, null, List.of()).flagged()).isFalse();
	}

}
