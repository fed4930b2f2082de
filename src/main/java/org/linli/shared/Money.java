package org.linli.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount of money in yuan with two decimals (fen). Made once, rounded HALF_UP (四舍五入)
 * when made, and never through {@code double}. In JSON it is a string with two decimals,
 * "219.43".
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

	public static final Money ZERO = new Money(BigDecimal.ZERO);

	public Money {
		Objects.requireNonNull(amount, "amount");
		amount = amount.setScale(2, RoundingMode.HALF_UP);
	}

	public static Money of(BigDecimal amount) {
		return new Money(amount);
	}

	@JsonCreator
	public static Money of(String amount) {
		return new Money(new BigDecimal(amount.trim()));
	}

	public Money plus(Money other) {
		return new Money(this.amount.add(other.amount));
	}

	public Money minus(Money other) {
		return new Money(this.amount.subtract(other.amount));
	}

	public Money min(Money other) {
		return (compareTo(other) <= 0) ? this : other;
	}

	public boolean isPositive() {
		return this.amount.signum() > 0;
	}

	public boolean isNegative() {
		return this.amount.signum() < 0;
	}

	@Override
	public int compareTo(Money other) {
		return this.amount.compareTo(other.amount);
	}

	@JsonValue
	@Override
	public String toString() {
		return this.amount.toPlainString();
	}

}
