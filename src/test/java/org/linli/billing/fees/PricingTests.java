package org.linli.billing.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTests {

	private static final List<Tier> ELECTRICITY = List.of(new Tier(new BigDecimal("240"), new BigDecimal("0.4883")),
			new Tier(new BigDecimal("400"), new BigDecimal("0.5383")), new Tier(null, new BigDecimal("0.7883")));

	@Test
	void tieredUsageIsSplitAcrossBandsExactlyAndRoundedOnce() {
		Charge charge = Pricing.metered(new BigDecimal("450"), ELECTRICITY);
		assertThat(charge.tiers()).extracting(TierCharge::quantity)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("240"), new BigDecimal("160"), new BigDecimal("50"));
		assertThat(charge.tiers()).extracting((t) -> t.amount().toPlainString())
			.containsExactly("117.1920", "86.1280", "39.4150");
		// 117.1920 + 86.1280 + 39.4150 = 242.7350, rounded once
		assertThat(charge.amount()).isEqualTo(Money.of("242.74"));
		assertThat(charge.unitPrice()).isNull();
	}

	@Test
	void usageWithinTheFirstBandUsesOneBand() {
		Charge charge = Pricing.metered(new BigDecimal("240"), ELECTRICITY);
		assertThat(charge.tiers()).hasSize(1);
		assertThat(charge.amount()).isEqualTo(Money.of("117.19"));
		assertThat(Pricing.metered(BigDecimal.ZERO, ELECTRICITY).amount()).isEqualTo(Money.ZERO);
	}

	@Test
	void aSinglePriceIsUsageTimesPrice() {
		Charge water = Pricing.metered(new BigDecimal("12.5"), List.of(new Tier(null, new BigDecimal("2.90"))));
		assertThat(water.amount()).isEqualTo(Money.of("36.25"));
		assertThat(water.unitPrice()).isEqualByComparingTo("2.90");
		assertThat(water.tiers()).isEmpty();
	}

	@Test
	void areaFeesMultiplyByMonthsAndRoundHalfUpOnce() {
		assertThat(Pricing.byArea(new BigDecimal("89.50"), new BigDecimal("2.50"), Cycle.MONTHLY).amount())
			.isEqualTo(Money.of("223.75"));
		assertThat(Pricing.byArea(new BigDecimal("89.50"), new BigDecimal("2.50"), Cycle.QUARTERLY).amount())
			.isEqualTo(Money.of("671.25"));
		// 96.85 × 1.85 = 179.1725 → 179.17; a year is 2150.07 (rounded once, not 12 ×
		// 179.17 = 2150.04)
		assertThat(Pricing.byArea(new BigDecimal("96.85"), new BigDecimal("1.85"), Cycle.MONTHLY).amount())
			.isEqualTo(Money.of("179.17"));
		assertThat(Pricing.byArea(new BigDecimal("96.85"), new BigDecimal("1.85"), Cycle.YEARLY).amount())
			.isEqualTo(Money.of("2150.07"));
		// a half fen rounds up
		assertThat(Pricing.byArea(new BigDecimal("1.00"), new BigDecimal("0.125"), Cycle.MONTHLY).amount())
			.isEqualTo(Money.of("0.13"));
	}

	@Test
	void fixedAndOneTimeAmounts() {
		assertThat(Pricing.fixed(Money.of("150.00"), Cycle.QUARTERLY).amount()).isEqualTo(Money.of("450.00"));
		assertThat(Pricing.oneTime(Money.of("300")).amount()).isEqualTo(Money.of("300.00"));
	}

	@Test
	void tiersMustBeWellFormed() {
		assertThatThrownBy(() -> Pricing.checkTiers(List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Pricing.checkTiers(List.of(new Tier(new BigDecimal("10"), BigDecimal.ONE))))
			.hasMessageContaining("open-ended");
		assertThatThrownBy(() -> Pricing.checkTiers(List.of(new Tier(new BigDecimal("10"), BigDecimal.ONE),
				new Tier(new BigDecimal("5"), BigDecimal.ONE), new Tier(null, BigDecimal.ONE))))
			.hasMessageContaining("rise");
		assertThatThrownBy(() -> Pricing.checkTiers(List.of(new Tier(null, new BigDecimal("-1")))))
			.hasMessageContaining("price");
		assertThatThrownBy(() -> Pricing.metered(new BigDecimal("-1"), ELECTRICITY))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void dueDates() {
		assertThat(DueDates.onDayOfFirstMonth(YearMonth.of(2026, 11), 15)).isEqualTo(LocalDate.of(2026, 11, 15));
		assertThat(DueDates.onDayOfFirstMonth(YearMonth.of(2026, 2), 31)).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(DueDates.daysAfterIssue(LocalDate.of(2026, 11, 27), 10)).isEqualTo(LocalDate.of(2026, 12, 7));
		assertThatThrownBy(() -> DueDates.onDayOfFirstMonth(YearMonth.of(2026, 1), 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aLateFeeRuleHasARateOfZeroOrMore() {
		assertThatThrownBy(() -> new LateFees(new BigDecimal("-0.1"), 0, true))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void moneyIsTwoDecimalsHalfUp() {
		assertThat(Money.of("0.005")).isEqualTo(Money.of("0.01"));
		assertThat(Money.of("0.004")).isEqualTo(Money.ZERO);
		assertThat(Money.of("-0.005").toString()).isEqualTo("-0.01");
		assertThat(Money.of("100").toString()).isEqualTo("100.00");
		assertThat(Money.of("1.10").plus(Money.of("2.20"))).isEqualTo(Money.of("3.30"));
		assertThat(Money.of("1").minus(Money.of("2.50")).isNegative()).isTrue();
	}

}
