package org.linli.notifications.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as the metrics scraper sees it: {@code linli_outbox_queued} (messages
 * waiting to go, read when scraped) and {@code linli_outbox_failed} (messages given up
 * on); SMS failures count in {@code linli_sms_failures_total}.
 */
@Component
class OutboxMetrics {

	OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
		Gauge
			.builder("linli.outbox.queued",
					() -> jdbc.sql("SELECT count(*) FROM notification WHERE status IN ('QUEUED', 'SENDING')")
						.query(Long.class)
						.single())
			.description("Messages waiting to be delivered")
			.register(registry);
		Gauge.builder("linli.outbox.failed",
				() -> jdbc.sql("SELECT count(*) FROM notification WHERE status = 'FAILED'").query(Long.class).single())
			.description("Messages given up on")
			.register(registry);
	}

}
