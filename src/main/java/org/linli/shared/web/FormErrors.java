package org.linli.shared.web;

import org.linli.shared.InvalidInputException;

import org.springframework.validation.BindingResult;

/**
 * Puts the field problems of a refused write onto a page's form, so the form shows them
 * beside the fields and keeps what was typed.
 */
public final class FormErrors {

	private FormErrors() {
	}

	public static void apply(InvalidInputException ex, BindingResult result) {
		for (InvalidInputException.FieldProblem problem : ex.problems()) {
			if (result.getFieldType(problem.field()) != null || hasProperty(result, problem.field())) {
				result.rejectValue(problem.field(), problem.messageKey(), problem.args(), problem.messageKey());
			}
			else {
				result.reject(problem.messageKey(), problem.args(), problem.messageKey());
			}
		}
	}

	private static boolean hasProperty(BindingResult result, String field) {
		try {
			result.getFieldValue(field);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
