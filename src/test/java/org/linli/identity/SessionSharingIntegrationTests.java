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
 * production points every node at the external database) starts no embedded database and
 * accepts the session signed in on the first.
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
		}
	}

}
