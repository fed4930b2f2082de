package org.linli.dunning.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

import org.linli.identity.CommunityDirectory;
import org.linli.notifications.Channel;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dunning module's demo data, after the demo payments: 阳光花园 (the first community)
 * reminds rooms 7 days after a line falls due, then every 15 days, at most 3 times, in
 * the portal and by SMS — and that policy has run once, so the rooms that owe have their
 * first reminder on the first start.
 */
@Component
@Order(120)
class DemoDunning implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoDunning.class);

	private final JdbcClient jdbc;

	private final CommunityDirectory communities;

	private final Reminders reminders;

	private final boolean enabled;

	private final Clock clock;

	DemoDunning(JdbcClient jdbc, CommunityDirectory communities, Reminders reminders, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.communities = communities;
		this.reminders = reminders;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		long policies = this.jdbc.sql("SELECT count(*) FROM dunning_policy").query(Long.class).single();
		long payments = this.jdbc.sql("SELECT count(*) FROM payment").query(Long.class).single();
		List<CommunityDirectory.CommunityRef> all = this.communities.allCommunities();
		if (!this.enabled || policies > 0 || payments == 0 || all.isEmpty()) {
			return;
		}
		long sunshine = all.get(0).id();
		this.jdbc
			.sql("""
					INSERT INTO dunning_policy (community_id, enabled, first_after_days, every_days, max_reminders, channels,
					                            updated_at, updated_by)
					VALUES (?, true, 7, 15, 3, ?, ?, 'demo')""")
			.params(sunshine, Policies.channels(EnumSet.of(Channel.IN_APP, Channel.SMS)),
					Timestamp.from(this.clock.instant()))
			.update();
		Reminders.RunResult result = this.reminders.run(sunshine);
		log.info("Seeded the demo dunning policy: {} rooms reminded", result.reminded());
	}

}
