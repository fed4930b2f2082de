package org.linli.shared.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request has a correlation id: the caller's when it is a plain token, else a new
 * one; it is answered in {@code X-Request-Id} and stands in the request's log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdIntegrationTests extends IntegrationTest {

	@Test
	void aRequestKeepsTheCallersIdOrGetsOne() {
		Api.Response given = this.api.post("/api/v1/auth/token", null,
				Map.of("username", "nobody-" + unique("x"), "password", "wrong-password"), "X-Request-Id",
				"lb-7f3a9c21-request");
		assertThat(given.status()).isEqualTo(401);
		assertThat(given.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a9c21-request");

		Api.Response fresh = this.api.get("/api/v1/me", null);
		String id = fresh.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).matches("[0-9a-f-]{36}");

		// a header that is not a plain token (log injection) is replaced
		Api.Response hostile = this.api.post("/api/v1/auth/token", null, Map.of("username", "a", "password", "b"),
				"X-Request-Id", "x\" injected=1 {}");
		assertThat(hostile.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
	}

	@Autowired
	org.linli.shared.jobs.BackgroundJobs jobs;

	@Test
	void eachRunOfAJobLogsUnderItsOwnId(CapturedOutput output) {
		this.jobs.onOneNode("test/correlation", () -> 1);
		this.jobs.onOneNode("test/correlation", () -> 1);
		java.util.regex.Matcher ids = java.util.regex.Pattern
			.compile("\\[(job-test/correlation-[0-9a-f]+)\\] .*Job test/correlation done")
			.matcher(output.getAll());
		java.util.Set<String> seen = new java.util.HashSet<>();
		while (ids.find()) {
			seen.add(ids.group(1));
		}
		assertThat(seen).hasSize(2);
		assertThat(org.slf4j.MDC.get("correlationId")).isNull();
	}

	@Test
	void jsonLogsAreChosenByOneSetting() {
		String before = System.getProperty("logging.structured.format.console");
		try {
			System.clearProperty("logging.structured.format.console");
			org.linli.LinliApplicationAccess.logFormat("plain");
			assertThat(System.getProperty("logging.structured.format.console")).isNull();
			org.linli.LinliApplicationAccess.logFormat("json");
			assertThat(System.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		}
		finally {
			if (before == null) {
				System.clearProperty("logging.structured.format.console");
			}
			else {
				System.setProperty("logging.structured.format.console", before);
			}
		}
	}

}
