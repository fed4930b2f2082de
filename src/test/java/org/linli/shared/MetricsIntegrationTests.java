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

		this.jobs.onOneNode("test/metrics", () -> 2);
		Api.Response scraped = this.api.download("/actuator/prometheus", admin());
		assertThat(scraped).hasStatus(200);
		assertThat(scraped.body()).contains("linli_signin_failures_total")
			.contains("linli_outbox_queued")
			.contains("linli_outbox_failed")
			.contains("linli_jobs_runs_total{job=\"test/metrics\",outcome=\"success\"} 1.0")
			.contains("linli_jobs_last_success_seconds{job=\"test/metrics\"}");
		assertThat(WebSession.anonymous(this.api.base()).get("/actuator/health/readiness")).hasStatus(200);
		assertThat(WebSession.anonymous(this.api.base()).get("/actuator/health/liveness")).hasStatus(200);
	}

}
