package org.linli.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What every integration test shares, in its one application context: the settable
 * {@link TestClock} in place of the application's clock, and the {@link PublishedEvents}
 * recorder standing in for modules not built yet.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

	@Bean
	@Primary
	TestClock testClock() {
		return TestClock.inInstallationZone();
	}

	@Bean
	PublishedEvents publishedEvents() {
		return new PublishedEvents();
	}

}
