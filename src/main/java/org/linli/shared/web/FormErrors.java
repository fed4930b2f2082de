package org.linli.shared.web;

import java.util.Map;

import org.linli.shared.InvalidInputException;

import org.springframework.validation.BindingResult;

/**
 * Puts the field problems of a refused write onto a page's form, so the form shows them
 * beside the fields (problems of no field of the form above it) and keeps what was typed.
 */
public final class FormErrors {

	private FormErrors() {
	}

	public static void apply(InvalidInputException ex, BindingResult result) {
		apply(ex, result, Map.of());
	}

	/**
	 * The same, where the service names some fields otherwise than the form does (its
	 * {@code contractor.name} is the form's {@code contractorName}).
	 */
	public static void apply(InvalidInputException ex, BindingResult result, Map<String, String> formFields) {
		for (InvalidInputException.FieldProblem problem : ex.problems()) {
			String field = formFields.getOrDefault(problem.field(), problem.field());
			if (isField(result, field)) {
				result.rejectValue(field, problem.messageKey(), problem.args(), problem.messageKey());
			}
			else {
				result.reject(problem.messageKey(), problem.args(), problem.messageKey());
			}
		}
	}

	private static boolean isField(BindingResult result, String field) {
		try {
			result.getFieldValue(field);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
