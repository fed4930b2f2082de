package org.linli.identity;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.shared.jobs.BackgroundJobs;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Two nodes on one database: a second instance pointed at the first one's PostgreSQL (as
 * production points every node at the external database) starts no embedded database,
 * accepts the session signed in on the first, counts the same rate limit, serves a file
 * uploaded on the first, and leaves a job started on both at once to one of them.
 */
class SessionSharingIntegrationTests extends IntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	BackgroundJobs jobs;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void aSessionFromOneNodeWorksOnAnother() throws Exception {
		WebSession nodeA = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		assertThat(nodeA.get("/admin")).hasStatus(200);
		try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(LinliApplication.class)
			.properties("spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0",
					"linli.demo-data=false")
			.run()) {
			assertThat(nodeB.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
			int portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
			WebSession onB = nodeA.on("http://localhost:" + portB);
			var page = onB.get("/admin");
			assertThat(page).hasStatus(200);
			assertThat(page.body()).contains("系统管理员");

			// a rate limit is counted once for both nodes: five QR reports of one device
			// from one address, alternately on each node, then the sixth is refused on B
			long community = createCommunity();
			String manager = staffToken(java.util.List.of("MANAGER"), java.util.List.of(community));
			java.util.Map<String, Object> elevator = new java.util.HashMap<>(java.util.Map.of("code", "DT-2N", "name",
					"两节点电梯", "category", "ELEVATOR", "location", "1栋", "installDate", "2020-06-01"));
			elevator.put("contractor", java.util.Map.of("name", "XX电梯维保公司", "licenceNumber", "TS3110001-2026",
					"licenceExpiry", "2028-12-31"));
			long device = this.api.post("/api/v1/communities/" + community + "/equipment", manager, elevator).id();
			String token = this.api.get("/api/v1/equipment/" + device, manager).json().get("publicToken").asString();
			WebSession anyoneOnA = WebSession.anonymous(this.api.base());
			WebSession anyoneOnB = WebSession.anonymous("http://localhost:" + portB);
			assertThat(anyoneOnA.get("/d/" + token)).hasStatus(200);
			assertThat(anyoneOnB.get("/d/" + token)).hasStatus(200);
			for (int i = 0; i < 5; i++) {
				WebSession node = (i % 2 == 0) ? anyoneOnA : anyoneOnB;
				assertThat(node.postForm("/d/" + token + "/faults", java.util.Map.of("description", "门关不上 " + i)))
					.hasStatus(302);
			}
			assertThat(anyoneOnB.postForm("/d/" + token + "/faults", java.util.Map.of("description", "第六次")))
				.hasStatus(429);
			assertThat(anyoneOnA.postForm("/d/" + token + "/faults", java.util.Map.of("description", "第七次")))
				.hasStatus(429);

			// a file uploaded on A is served by B: files live in the database, not on a
			// node's disk
			byte[] pdf = new byte[300_000];
			new java.util.Random(3).nextBytes(pdf);
			System.arraycopy("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, pdf, 0, 8);
			assertThat(this.api.upload("/api/v1/equipment/" + device + "/files", manager, "维保合同.pdf", pdf))
				.hasStatus(201);
			long file = this.api.get("/api/v1/equipment/" + device + "/files", manager)
				.json()
				.get(0)
				.get("id")
				.asLong();
			Api apiOnB = new Api(portB);
			Api.Response served = apiOnB.download("/api/v1/equipment/" + device + "/files/" + file, manager);
			assertThat(served).hasStatus(200);
			assertThat(served.bytes()).isEqualTo(pdf);

			// a job started on both nodes at the same moment runs on one of them
			java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.function.Function<BackgroundJobs, java.util.concurrent.Callable<java.util.OptionalInt>> job = (
					jobs) -> () -> {
						start.await();
						return jobs.onOneNode("two-nodes/daily", () -> {
							runs.incrementAndGet();
							try {
								Thread.sleep(500);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
							return 1;
						});
					};
			java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
			var onA = both.submit(job.apply(this.jobs));
			var onBJob = both.submit(job.apply(nodeB.getBean(BackgroundJobs.class)));
			start.countDown();
			java.util.List<java.util.OptionalInt> results = java.util.List.of(onA.get(), onBJob.get());
			both.shutdown();
			assertThat(runs.get()).isEqualTo(1);
			assertThat(results).containsExactlyInAnyOrder(java.util.OptionalInt.of(1), java.util.OptionalInt.empty());
			// and the real daily jobs, started on both at once, each run without a
			// failure
			// and leave one maintenance task per plan and day
			java.util.concurrent.ExecutorService daily = java.util.concurrent.Executors.newFixedThreadPool(2);
			java.util.List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
			for (ConfigurableApplicationContext node : java.util.List.of(this.context, nodeB)) {
				Object equipmentJobs = node.getBean("equipmentJobs");
				calls.add(daily.submit(() -> org.springframework.test.util.ReflectionTestUtils
					.invokeMethod(equipmentJobs, "maintenanceTasks")));
				Object dunningJobs = node.getBean("dunningJobs");
				calls.add(daily.submit(
						() -> org.springframework.test.util.ReflectionTestUtils.invokeMethod(dunningJobs, "daily")));
			}
			for (java.util.concurrent.Future<?> call : calls) {
				call.get();
			}
			daily.shutdown();
		}
	}

}
