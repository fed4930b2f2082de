package org.linli.complaints.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.linli.complaints.ComplaintCategory;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each community's limits per category: accept (受理) within so many minutes of submission,
 * resolve within so many minutes of submission or of a reopening. A category a community
 * has not set uses the defaults.
 */
@Service
@Transactional(readOnly = true)
public class Limits {

	/** One category's limits, in minutes. */
	public record Limit(Integer acceptMinutes, Integer resolveMinutes) {

		Instant acceptBy(Instant from) {
			return from.plus(Duration.ofMinutes(this.acceptMinutes));
		}

		Instant resolveBy(Instant from) {
			return from.plus(Duration.ofMinutes(this.resolveMinutes));
		}

	}

	/**
	 * The defaults: safety and leaks accepted within the hour and resolved within a day;
	 * noise within two hours and two days; fees and other matters within a working day
	 * and five days.
	 */
	static Map<ComplaintCategory, Limit> defaults() {
		Map<ComplaintCategory, Limit> limits = new EnumMap<>(ComplaintCategory.class);
		limits.put(ComplaintCategory.NOISE, new Limit(120, 2 * 24 * 60));
		limits.put(ComplaintCategory.SANITATION, new Limit(240, 24 * 60));
		limits.put(ComplaintCategory.SECURITY, new Limit(60, 24 * 60));
		limits.put(ComplaintCategory.PARKING, new Limit(240, 2 * 24 * 60));
		limits.put(ComplaintCategory.SERVICE, new Limit(480, 3 * 24 * 60));
		limits.put(ComplaintCategory.LEAK, new Limit(60, 24 * 60));
		limits.put(ComplaintCategory.FACILITY, new Limit(240, 3 * 24 * 60));
		limits.put(ComplaintCategory.FEES, new Limit(480, 5 * 24 * 60));
		limits.put(ComplaintCategory.OTHER, new Limit(480, 5 * 24 * 60));
		return limits;
	}

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	Limits(JdbcClient jdbc, CurrentStaff current, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	/** The limits of one community and category (no scope check: used when writing). */
	Limit of(long communityId, ComplaintCategory category) {
		return this.jdbc.sql(
				"SELECT accept_minutes, resolve_minutes FROM complaint_settings WHERE community_id = ? AND category = ?")
			.params(communityId, category.name())
			.query((rs, n) -> new Limit(rs.getInt(1), rs.getInt(2)))
			.optional()
			.orElseGet(() -> defaults().get(category));
	}

	/** A community's limits for every category. */
	@PreAuthorize(Access.SERVICE)
	public Map<ComplaintCategory, Limit> of(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		Map<ComplaintCategory, Limit> limits = new LinkedHashMap<>(defaults());
		this.jdbc.sql("SELECT category, accept_minutes, resolve_minutes FROM complaint_settings WHERE community_id = ?")
			.param(communityId)
			.query((rs) -> {
				limits.put(ComplaintCategory.valueOf(rs.getString(1)), new Limit(rs.getInt(2), rs.getInt(3)));
			});
		return limits;
	}

	/**
	 * Sets the limits of the categories given (others keep theirs); new items and
	 * reopenings use them, items already in hand keep the limits they were given.
	 */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public Map<ComplaintCategory, Limit> change(long communityId, Map<ComplaintCategory, Limit> changes) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (changes == null || changes.isEmpty()) {
			throw org.linli.shared.InvalidInputException.field("limits", "validation.required");
		}
		Checks checks = new Checks();
		changes.forEach((category, limit) -> {
			String field = "limits." + category.name();
			if (limit == null) {
				checks.add(field, "validation.required");
				return;
			}
			checks.required(field + ".acceptMinutes", limit.acceptMinutes())
				.required(field + ".resolveMinutes", limit.resolveMinutes())
				.range(field + ".acceptMinutes", limit.acceptMinutes(), 1, 43200)
				.range(field + ".resolveMinutes", limit.resolveMinutes(), 1, 129600);
			if (limit.acceptMinutes() != null && limit.resolveMinutes() != null
					&& limit.acceptMinutes() > limit.resolveMinutes()) {
				checks.add(field + ".acceptMinutes", "complaints.limits.acceptAfterResolve");
			}
		});
		checks.throwIfAny();
		Map<ComplaintCategory, Limit> before = of(communityId);
		AuditLog.Changes audited = AuditLog.Changes.of();
		changes.forEach((category, limit) -> {
			this.jdbc
				.sql("""
						INSERT INTO complaint_settings (community_id, category, accept_minutes, resolve_minutes, updated_at, updated_by)
						VALUES (?, ?, ?, ?, ?, ?)
						ON CONFLICT (community_id, category) DO UPDATE SET accept_minutes = EXCLUDED.accept_minutes,
						    resolve_minutes = EXCLUDED.resolve_minutes, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
				.params(communityId, category.name(), limit.acceptMinutes(), limit.resolveMinutes(),
						Timestamp.from(this.clock.instant()), this.current.require().getUsername())
				.update();
			Limit old = before.get(category);
			audited.changed(category.name(), old.acceptMinutes() + "/" + old.resolveMinutes(),
					limit.acceptMinutes() + "/" + limit.resolveMinutes());
		});
		this.audit.record("COMPLAINT_LIMITS_CHANGED", "community", communityId, communityId, audited);
		return of(communityId);
	}

}
