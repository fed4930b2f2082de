package org.linli.billing.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.linli.shared.Money;

/**
 * The pricing rules, as pure functions. Every product is exact; the line amount is
 * rounded HALF_UP to the fen once, at the end.
 */
public final class Pricing {

	private Pricing() {
	}

	/** Area (m²) × unit price per m² per month × the cycle's months (物业费). */
	public static Charge byArea(BigDecimal area, BigDecimal unitPricePerMonth, Cycle cycle) {
		BigDecimal exact = area.multiply(unitPricePerMonth).multiply(BigDecimal.valueOf(cycle.months()));
		return new Charge(area, unitPricePerMonth, List.of(), Money.of(exact));
	}

	/** Usage × unit price, or split across the bands of a tiered price (阶梯). */
	public static Charge metered(BigDecimal usage, List<Tier> tiers) {
		checkTiers(tiers);
		if (tiers.size() == 1) {
			BigDecimal price = tiers.get(0).unitPrice();
			return new Charge(usage, price, List.of(), Money.of(usage.multiply(price)));
		}
		List<TierCharge> bands = split(usage, tiers);
		BigDecimal exact = bands.stream().map(TierCharge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new Charge(usage, null, bands, Money.of(exact));
	}

	/** A fixed amount per room or parking space per month × the cycle's months. */
	public static Charge fixed(Money perMonth, Cycle cycle) {
		BigDecimal months = BigDecimal.valueOf(cycle.months());
		return new Charge(months, perMonth.amount(), List.of(), Money.of(perMonth.amount().multiply(months)));
	}

	/**
	 * The line of the period a room was handed over in, by the days from the handover:
	 * the exact amount of the whole period × days ÷ the period's days, rounded once.
	 */
	public static Charge prorated(Charge whole, FeeItemView item, BigDecimal area, Cycle cycle, long days,
			long periodDays) {
		BigDecimal months = BigDecimal.valueOf(cycle.months());
		BigDecimal exact = switch (item.method()) {
			case AREA -> area.multiply(item.unitPrice()).multiply(months);
			case FIXED -> item.amount().multiply(months);
			default -> throw new IllegalArgumentException("Only area and fixed items are prorated");
		};
		return new Charge(whole.quantity(), whole.unitPrice(), whole.tiers(),
				Money.of(exact.multiply(BigDecimal.valueOf(days))
					.divide(BigDecimal.valueOf(periodDays), 2, RoundingMode.HALF_UP)));
	}

	/** A one-time amount. */
	public static Charge oneTime(Money amount) {
		return new Charge(BigDecimal.ONE, amount.amount(), List.of(), amount);
	}

	/**
	 * Splits usage across bands: each band takes the usage between the previous band's
	 * upper bound and its own, at its own price. 450 kWh over 0–240, 241–400, >400 is 240
	 * + 160 + 50.
	 */
	public static List<TierCharge> split(BigDecimal usage, List<Tier> tiers) {
		checkTiers(tiers);
		if (usage.signum() < 0) {
			throw new IllegalArgumentException("Usage cannot be negative");
		}
		List<TierCharge> bands = new ArrayList<>();
		BigDecimal lower = BigDecimal.ZERO;
		for (Tier tier : tiers) {
			BigDecimal upper = (tier.upTo() != null) ? tier.upTo().min(usage) : usage;
			BigDecimal quantity = plain(upper.subtract(lower).max(BigDecimal.ZERO));
			bands.add(new TierCharge(quantity, tier.unitPrice(), quantity.multiply(tier.unitPrice())));
			if (tier.upTo() == null || usage.compareTo(tier.upTo()) <= 0) {
				break;
			}
			lower = tier.upTo();
		}
		return bands;
	}

	/**
	 * 240.000 becomes 240 and 12.50 becomes 12.5, so that a band's exact product reads as
	 * people write it.
	 */
	private static BigDecimal plain(BigDecimal quantity) {
		BigDecimal stripped = quantity.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	/**
	 * Tiers must rise strictly, end with an open band (upTo null), and have no negative
	 * price.
	 */
	/** The highest price of a unit in a tier, and the highest bound of a tier. */
	static final BigDecimal MAX_TIER_PRICE = new BigDecimal("100000");

	static final BigDecimal MAX_TIER_BOUND = new BigDecimal("100000000");

	public static void checkTiers(List<Tier> tiers) {
		TierProblem problem = tiersProblem(tiers);
		if (problem != null) {
			throw new IllegalArgumentException(problem.description());
		}
	}

	/**
	 * What is wrong with a list of tiers, named for the user (a message key and the
	 * tier's number), or null when nothing is.
	 */
	public static TierProblem tiersProblem(List<Tier> tiers) {
		if (tiers == null || tiers.isEmpty()) {
			return new TierProblem("billing.feeItem.priceRequired", 0, "At least one tier");
		}
		BigDecimal previous = BigDecimal.ZERO;
		for (int i = 0; i < tiers.size(); i++) {
			Tier tier = tiers.get(i);
			if (tier.unitPrice() == null || tier.unitPrice().signum() < 0
					|| tier.unitPrice().compareTo(MAX_TIER_PRICE) > 0
					|| tier.unitPrice().stripTrailingZeros().scale() > 4) {
				return new TierProblem("billing.feeItem.tierPriceInvalid", i + 1,
						"Tier " + (i + 1) + " needs a price of zero to " + MAX_TIER_PRICE);
			}
			if (tier.upTo() != null
					&& (tier.upTo().compareTo(MAX_TIER_BOUND) > 0 || tier.upTo().stripTrailingZeros().scale() > 3)) {
				return new TierProblem("billing.feeItem.tierBoundInvalid", i + 1,
						"Tier " + (i + 1) + " ends beyond any meter");
			}
			if (tier.upTo() != null) {
				if (tier.upTo().compareTo(previous) <= 0) {
					return new TierProblem("billing.feeItem.tierRising", i + 1, "Tier bounds must rise");
				}
				previous = tier.upTo();
			}
			boolean last = i == tiers.size() - 1;
			if (last != (tier.upTo() == null)) {
				return new TierProblem("billing.feeItem.tierOpenLast", i + 1,
						"Only the last tier is open-ended, and it must be");
			}
		}
		return null;
	}

	/**
	 * A problem of tiers: its message key, the tier's number (from 1), and in English.
	 */
	public record TierProblem(String messageKey, int tier, String description) {
	}

}
