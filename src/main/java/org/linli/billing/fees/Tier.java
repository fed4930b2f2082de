package org.linli.billing.fees;

import java.math.BigDecimal;

/**
 * One band of a tiered (阶梯) price: usage up to {@code upTo} (null for no upper bound) at
 * {@code unitPrice}.
 */
public record Tier(BigDecimal upTo, BigDecimal unitPrice) {
}
