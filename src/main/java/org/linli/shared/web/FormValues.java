package org.linli.shared.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;

/**
 * Typed values from what a form posted as text. Blank is null; anything unreadable is
 * noted against its field and read as null, so that every problem of the form is shown at
 * once by {@link #throwIfAny()} (an {@link InvalidInputException} that {@link FormErrors}
 * puts beside the fields). <pre>
 * FormValues values = new FormValues();
 * BigDecimal price = values.decimal("unitPrice", form.unitPrice());
 * Cycle cycle = values.choice(Cycle.class, "cycle", form.cycle());
 * values.throwIfAny();
 * </pre>
 */
public final class FormValues {

	private final Checks problems = new Checks();

	public BigDecimal decimal(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			this.problems.add(field, "validation.number");
			return null;
		}
	}

	public Integer integer(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			this.problems.add(field, "validation.integer");
			return null;
		}
	}

	/** An id chosen in a select. */
	public Long id(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			this.problems.add(field, "validation.invalidValue");
			return null;
		}
	}

	public LocalDate date(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			this.problems.add(field, "validation.invalidValue");
			return null;
		}
	}

	/**
	 * A {@code datetime-local} value ({@code 2026-12-12T14:00}) in the installation's
	 * zone.
	 */
	public java.time.OffsetDateTime dateTime(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return java.time.LocalDateTime.parse(value.trim()).atZone(org.linli.shared.Times.zone()).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			this.problems.add(field, "validation.invalidValue");
			return null;
		}
	}

	/** A month as {@code 2026-11}. */
	public YearMonth month(String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return YearMonth.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			this.problems.add(field, "validation.monthFormat");
			return null;
		}
	}

	/** One of an enum's constants by its name (a select's value). */
	public <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.trim());
		}
		catch (IllegalArgumentException ex) {
			this.problems.add(field, "validation.invalidValue");
			return null;
		}
	}

	/**
	 * One of an enum's constants in a list's filter link, or null for none or one that is
	 * not (a filter that does not apply, rather than a refusal).
	 */
	public static <E extends Enum<E>> E filterChoice(Class<E> type, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Notes a problem of its own against a field. */
	public FormValues reject(String field, String messageKey, Object... args) {
		this.problems.add(field, messageKey, args);
		return this;
	}

	/** Refuses the form with 400 when any value could not be read. */
	public void throwIfAny() {
		this.problems.throwIfAny();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
