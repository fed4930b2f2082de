package org.linli.shared;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The scraper's view: {@code /actuator/prometheus} for an ADMIN bearer token only, with
 * the business metrics named {@code linli_…}; health with liveness and readiness (the
 * database) for anyone.
 */
class MetricsIntegrationTests extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	org.linli.shared.jobs.BackgroundJobs jobs;

	@Test
	void onlyAnAdminTokenReadsTheMetricsAndTheyCountWhatHappened() {
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", "admin", "password", "wrong-pass")))
			.hasStatus(401);
		this.api.get("/api/v1/me", null);

		Api.Response anonymous = this.api.download("/actuator/prometheus", null);
		assertThat(anonymous.status()).isNotEqualTo(200);
		assertThat(anonymous.body()).doesNotContain("linli_");
		String staff = staffToken(List.of("MANAGER"), List.of(createCommunity()));
		assertThat(this.api.download("/actuator/prometheus", staff)).hasStatus(403);

		// a committed cash payment counts, its amount in fen
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		long item = this.jdbc
			.sql("INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, "
					+ "late_daily_rate, effective_from, created_at) VALUES (?, '物业费', 'FIXED', 300, 'MONTHLY', 15, "
					+ "'ALL_ROOMS', 0, DATE '2020-01-01', now()) RETURNING id")
			.param(community)
			.query(Long.class)
			.single();
		long bill = this.jdbc.sql("INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, "
				+ "unit_price, amount, due_date, issued_on, created_at) VALUES (?, ?, ?, DATE '2026-01-01', 1, 1, 300, "
				+ "300.00, DATE '2026-01-15', DATE '2026-01-01', now()) RETURNING id")
			.params(community, room, item)
			.query(Long.class)
			.single();
		String before = this.api.download("/actuator/prometheus", admin()).body();
		long fenBefore = fen(before);
		assertThat(this.api.post("/api/v1/payments", staffToken(List.of("FINANCE"), List.of(community)),
				Map.of("roomId", room, "amount", "123.45", "method", "CASH", "billIds", List.of(bill)),
				"Idempotency-Key", java.util.UUID.randomUUID().toString()))
			.hasStatus(201);
		this.jobs.onOneNode("test/metrics", () -> 2);
		Api.Response scraped = this.api.download("/actuator/prometheus", admin());
		assertThat(scraped).hasStatus(200);
		assertThat(scraped.body()).contains("linli_signin_failures_total")
			.contains("linli_outbox_queued")
			.contains("linli_outbox_failed")
			.contains("linli_requests_waiting")
			.contains("linli_requests_working")
			.contains("linli_requests_overtaken_total")
			.contains("linli_jobs_runs_total{job=\"test/metrics\",outcome=\"success\"} 1.0")
			.contains("linli_jobs_last_success_seconds{job=\"test/metrics\"}");
		assertThat(fen(scraped.body()) - fenBefore).isEqualTo(12345);
		assertThat(scraped.body()).contains("linli_payments_total{method=\"CASH\"}");
		assertThat(WebSession.anonymous(this.api.base()).get("/actuator/health/readiness")).hasStatus(200);
		assertThat(WebSession.anonymous(this.api.base()).get("/actuator/health/liveness")).hasStatus(200);
	}

	private static long fen(String metrics) {
		java.util.regex.Matcher line = java.util.regex.Pattern
			.compile("(?m)^linli_payments_amount_fen_total\\{method=\"CASH\"\\} ([0-9.E]+)$")
			.matcher(metrics);
		return line.find() ? new java.math.BigDecimal(line.group(1)).longValueExact() : 0;
	}

}
