package org.linli.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when no external database is configured
 * ({@code spring.datasource.url} unset). Its data lives under the data folder and
 * survives restarts; tests ask for an ephemeral one under {@code target/}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
public class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	/**
	 * The database the application started early (see {@link #startEarly}), if it did:
	 * its data folder and the start under way.
	 */
	private static volatile Early early;

	private record Early(Path data, CompletableFuture<EmbeddedPostgres> started) {
	}

	/**
	 * Starts the embedded database on another thread while Spring builds the application
	 * (a first start spends some four seconds in initdb and start-up that overlap the
	 * context's own): called from {@code main} once the environment is known, for the
	 * default run only; the bean below takes the result, or starts one itself.
	 */
	public static void startEarly(Environment environment) {
		if (early != null || StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| environment.getProperty("linli.embedded-db.ephemeral", Boolean.class, false)) {
			return;
		}
		Path root = Path.of(environment.getProperty("linli.data-dir", "./data")).toAbsolutePath().normalize();
		Path data = root.resolve("postgres");
		early = new Early(data, CompletableFuture.supplyAsync(() -> {
			try {
				return start(root, data, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}));
	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${linli.data-dir}") String dataDir,
			@Value("${linli.embedded-db.ephemeral:false}") boolean ephemeral) throws IOException {
		Path root = Path.of(dataDir).toAbsolutePath().normalize();
		Path data = ephemeral ? root.resolve("pg-" + UUID.randomUUID()) : root.resolve("postgres");
		Early started = early;
		if (started != null && started.data().equals(data)) {
			early = null;
			try {
				return started.started().join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof UncheckedIOException io) ? io.getCause()
						: new IOException("The embedded database did not start", ex.getCause());
			}
		}
		return start(root, data, ephemeral);
	}

	private static EmbeddedPostgres start(Path root, Path data, boolean ephemeral) throws IOException {
		Path runtime = root.resolve("pg-runtime");
		Files.createDirectories(runtime);
		Files.createDirectories(data.getParent());
		log.info("Starting embedded PostgreSQL with data in {}", data);
		return EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setOverrideWorkingDirectory(runtime.toFile())
			.setCleanDataDirectory(ephemeral)
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "100")
			// a commit is on the disk before it is answered (the library's default is
			// off:
			// a crash could lose payments already receipted); tests' throwaway databases
			// keep the faster setting
			.setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
			.start();
	}

	/**
	 * The pool: by default two connections per core and two more (the database shares the
	 * machine's cores with the application, and more connections than that only take
	 * turns: on two cores payments went 20-28% faster with four to six than with ten),
	 * and never fewer than six, so that the few jobs that open a transaction inside
	 * another never wait for each other's connections.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres,
			@Value("${spring.datasource.hikari.maximum-pool-size:0}") int configuredPoolSize) {
		int poolSize = (configuredPoolSize > 0) ? configuredPoolSize
				: Math.max(6, 2 * Runtime.getRuntime().availableProcessors() + 2);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(poolSize);
		dataSource.setPoolName("linli-embedded");
		return dataSource;
	}

	static class NoExternalDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
