package org.linli.notifications.internal;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's rules for text messages: none in its quiet hours (by default 21:00 to
 * 08:00; they wait for the morning), and at most so many a day to one person (by default
 * 5; more wait for the next day).
 */
@Service
public class SmsRules {

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Clock clock;

	private final Rules defaults;

	SmsRules(JdbcClient jdbc, CurrentStaff current, Clock clock,
			@Value("${linli.notifications.quiet-start:21:00}") LocalTime quietStart,
			@Value("${linli.notifications.quiet-end:08:00}") LocalTime quietEnd,
			@Value("${linli.notifications.sms-daily-limit:5}") int dailyLimit) {
		this.jdbc = jdbc;
		this.current = current;
		this.clock = clock;
		this.defaults = new Rules(quietStart, quietEnd, dailyLimit);
	}

	/**
	 * The rules of a community: quiet from {@code quietStart} to {@code quietEnd}, at
	 * most {@code smsDailyLimit}.
	 */
	public record Rules(LocalTime quietStart, LocalTime quietEnd, int smsDailyLimit) {

		/** Whether a time of day is in the quiet hours (which may span midnight). */
		public boolean quiet(LocalTime time) {
			if (this.quietStart.equals(this.quietEnd)) {
				return false;
			}
			return this.quietStart.isBefore(this.quietEnd)
					? !time.isBefore(this.quietStart) && time.isBefore(this.quietEnd)
					: !time.isBefore(this.quietStart) || time.isBefore(this.quietEnd);
		}

		/** The first moment at or after {@code at} outside the quiet hours. */
		public ZonedDateTime nextAllowed(ZonedDateTime at) {
			if (!quiet(at.toLocalTime())) {
				return at;
			}
			ZonedDateTime end = at.with(this.quietEnd).withSecond(0).withNano(0);
			return end.isAfter(at) ? end : end.plusDays(1);
		}

	}

	@PreAuthorize(Access.MANAGERS)
	public Rules of(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return rules(communityId);
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public Rules change(long communityId, Rules rules) {
		this.current.requireCommunity(communityId, "community", communityId);
		new Checks().required("quietStart", rules.quietStart())
			.required("quietEnd", rules.quietEnd())
			.range("smsDailyLimit", rules.smsDailyLimit(), 1, 50)
			.throwIfAny();
		this.jdbc
			.sql("""
					INSERT INTO notification_settings (community_id, quiet_start, quiet_end, sms_daily_limit, updated_at)
					VALUES (:community, :start, :end, :limit, :now)
					ON CONFLICT (community_id) DO UPDATE SET quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
					    sms_daily_limit = excluded.sms_daily_limit, updated_at = excluded.updated_at""")
			.param("community", communityId)
			.param("start", Time.valueOf(rules.quietStart()))
			.param("end", Time.valueOf(rules.quietEnd()))
			.param("limit", rules.smsDailyLimit())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		return rules(communityId);
	}

	/** The rules in force (the defaults where the community set none). */
	Rules rules(Long communityId) {
		if (communityId == null) {
			return this.defaults;
		}
		return this.jdbc
			.sql("SELECT quiet_start, quiet_end, sms_daily_limit FROM notification_settings WHERE community_id = ?")
			.param(communityId)
			.query((rs, n) -> new Rules(rs.getTime(1).toLocalTime(), rs.getTime(2).toLocalTime(), rs.getInt(3)))
			.optional()
			.orElse(this.defaults);
	}

	/**
	 * Text messages sent to a phone (by its keyed hash) on a day in the installation's
	 * zone, whoever they were for: family members sharing a number share its limit.
	 */
	int sentOn(String addressHash, LocalDate day) {
		return this.jdbc.sql("""
				SELECT count(*) FROM notification WHERE address_hash = :address
				AND channel = 'SMS' AND status = 'SENT' AND sent_at >= :from AND sent_at < :to""")
			.param("address", addressHash)
			.param("from", Timestamp.from(day.atStartOfDay(this.clock.getZone()).toInstant()))
			.param("to", Timestamp.from(day.plusDays(1).atStartOfDay(this.clock.getZone()).toInstant()))
			.query(Integer.class)
			.single();
	}

}
