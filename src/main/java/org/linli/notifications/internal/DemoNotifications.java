package org.linli.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications module's demo data, after the modules that send (the demo reminders):
 * the demo's SMS provider is the log, which never fails, so a few text messages are shown
 * as the gateway refused them after every attempt — what staff see in the delivery log
 * when a phone number is wrong or a gateway is down.
 */
@Component
@Order(200)
class DemoNotifications implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoNotifications.class);

	private final JdbcClient jdbc;

	private final boolean enabled;

	private final int maxAttempts;

	private final Clock clock;

	DemoNotifications(JdbcClient jdbc, Clock clock, @Value("${linli.demo-data:true}") boolean enabled,
			@Value("${linli.notifications.max-attempts:5}") int maxAttempts) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.enabled = enabled;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public void seed() {
		// only on the first start of a demo database: nothing has been delivered yet
		long delivered = this.jdbc.sql("SELECT count(*) FROM notification WHERE status <> 'QUEUED'")
			.query(Long.class)
			.single();
		if (!this.enabled || delivered > 0) {
			return;
		}
		int failed = this.jdbc.sql("""
				UPDATE notification SET status = 'FAILED', attempts = :attempts, reason = 'HTTP 503', sent_at = NULL,
				       updated_at = created_at
				WHERE id IN (SELECT id FROM notification WHERE channel = 'SMS' AND status = 'QUEUED'
				             AND created_at > :recent
				             ORDER BY id LIMIT 3)""")
			.param("attempts", this.maxAttempts)
			.param("recent", Timestamp.from(this.clock.instant().minus(Duration.ofMinutes(10))))
			.update();
		if (failed > 0) {
			log.info("Marked {} demo text messages as failed", failed);
		}
	}

}
