package org.linli.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every module takes "now" and "today" from, running in the installation's
 * zone ({@code linli.time-zone}, default Asia/Shanghai), whatever zone the server itself
 * is set to. Tests replace it with a clock they can set.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	@Bean
	Clock clock(@Value("${linli.time-zone:Asia/Shanghai}") ZoneId zone) {
		Times.use(zone);
		return Clock.system(zone);
	}

}
