package org.linli.dunning.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.notifications.Channel;
import org.linli.shared.Checks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each community's dunning policy: read by the staff who deal with arrears, changed by
 * finance (audited); a community without one has the defaults, switched off.
 */
@Service
public class Policies {

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	Policies(JdbcClient jdbc, CurrentStaff current, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public DunningPolicy of(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return policy(communityId);
	}

	/**
	 * Replaces a community's policy; every number is checked and named when out of range.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public DunningPolicy change(long communityId, PolicyCommand command) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks().required("enabled", command.enabled())
			.required("firstAfterDays", command.firstAfterDays())
			.range("firstAfterDays", command.firstAfterDays(), 0, 365)
			.required("everyDays", command.everyDays())
			.range("everyDays", command.everyDays(), 1, 365)
			.required("maxReminders", command.maxReminders())
			.range("maxReminders", command.maxReminders(), 1, 20);
		if (command.channels() == null || command.channels().isEmpty()) {
			checks.add("channels", "validation.required");
		}
		else if (command.channels().contains(null)) {
			checks.add("channels", "validation.invalidValue");
		}
		checks.throwIfAny();
		DunningPolicy before = policy(communityId);
		DunningPolicy after = new DunningPolicy(command.enabled(), command.firstAfterDays(), command.everyDays(),
				command.maxReminders(), EnumSet.copyOf(command.channels()));
		this.jdbc
			.sql("""
					INSERT INTO dunning_policy (community_id, enabled, first_after_days, every_days, max_reminders, channels,
					                            updated_at, updated_by)
					VALUES (:community, :enabled, :first, :every, :max, :channels, :now, :by)
					ON CONFLICT (community_id) DO UPDATE SET enabled = excluded.enabled,
					    first_after_days = excluded.first_after_days, every_days = excluded.every_days,
					    max_reminders = excluded.max_reminders, channels = excluded.channels,
					    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
			.param("community", communityId)
			.param("enabled", after.enabled())
			.param("first", after.firstAfterDays())
			.param("every", after.everyDays())
			.param("max", after.maxReminders())
			.param("channels", channels(after.channels()))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", this.current.user().map((u) -> u.getUsername()).orElse(null))
			.update();
		this.audit.record("DUNNING_POLICY_CHANGED", "community", communityId, communityId,
				AuditLog.Changes.of()
					.changed("enabled", before.enabled(), after.enabled())
					.changed("firstAfterDays", before.firstAfterDays(), after.firstAfterDays())
					.changed("everyDays", before.everyDays(), after.everyDays())
					.changed("maxReminders", before.maxReminders(), after.maxReminders())
					.changed("channels", channels(before.channels()), channels(after.channels())));
		return after;
	}

	/** What staff ask a policy to be; a null is refused with the field named. */
	public record PolicyCommand(Boolean enabled, Integer firstAfterDays, Integer everyDays, Integer maxReminders,
			Set<Channel> channels) {
	}

	/** The policy in force, without access checks (for the daily job). */
	DunningPolicy policy(long communityId) {
		return this.jdbc.sql("""
				SELECT enabled, first_after_days, every_days, max_reminders, channels FROM dunning_policy
				WHERE community_id = ?""")
			.param(communityId)
			.query((rs, n) -> new DunningPolicy(rs.getBoolean(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
					parse(rs.getString(5))))
			.optional()
			.orElseGet(DunningPolicy::defaults);
	}

	/** The communities whose policy is on. */
	List<Long> enabledCommunities() {
		return this.jdbc.sql("SELECT community_id FROM dunning_policy WHERE enabled ORDER BY community_id")
			.query(Long.class)
			.list();
	}

	static String channels(Set<Channel> channels) {
		return channels.stream().sorted().map(Channel::name).collect(Collectors.joining(","));
	}

	static Set<Channel> parse(String channels) {
		if (channels == null || channels.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(channels.split(",")).map(String::trim).map(Channel::valueOf).collect(Collectors.toSet());
	}

}
