package org.linli.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Instants as people in the communities read them: in the community's zone
 * (Asia/Shanghai).
 */
public final class Times {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

	private Times() {
	}

	public static String minutes(Instant instant) {
		return (instant != null) ? MINUTES.format(instant) : "";
	}

	public static String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "";
	}

}
