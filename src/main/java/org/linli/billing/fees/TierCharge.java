package org.linli.billing.fees;

import java.math.BigDecimal;

/**
 * What one band of a tiered price charges: its share of the usage, its price, and their
 * exact product.
 */
public record TierCharge(BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
