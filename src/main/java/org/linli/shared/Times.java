package org.linli.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one zone of the installation (the communities' zone, {@code linli.time-zone},
 * Asia/Shanghai by default) and instants as people in the communities read them. Code
 * that needs "now" or "today" takes the injected {@link Clock}, which runs in this zone;
 * this class serves views that format an instant they already hold.
 */
public final class Times {

	/** The zone when none is configured. */
	public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	private static volatile ZoneId zone = DEFAULT_ZONE;

	private Times() {
	}

	/** The installation's zone, the same as the injected clock's. */
	public static ZoneId zone() {
		return zone;
	}

	/** Set once, when the clock is made from the configuration. */
	static void use(ZoneId configured) {
		zone = configured;
	}

	/** "2026-11-28 09:30" in the installation's zone; blank for none. */
	public static String minutes(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant) : "";
	}

	/** "2026-11-28 09:30:15" in the installation's zone; blank for none. */
	public static String seconds(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(instant)
				: "";
	}

	/** "2026-11-28" in the installation's zone; blank for none. */
	public static String day(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone).format(instant) : "";
	}

	/** The date an instant falls on in the installation's zone. */
	public static LocalDate date(Instant instant) {
		return instant.atZone(zone).toLocalDate();
	}

	/** The first instant of a day in the installation's zone. */
	public static Instant startOf(LocalDate day) {
		return day.atStartOfDay(zone).toInstant();
	}

	/** The day of the clock, in its zone. */
	public static LocalDate today(Clock clock) {
		return LocalDate.now(clock);
	}

	/**
	 * The system's clock in the installation's zone, for the command line (the restore
	 * command), where no application context gives the injected one.
	 */
	public static Clock systemClock() {
		return Clock.system(zone);
	}

}
