package org.linli.equipment.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's and a round's state on a day or at an instant: pure functions of their dates.
 */
class EquipmentStatesTests {

	private static final LocalDate DUE = LocalDate.of(2026, 11, 15);

	@Test
	void aTaskIsScheduledThenOpenWithinItsLeadTimeThenOverdueUntilDone() {
		assertThat(TaskStatus.of(false, DUE, 3, DUE.minusDays(4))).isEqualTo(TaskStatus.SCHEDULED);
		assertThat(TaskStatus.of(false, DUE, 3, DUE.minusDays(3))).isEqualTo(TaskStatus.OPEN);
		assertThat(TaskStatus.of(false, DUE, 0, DUE)).isEqualTo(TaskStatus.OPEN);
		assertThat(TaskStatus.of(false, DUE, 0, DUE.plusDays(1))).isEqualTo(TaskStatus.OVERDUE);
		assertThat(TaskStatus.of(false, DUE, 0, DUE.plusDays(400))).as("never skipped").isEqualTo(TaskStatus.OVERDUE);
		assertThat(TaskStatus.of(true, DUE, 0, DUE.plusDays(1))).isEqualTo(TaskStatus.DONE);
	}

	@Test
	void aRoundIsUpcomingThenOpenInItsWindowThenMissedUnlessDone() {
		Instant starts = Instant.parse("2026-11-15T00:00:00Z");
		Instant ends = Instant.parse("2026-11-15T10:00:00Z");
		assertThat(RoundStatus.of(false, starts, ends, starts.minusSeconds(1))).isEqualTo(RoundStatus.UPCOMING);
		assertThat(RoundStatus.of(false, starts, ends, starts)).isEqualTo(RoundStatus.OPEN);
		assertThat(RoundStatus.of(false, starts, ends, ends)).isEqualTo(RoundStatus.OPEN);
		assertThat(RoundStatus.of(false, starts, ends, ends.plusSeconds(1))).isEqualTo(RoundStatus.MISSED);
		assertThat(RoundStatus.of(true, starts, ends, ends.plusSeconds(1))).isEqualTo(RoundStatus.DONE);
	}

}
