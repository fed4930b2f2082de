package org.linli.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.shared.db.Replica;
import org.linli.shared.db.ReplicaReads;
import org.linli.support.Api;
import org.linli.support.FakeS3;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A node as production may run it: a read replica, a management port of its own, files in
 * S3-compatible object storage. The "replica" here is the same database reached as
 * another application name, which is enough to see where each statement went: a read-only
 * transaction in a {@link ReplicaReads} method reads the replica, every other statement
 * the primary; the reports say how fresh they are. The management port serves health to
 * anyone and Prometheus to an ADMIN token only, and the application's port no longer
 * serves Prometheus.
 */
class ProductionSettingsIntegrationTests extends IntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	/** Where a statement goes, as the database sees it. */
	public static class Probe {

		private final JdbcTemplate jdbc;

		public Probe(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@ReplicaReads
		@Transactional(readOnly = true)
		public String reportRead() {
			return this.jdbc.queryForObject("SHOW application_name", String.class);
		}

		@Transactional(readOnly = true)
		public String ordinaryRead() {
			return this.jdbc.queryForObject("SHOW application_name", String.class);
		}

		@ReplicaReads
		@Transactional
		public String writeInAReport() {
			return this.jdbc.queryForObject("SHOW application_name", String.class);
		}

	}

	/** Registered by the node below only (not a component: no other test scans it). */
	static class ProbeBeans {

		@Bean
		Probe probe(JdbcTemplate jdbc) {
			return new Probe(jdbc);
		}

	}

	@Test
	void reportsReadTheReplicaMetricsHaveAPortOfTheirOwnAndFilesGoToTheBucket() throws Exception {
		String url = this.postgres.getJdbcUrl("postgres", "postgres");
		long community = createCommunity();
		try (FakeS3 s3 = new FakeS3();
				ConfigurableApplicationContext node = new SpringApplicationBuilder(LinliApplication.class,
						ProbeBeans.class)
					.run("--spring.datasource.url=" + url + "&ApplicationName=linli-primary",
							"--spring.datasource.username=postgres",
							"--linli.replica.url=" + url + "&ApplicationName=linli-replica",
							"--management.server.port=0", "--server.port=0", "--linli.files.s3.bucket=linli-files",
							"--linli.files.s3.endpoint=" + s3.endpoint(), "--linli.files.s3.access-key=test",
							"--linli.files.s3.secret-key=test-secret")) {
			assertThat(node.getBean(org.linli.shared.files.FileStore.class).kind()).isEqualTo("s3");
			Probe probe = node.getBean(Probe.class);
			assertThat(probe.reportRead()).isEqualTo("linli-replica");
			assertThat(probe.ordinaryRead()).isEqualTo("linli-primary");
			assertThat(probe.writeInAReport()).isEqualTo("linli-primary");
			assertThat(node.getBean(Replica.class).lagSeconds()).isZero();

			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			Api api = new Api(port);
			String admin = api.token("admin", ADMIN_PASSWORD);
			assertThat(api.get("/api/v1/communities/" + community + "/stats/collection?from=2026-01&to=2026-12", admin))
				.hasStatus(200);
			WebSession browser = WebSession.signIn("http://localhost:" + port, "admin", ADMIN_PASSWORD);
			var page = browser.get("/admin/communities/" + community + "/stats/collection");
			assertThat(page).hasStatus(200);
			assertThat(page.body()).contains("id=\"replica-lag\"", "报表读取只读副本");

			int management = Integer.parseInt(node.getEnvironment().getProperty("local.management.port"));
			assertThat(management).isNotEqualTo(port);
			HttpClient http = HttpClient.newHttpClient();
			assertThat(get(http, management, "/actuator/health", null).statusCode()).isEqualTo(200);
			HttpResponse<String> anonymous = get(http, management, "/actuator/prometheus", null);
			assertThat(anonymous.statusCode()).isNotEqualTo(200);
			assertThat(anonymous.body()).doesNotContain("linli_");
			HttpResponse<String> scraped = get(http, management, "/actuator/prometheus", admin);
			assertThat(scraped.statusCode()).isEqualTo(200);
			assertThat(scraped.body()).contains("linli_jobs_runs_total");
			HttpResponse<String> onTheApplicationsPort = get(http, port, "/actuator/prometheus", admin);
			assertThat(onTheApplicationsPort.statusCode()).isNotEqualTo(200);
			assertThat(onTheApplicationsPort.body()).doesNotContain("linli_");

			// a file goes to the bucket, not to the database, and comes back whole
			String manager = staffToken(java.util.List.of("MANAGER"), java.util.List.of(community));
			long device = api
				.post("/api/v1/communities/" + community + "/equipment", manager,
						java.util.Map.of("code", "SB-S3", "name", "水泵", "category", "WATER", "location", "泵房"))
				.id();
			byte[] pdf = new byte[700_000];
			new java.util.Random(5).nextBytes(pdf);
			System.arraycopy("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 8);
			assertThat(api.upload("/api/v1/equipment/" + device + "/files", manager, "说明书.pdf", pdf)).hasStatus(201);
			String stored = this.jdbc.sql("SELECT stored_name FROM equipment_file WHERE equipment_id = ?")
				.param(device)
				.query(String.class)
				.single();
			assertThat(s3.objects().keySet()).containsExactly("linli-files/linli/" + stored);
			assertThat(java.util.Arrays.equals(s3.objects().get("linli-files/linli/" + stored), pdf)).isTrue();
			assertThat(this.jdbc.sql("SELECT count(*) FROM stored_file_chunk WHERE name = ?")
				.param(stored)
				.query(Long.class)
				.single()).isZero();
			long file = api.get("/api/v1/equipment/" + device + "/files", manager).json().get(0).get("id").asLong();
			Api.Response served = api.download("/api/v1/equipment/" + device + "/files/" + file, manager);
			assertThat(served).hasStatus(200);
			assertThat(java.util.Arrays.equals(served.bytes(), pdf)).isTrue();
		}
		// without a replica the stats page says nothing about one
		WebSession here = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		assertThat(here.get("/admin/communities/" + community + "/stats/collection").body())
			.doesNotContain("replica-lag");
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
