package org.linli.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.linli.shared.Times;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

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
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (StringUtils.hasText(filter.actor())) {
			where.append(" AND lower(actor_name) = lower(?)");
			params.add(filter.actor().trim());
		}
		if (StringUtils.hasText(filter.action())) {
			where.append(" AND action = ?");
			params.add(filter.action().trim().toUpperCase());
		}
		if (StringUtils.hasText(filter.targetType())) {
			where.append(" AND target_type = ?");
			params.add(filter.targetType().trim());
		}
		if (StringUtils.hasText(filter.targetId())) {
			where.append(" AND target_id = ?");
			params.add(filter.targetId().trim());
		}
		if (filter.from() != null) {
			where.append(" AND at >= ?");
			params.add(Timestamp.from(Times.startOf(filter.from())));
		}
		if (filter.to() != null) {
			where.append(" AND at < ?");
			params.add(Timestamp.from(Times.startOf(filter.to().plusDays(1))));
		}
		long total = this.jdbc.sql("SELECT count(*) FROM audit_entry" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.size());
		pageParams.add((long) query.page() * query.size());
		List<AuditEntryView> rows = this.jdbc
			.sql("SELECT id, at, actor_id, actor_name, ip, action, target_type, target_id, community_id, details"
					+ " FROM audit_entry" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, n) -> new AuditEntryView(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
					(Long) rs.getObject("actor_id"), rs.getString("actor_name"), rs.getString("ip"),
					rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
					(Long) rs.getObject("community_id"), rs.getString("details")))
			.list();
		int pages = (int) ((total + query.size() - 1) / query.size());
		return new PageView<>(rows, query.page(), query.size(), total, pages);
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
