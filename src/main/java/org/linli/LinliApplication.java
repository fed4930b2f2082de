package org.linli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@Modulithic(sharedModules = "shared")
@SpringBootApplication
@EnableScheduling
public class LinliApplication {

	public static void main(String[] args) {
		logFormat(System.getenv("LINLI_LOG_FORMAT"));
		SpringApplication.run(LinliApplication.class, args);
	}

	/**
	 * {@code LINLI_LOG_FORMAT=json}: one JSON object per log line on the console (Elastic
	 * Common Schema, which log collectors read as it is), with the correlation id.
	 */
	static void logFormat(String format) {
		if ("json".equalsIgnoreCase(format) && System.getProperty("logging.structured.format.console") == null) {
			System.setProperty("logging.structured.format.console", "ecs");
		}
	}

}
