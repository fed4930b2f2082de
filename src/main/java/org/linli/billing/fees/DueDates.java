package org.linli.billing.fees;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When a bill falls due: on a day of the period's first month (the 31st becomes the
 * month's last day), or a number of days after the bill is issued.
 */
public final class DueDates {

	private DueDates() {
	}

	public static LocalDate onDayOfFirstMonth(YearMonth period, int dueDay) {
		if (dueDay < 1 || dueDay > 31) {
			throw new IllegalArgumentException("The due day is 1 to 31");
		}
		return period.atDay(Math.min(dueDay, period.lengthOfMonth()));
	}

	public static LocalDate daysAfterIssue(LocalDate issued, int days) {
		if (days < 0) {
			throw new IllegalArgumentException("Days after issue cannot be negative");
		}
		return issued.plusDays(days);
	}

}
