package org.linli.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.linli.shared.Times;

/**
 * The integration tests' clock: real time moved by an offset a test sets (a date, an
 * instant, days ahead), so that late fees, due dates, schedules and expiries can be tried
 * at any date without back-dating rows. Time keeps running from the set point.
 * {@link IntegrationTest} puts it back after every test.
 */
public final class TestClock extends Clock {

	private final ZoneId zone;

	private volatile Duration offset = Duration.ZERO;

	public TestClock(ZoneId zone) {
		this.zone = zone;
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId other) {
		return Clock.offset(Clock.system(other), this.offset);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

	/** Moves to the same time of day on another date (in the installation's zone). */
	public TestClock setDate(LocalDate date) {
		LocalDate today = LocalDate.now(this);
		this.offset = this.offset.plusDays(today.until(date, java.time.temporal.ChronoUnit.DAYS));
		return this;
	}

	/** Moves to an instant. */
	public TestClock setInstant(Instant instant) {
		this.offset = Duration.between(Instant.now(), instant);
		return this;
	}

	/** Moves to a time of a date in the installation's zone. */
	public TestClock set(LocalDate date, int hour, int minute) {
		return setInstant(date.atTime(hour, minute).atZone(this.zone).toInstant());
	}

	public TestClock advance(Duration duration) {
		this.offset = this.offset.plus(duration);
		return this;
	}

	public TestClock advanceDays(long days) {
		return advance(Duration.ofDays(days));
	}

	/** Back to real time. */
	public void reset() {
		this.offset = Duration.ZERO;
	}

	public LocalDate today() {
		return LocalDate.now(this);
	}

	public static TestClock inInstallationZone() {
		return new TestClock(Times.zone());
	}

}
