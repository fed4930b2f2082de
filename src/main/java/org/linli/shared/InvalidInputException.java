package org.linli.shared;

import java.util.List;

/**
 * Bad input found by a rule that Bean Validation cannot express (a duplicate, an unknown
 * reference). Carries the fields with message keys and arguments, resolved in the user's
 * language where the error is shown.
 */
public class InvalidInputException extends RuntimeException {

	private final int status;

	private final List<FieldProblem> problems;

	public InvalidInputException(int status, List<FieldProblem> problems) {
		super(problems.toString());
		this.status = status;
		this.problems = List.copyOf(problems);
	}

	/** A 400 for one field. */
	public static InvalidInputException field(String field, String messageKey, Object... args) {
		return new InvalidInputException(400, List.of(new FieldProblem(field, messageKey, args)));
	}

	/** A 409 for one field: the value conflicts with existing data (a duplicate). */
	public static InvalidInputException conflict(String field, String messageKey, Object... args) {
		return new InvalidInputException(409, List.of(new FieldProblem(field, messageKey, args)));
	}

	public int status() {
		return this.status;
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	public record FieldProblem(String field, String messageKey, Object[] args) implements java.io.Serializable {

		@Override
		public String toString() {
			return this.field + ":" + this.messageKey;
		}

	}

}
