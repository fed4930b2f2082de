package org.linli.equipment.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.linli.shared.Checks;

/**
 * The schedules, as pure functions of (plan, last completion, today).
 *
 * <p>
 * Maintenance: the first task is due on the plan's start date; each next one an interval
 * after the previous due date — or after the last completion, when that comes sooner, so
 * a late visit never stretches the gap past the interval. Months count from the anchor,
 * not from the previous step, so a plan started on 31 January is due on 28/29 February
 * and 31 March. Nothing is skipped: every due date from the anchor up to the horizon is
 * listed, overdue ones included.
 *
 * <p>
 * Inspection: one window per day, per week (the start date's weekday) or per month (the
 * start date's day of month, or the month's last day when shorter).
 */
public final class Schedules {

	/**
	 * How far back a plan may start: a plan starting earlier would make years of past
	 * tasks at once. And how far ahead.
	 */
	static final int MAX_DAYS_BACK = 366;

	static final int MAX_DAYS_AHEAD = 366;

	/** A plan's start within a year of today, either way, or the field is named. */
	static void checkStart(String field, LocalDate start, LocalDate today, Checks checks) {
		if (start != null
				&& (start.isBefore(today.minusDays(MAX_DAYS_BACK)) || start.isAfter(today.plusDays(MAX_DAYS_AHEAD)))) {
			checks.add(field, "equipment.plan.startRange", today.minusDays(MAX_DAYS_BACK).toString(),
					today.plusDays(MAX_DAYS_AHEAD).toString());
		}
	}

	/**
	 * Elevators: cleaning, lubrication, adjustment and inspection at least every 15 days
	 * (TSG T5002-2017).
	 */
	public static final int ELEVATOR_MAX_DAYS = 15;

	private Schedules() {
	}

	/**
	 * A maintenance cadence: every {@code days} days or every {@code months} months (one
	 * of them).
	 */
	public record Cadence(Integer days, Integer months) {

		public Cadence {
			if ((days == null) == (months == null) || (days != null && days <= 0) || (months != null && months <= 0)) {
				throw new IllegalArgumentException("A cadence is a positive number of days or of months");
			}
		}

		LocalDate after(LocalDate anchor, int steps) {
			return (this.days != null) ? anchor.plusDays((long) this.days * steps)
					: anchor.plusMonths((long) this.months * steps);
		}

		/** The longest gap it allows, in days (a month counted as 31). */
		public int maxDays() {
			return (this.days != null) ? this.days : this.months * 31;
		}

	}

	/**
	 * The due dates of a plan from its anchor to {@code today + horizonDays}: the anchor
	 * is the last completion (the next task is due one interval after it) or, before any,
	 * the start date (the first task is due on it).
	 */
	public static List<LocalDate> dueDates(Cadence cadence, LocalDate start, LocalDate lastCompletion, LocalDate today,
			int horizonDays) {
		LocalDate until = today.plusDays(horizonDays);
		List<LocalDate> dates = new ArrayList<>();
		LocalDate anchor;
		int step;
		if (lastCompletion == null || lastCompletion.isBefore(start)) {
			anchor = start;
			step = 0;
		}
		else {
			anchor = lastCompletion;
			step = 1;
		}
		for (LocalDate due = cadence.after(anchor, step); !due.isAfter(until); due = cadence.after(anchor, ++step)) {
			if (!due.isBefore(start)) {
				dates.add(due);
			}
		}
		return dates;
	}

	/** The next due date after a completion (or the start date when there was none). */
	public static LocalDate nextDue(Cadence cadence, LocalDate start, LocalDate lastCompletion) {
		if (lastCompletion == null || lastCompletion.isBefore(start)) {
			return start;
		}
		return cadence.after(lastCompletion, 1);
	}

	public enum Frequency {

		DAILY, WEEKLY, MONTHLY

	}

	/** An inspection window: when a round opens and when it is missed. */
	public record Window(ZonedDateTime starts, ZonedDateTime ends) {
	}

	/**
	 * The inspection windows whose day falls between {@code from} and {@code to}, both
	 * included.
	 */
	public static List<Window> windows(Frequency frequency, LocalDate start, LocalTime opens, LocalTime closes,
			LocalDate from, LocalDate to, ZoneId zone) {
		if (!closes.isAfter(opens)) {
			throw new IllegalArgumentException("A window closes after it opens");
		}
		List<Window> windows = new ArrayList<>();
		LocalDate first = from.isBefore(start) ? start : from;
		for (LocalDate day = first; !day.isAfter(to); day = day.plusDays(1)) {
			if (falls(frequency, start, day)) {
				windows.add(new Window(day.atTime(opens).atZone(zone), day.atTime(closes).atZone(zone)));
			}
		}
		return windows;
	}

	static boolean falls(Frequency frequency, LocalDate start, LocalDate day) {
		return switch (frequency) {
			case DAILY -> true;
			case WEEKLY -> day.getDayOfWeek() == start.getDayOfWeek();
			case MONTHLY -> day.getDayOfMonth() == Math.min(start.getDayOfMonth(), day.lengthOfMonth());
		};
	}

}
