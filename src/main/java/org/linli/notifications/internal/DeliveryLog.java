package org.linli.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryStatus;
import org.linli.shared.Checks;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The delivery log staff search: every message of a community with its channel, the
 * recipient masked, the template, its status, attempts, reason and times. It never shows
 * a phone number or an address in clear.
 */
@Service
public class DeliveryLog {

	private static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "status", "status", "channel",
			"channel", "template", "template");

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	DeliveryLog(JdbcClient jdbc, CurrentStaff current) {
		this.jdbc = jdbc;
		this.current = current;
	}

	public record Entry(long id, Long communityId, Channel channel, String recipient, String template,
			DeliveryStatus status, int attempts, String reason, String subject, Instant createdAt, Instant sentAt,
			Instant nextAttemptAt) {

		public String created() {
			return Times.minutes(this.createdAt);
		}

		public String sent() {
			return Times.minutes(this.sentAt);
		}

	}

	public record Filter(Channel channel, DeliveryStatus status, String template, LocalDate from, LocalDate to,
			String subject) {
	}

	@SqlRead
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public PageView<Entry> search(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks();
		if (outOfRange(filter.from())) {
			checks.add("from", "validation.invalidValue");
		}
		if (outOfRange(filter.to())) {
			checks.add("to", "validation.invalidValue");
		}
		checks.throwIfAny();
		return SqlList.from("FROM notification")
			.where("community_id = :community")
			.param("community", communityId)
			.when(filter.channel(), "channel = :channel", "channel")
			.when(filter.status(), "status = :status", "status")
			.when(filter.template(), "template = :template", "template")
			.when(filter.subject(), "subject = :subject", "subject")
			.when(filter.from(), "created_at >= :from", "from",
					(filter.from() != null) ? Timestamp.from(Times.startOf(filter.from())) : null)
			.when(filter.to(), "created_at < :to", "to",
					(filter.to() != null) ? Timestamp.from(Times.startOf(filter.to().plusDays(1))) : null)
			.orderBy(query, SORTS, "createdAt", true, "id DESC")
			.page(this.jdbc, """
					SELECT id, community_id, channel, recipient_masked, template, status, attempts, reason, subject,
					       created_at, sent_at, next_attempt_at""", query,
					(rs, n) -> new Entry(rs.getLong("id"), (Long) rs.getObject("community_id"),
							Channel.valueOf(rs.getString("channel")), rs.getString("recipient_masked"),
							rs.getString("template"), DeliveryStatus.valueOf(rs.getString("status")),
							rs.getInt("attempts"), rs.getString("reason"), rs.getString("subject"),
							rs.getTimestamp("created_at").toInstant(),
							(rs.getTimestamp("sent_at") != null) ? rs.getTimestamp("sent_at").toInstant() : null,
							rs.getTimestamp("next_attempt_at").toInstant()));
	}

	private static boolean outOfRange(LocalDate day) {
		return day != null && (day.getYear() < 2000 || day.getYear() > 2100);
	}

	/** The templates that a community's messages used, for the filter. */
	@SqlRead
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public List<String> templates(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return this.jdbc.sql("SELECT DISTINCT template FROM notification WHERE community_id = ? ORDER BY template")
			.param(communityId)
			.query(String.class)
			.list();
	}

}
