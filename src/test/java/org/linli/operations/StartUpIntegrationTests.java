package org.linli.operations;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start puts its accounts in place before the port opens: whoever signs in the
 * moment Linli answers finds the {@code admin} account the log announced.
 */
class StartUpIntegrationTests {

	@Test
	void theAdminAccountExistsWhenThePortOpens() {
		AtomicReference<Long> adminsWhenOpen = new AtomicReference<>();
		ApplicationListener<ApplicationEvent> whenOpen = (event) -> {
			if (event instanceof WebServerInitializedEvent open) {
				adminsWhenOpen.set(open.getApplicationContext()
					.getBean(JdbcClient.class)
					.sql("SELECT count(*) FROM staff_account WHERE username = 'admin'")
					.query(Long.class)
					.single());
			}
		};
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(LinliApplication.class)
			.listeners(whenOpen)
			.run()) {
			assertThat(adminsWhenOpen.get()).isEqualTo(1L);
		}
	}

}
