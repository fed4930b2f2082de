package org.linli.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Browsing the audit log: filtered by actor, action, target and date, newest first.
 */
@Service
public class AuditEntries {

	private final JdbcClient jdbc;

	AuditEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageView<AuditEntryView> page(AuditFilter filter, PageQuery query) {
		return SqlList.from("FROM audit_entry")
			.when(filter.actor(), "lower(actor_name) = lower(:actor)", "actor", trimmed(filter.actor()))
			.when(filter.action(), "action = :action", "action",
					(filter.action() != null) ? filter.action().trim().toUpperCase(Locale.ROOT) : null)
			.when(filter.targetType(), "target_type = :targetType", "targetType", trimmed(filter.targetType()))
			.when(filter.targetId(), "target_id = :targetId", "targetId", trimmed(filter.targetId()))
			.when(filter.from(), "at >= :from", "from",
					(filter.from() != null) ? Timestamp.from(Times.startOf(filter.from())) : null)
			.when(filter.to(), "at < :to", "to",
					(filter.to() != null) ? Timestamp.from(Times.startOf(filter.to().plusDays(1))) : null)
			.orderBy("at DESC, id DESC")
			.page(this.jdbc,
					"SELECT id, at, actor_id, actor_name, ip, action, target_type, target_id, community_id, details",
					query,
					(rs, n) -> new AuditEntryView(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
							(Long) rs.getObject("actor_id"), rs.getString("actor_name"), rs.getString("ip"),
							rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
							(Long) rs.getObject("community_id"), rs.getString("details")));
	}

	private static String trimmed(String value) {
		return (value != null) ? value.trim() : null;
	}

	/** The kinds of record the log names, for the filter. */
	public List<String> targetTypes() {
		return this.jdbc
			.sql("SELECT DISTINCT target_type FROM audit_entry WHERE target_type IS NOT NULL ORDER BY target_type")
			.query(String.class)
			.list();
	}

	public List<String> actions() {
		return this.jdbc.sql("SELECT DISTINCT action FROM audit_entry ORDER BY action").query(String.class).list();
	}

	public record AuditFilter(String actor, String action, String targetType, String targetId, LocalDate from,
			LocalDate to) {
	}

	public record AuditEntryView(long id, Instant at, Long actorId, String actorName, String ip, String action,
			String targetType, String targetId, Long communityId, String details) {

		/** When, in the company's zone, as people read it. */
		public String time() {
			return Times.seconds(this.at);
		}

	}

}
