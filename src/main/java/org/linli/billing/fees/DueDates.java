package org.linli.billing.fees;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When a bill falls due: on a day of the period's first month (the 31st becomes the
 * month's last day), or a number of days after the bill is issued. A line issued when its
 * day of the month has already passed (a period billed late) is never due before it
 * exists: it falls due the item's days after issue — its own "days after issue" when set,
 * else {@value #LATE_ISSUE_DAYS} days.
 */
public final class DueDates {

	/** The days a line billed after its due day gets, when its item names none. */
	public static final int LATE_ISSUE_DAYS = 15;

	private DueDates() {
	}

	/** The due date of an item's line for a period, issued on a day. */
	public static LocalDate of(FeeItemView item, YearMonth period, LocalDate issued) {
		if (item.dueDay() == null && item.dueDaysAfterIssue() != null) {
			return daysAfterIssue(issued, item.dueDaysAfterIssue());
		}
		LocalDate due = onDayOfFirstMonth(period, (item.dueDay() != null) ? item.dueDay() : 15);
		if (due.isAfter(issued)) {
			return due;
		}
		return daysAfterIssue(issued, (item.dueDaysAfterIssue() != null) ? item.dueDaysAfterIssue() : LATE_ISSUE_DAYS);
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
