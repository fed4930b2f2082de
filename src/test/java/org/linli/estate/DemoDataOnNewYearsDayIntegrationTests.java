package org.linli.estate;

import java.time.ZonedDateTime;

import org.linli.shared.Times;
import org.linli.support.TestClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The demo keeps working whatever day it is first started on: here at 00:30 on New Year's
 * Day in the installation's zone (last month's run is December's of the year before; the
 * server of these tests is still on the 31st).
 */
@Import(DemoDataOnNewYearsDayIntegrationTests.NewYearsDay.class)
class DemoDataOnNewYearsDayIntegrationTests extends DemoDataIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class NewYearsDay {

		@Bean
		@Primary
		TestClock newYearsDay() {
			return TestClock.inInstallationZone()
				.setInstant(ZonedDateTime.of(2027, 1, 1, 0, 30, 0, 0, Times.zone()).toInstant());
		}

	}

}
