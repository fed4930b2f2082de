package org.linli;

import org.linli.operations.Restore;
import org.linli.shared.db.EmbeddedPostgresConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@Modulithic(sharedModules = "shared")
@SpringBootApplication
@EnableScheduling
public class LinliApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "restore".equals(args[0])) {
			System.exit(Restore.command(args));
		}
		logFormat(System.getenv("LINLI_LOG_FORMAT"));
		SpringApplication application = new SpringApplication(LinliApplication.class);
		// the embedded database starts while the application is being built
		application.addListeners((ApplicationListener<ApplicationEvent>) (event) -> {
			if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
				EmbeddedPostgresConfiguration.startEarly(prepared.getEnvironment());
			}
		});
		application.run(args);
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
