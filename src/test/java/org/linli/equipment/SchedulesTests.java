package org.linli.equipment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.equipment.internal.Schedules;
import org.linli.equipment.internal.Schedules.Cadence;
import org.linli.equipment.internal.Schedules.Frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTests {

	private static final ZoneId ZONE = org.linli.shared.Times.zone();

	@Test
	void everyFifteenDaysFromTheStartWithNothingSkipped() {
		List<LocalDate> due = Schedules.dueDates(new Cadence(15, null), LocalDate.of(2026, 11, 1), null,
				LocalDate.of(2026, 11, 27), 60);
		assertThat(due).containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 16),
				LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 31),
				LocalDate.of(2027, 1, 15));
	}

	@Test
	void aLateCompletionMovesTheNextVisitToAtMostOneIntervalLater() {
		// due on the 1st, done on the 5th: next on the 20th, not the 16th + drift, and
		// never more than 15 days after
		List<LocalDate> due = Schedules.dueDates(new Cadence(15, null), LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6), 30);
		assertThat(due).containsExactly(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 5));
		assertThat(Schedules.nextDue(new Cadence(15, null), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5)))
			.isEqualTo(LocalDate.of(2026, 11, 20));
	}

	@Test
	void overdueDatesStayListedUntilDone() {
		List<LocalDate> due = Schedules.dueDates(new Cadence(7, null), LocalDate.of(2026, 10, 1), null,
				LocalDate.of(2026, 10, 30), 0);
		assertThat(due).hasSize(5).startsWith(LocalDate.of(2026, 10, 1)).endsWith(LocalDate.of(2026, 10, 29));
	}

	@Test
	void monthsCountFromTheAnchorAcrossMonthEndsAndLeapYears() {
		List<LocalDate> due = Schedules.dueDates(new Cadence(null, 1), LocalDate.of(2028, 1, 31), null,
				LocalDate.of(2028, 1, 31), 100);
		assertThat(due).containsExactly(LocalDate.of(2028, 1, 31), LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 31),
				LocalDate.of(2028, 4, 30));
		List<LocalDate> plain = Schedules.dueDates(new Cadence(null, 1), LocalDate.of(2027, 1, 31), null,
				LocalDate.of(2027, 1, 31), 60);
		assertThat(plain).containsExactly(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 28),
				LocalDate.of(2027, 3, 31));
		List<LocalDate> quarterly = Schedules.dueDates(new Cadence(null, 3), LocalDate.of(2027, 11, 30), null,
				LocalDate.of(2027, 11, 30), 100);
		assertThat(quarterly).containsExactly(LocalDate.of(2027, 11, 30), LocalDate.of(2028, 2, 29));
	}

	@Test
	void aCompletionBeforeTheStartDoesNotMoveTheStart() {
		assertThat(Schedules.dueDates(new Cadence(15, null), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 11, 27), 10))
			.containsExactly(LocalDate.of(2026, 12, 1));
	}

	@Test
	void aCadenceIsDaysOrMonths() {
		assertThatThrownBy(() -> new Cadence(null, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Cadence(15, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Cadence(0, null)).isInstanceOf(IllegalArgumentException.class);
		assertThat(new Cadence(null, 1).maxDays()).isGreaterThan(Schedules.ELEVATOR_MAX_DAYS);
	}

	@Test
	void inspectionWindowsDailyWeeklyAndMonthly() {
		LocalDate start = LocalDate.of(2026, 1, 31);
		assertThat(Schedules.windows(Frequency.DAILY, start, LocalTime.of(8, 0), LocalTime.of(10, 0),
				LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 3), ZONE))
			.hasSize(3)
			.first()
			.satisfies(
					(w) -> assertThat(w.starts().toLocalDateTime()).isEqualTo(LocalDate.of(2026, 2, 1).atTime(8, 0)));
		// 31 January was a Saturday
		assertThat(Schedules.windows(Frequency.WEEKLY, start, LocalTime.of(8, 0), LocalTime.of(10, 0),
				LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), ZONE))
			.extracting((w) -> w.starts().toLocalDate())
			.containsExactly(LocalDate.of(2026, 2, 7), LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 21),
					LocalDate.of(2026, 2, 28));
		// monthly on the 31st: the last day of shorter months
		assertThat(Schedules.windows(Frequency.MONTHLY, start, LocalTime.of(9, 0), LocalTime.of(17, 0),
				LocalDate.of(2026, 2, 1), LocalDate.of(2026, 4, 30), ZONE))
			.extracting((w) -> w.starts().toLocalDate())
			.containsExactly(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));
		assertThat(Schedules.windows(Frequency.DAILY, LocalDate.of(2026, 3, 1), LocalTime.of(8, 0), LocalTime.of(9, 0),
				LocalDate.of(2026, 2, 20), LocalDate.of(2026, 3, 1), ZONE))
			.hasSize(1);
	}

}
