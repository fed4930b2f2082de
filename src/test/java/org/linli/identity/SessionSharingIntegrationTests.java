package org.linli.identity;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
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
 * accepts the session signed in on the first, and counts the same rate limit.
 */
class SessionSharingIntegrationTests extends IntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Test
	void aSessionFromOneNodeWorksOnAnother() {
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
		}
	}

}
