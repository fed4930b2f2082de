package org.linli.shared.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.linli.shared.InvalidInputException;

/**
 * Typed values from what a form posted as text: blank is null, anything unreadable is
 * refused naming the field.
 */
public final class FormValues {

	private FormValues() {
	}

	public static BigDecimal decimal(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			throw InvalidInputException.field(field, "validation.number");
		}
	}

	public static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.field(field, "validation.invalidValue");
		}
	}

}
