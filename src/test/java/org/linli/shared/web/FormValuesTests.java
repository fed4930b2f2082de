package org.linli.shared.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.linli.shared.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a form posted, read: blank is nothing, unreadable is refused naming each field at
 * once.
 */
class FormValuesTests {

	@Test
	void blankIsNothingAndReadableIsRead() {
		FormValues values = new FormValues();
		assertThat(values.decimal("amount", " ")).isNull();
		assertThat(values.integer("floor", null)).isNull();
		assertThat(values.decimal("amount", " 12.50 ")).isEqualByComparingTo(new BigDecimal("12.50"));
		assertThat(values.date("since", "2026-11-28")).isEqualTo(LocalDate.of(2026, 11, 28));
		assertThat(values.month("from", "2026-11")).isEqualTo(YearMonth.of(2026, 11));
		assertThat(values.choice(Thread.State.class, "state", "RUNNABLE")).isEqualTo(Thread.State.RUNNABLE);
		assertThat(values.id("buildingId", "42")).isEqualTo(42L);
		values.throwIfAny();
	}

	@Test
	void everyUnreadableValueIsNamedAtOnce() {
		FormValues values = new FormValues();
		assertThat(values.decimal("amount", "12,5")).isNull();
		assertThat(values.integer("floor", "3.5")).isNull();
		assertThat(values.date("since", "2026-02-30")).isNull();
		assertThat(values.month("from", "11/2026")).isNull();
		assertThat(values.choice(Thread.State.class, "state", "SLEEPING")).isNull();
		assertThatThrownBy(values::throwIfAny).isInstanceOfSatisfying(InvalidInputException.class,
				(ex) -> assertThat(ex.problems()).extracting(InvalidInputException.FieldProblem::field)
					.containsExactly("amount", "floor", "since", "from", "state"));
	}

}
