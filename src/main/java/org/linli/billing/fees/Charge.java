package org.linli.billing.fees;

import java.math.BigDecimal;
import java.util.List;

import org.linli.shared.Money;

/**
 * The breakdown of one bill line: the quantity charged (area in m², usage, months), the
 * unit price (null when tiered), each band where tiered, and the amount — rounded once,
 * here.
 */
public record Charge(BigDecimal quantity, BigDecimal unitPrice, List<TierCharge> tiers, Money amount) {

	public Charge {
		tiers = List.copyOf(tiers);
	}

}
