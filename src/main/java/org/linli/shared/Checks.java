package org.linli.shared;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a request before refusing it, so the user sees all of them at
 * once.
 */
public final class Checks {

	private final List<InvalidInputException.FieldProblem> problems = new ArrayList<>();

	public Checks required(String field, Object value) {
		if (value == null || (value instanceof String s && s.isBlank())) {
			add(field, "validation.required");
		}
		return this;
	}

	public Checks maxLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			add(field, "validation.maxLength", max);
		}
		return this;
	}

	public Checks range(String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			add(field, "validation.range", min, max);
		}
		return this;
	}

	/** A positive quantity with at most {@code scale} decimals and below {@code max}. */
	public Checks positiveDecimal(String field, BigDecimal value, int scale, BigDecimal max) {
		if (value == null) {
			return this;
		}
		if (value.signum() <= 0) {
			add(field, "validation.positive");
		}
		else if (value.stripTrailingZeros().scale() > scale) {
			add(field, "validation.decimals", scale);
		}
		else if (value.compareTo(max) > 0) {
			add(field, "validation.tooLarge", max.toPlainString());
		}
		return this;
	}

	public Checks add(String field, String messageKey, Object... args) {
		this.problems.add(new InvalidInputException.FieldProblem(field, messageKey, args));
		return this;
	}

	public boolean has(String field) {
		return this.problems.stream().anyMatch((p) -> p.field().equals(field));
	}

	public boolean isEmpty() {
		return this.problems.isEmpty();
	}

	public List<InvalidInputException.FieldProblem> problems() {
		return List.copyOf(this.problems);
	}

	/** Refuses the request with 400 when anything was found. */
	public void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidInputException(400, this.problems);
		}
	}

}
