package org.linli.identity.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.userdetails.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who is behind each API token, and which communities each staff member works in, kept in
 * memory so that a request does not read them from the database each time.
 * <p>
 * A change reaches every node at once: triggers on the account, role, community and token
 * tables (migration {@code V202611280401}) NOTIFY the channel {@code linli_access} at
 * commit, naming what changed; each node LISTENs on a connection of its own and forgets
 * it. The node that made the change forgets it at its own commit too, without waiting for
 * the notice. Nothing is cached while that connection is down, and everything cached
 * before is forgotten when it is back, so a notice missed meanwhile cannot leave a
 * revoked token or a withdrawn community usable. A value read from the database while a
 * notice arrived is used for its request but not kept.
 */
@Component
public class AccessCache implements SmartLifecycle {

	static final String CHANNEL = "linli_access";

	private static final Logger log = LoggerFactory.getLogger(AccessCache.class);

	private final DataSource dataSource;

	private final Cache<String, CachedToken> tokens = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(30))
		.build();

	private final Cache<Long, Set<Long>> scopes = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(30))
		.build();

	/** Counts notices: a value read across one is not kept. Guarded by {@code this}. */
	private long generation;

	private volatile boolean listening;

	private volatile boolean running;

	private volatile Thread listener;

	private volatile Connection connection;

	AccessCache(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** A token's owner and expiry, as read from the database. */
	record CachedToken(User user, Instant expiresAt, String owner) {
	}

	/**
	 * The user behind a token (by its hash) at {@code now}: from memory, or read by
	 * {@code loader} (a token unknown or expired reads as empty).
	 */
	Optional<User> token(String hash, Instant now, Supplier<Optional<CachedToken>> loader) {
		CachedToken cached = this.listening ? this.tokens.getIfPresent(hash) : null;
		if (cached == null) {
			long seen = generation();
			Optional<CachedToken> loaded = loader.get();
			loaded.ifPresent((token) -> keep(seen, () -> this.tokens.put(hash, token)));
			cached = loaded.orElse(null);
		}
		return (cached != null && cached.expiresAt().isAfter(now)) ? Optional.of(cached.user()) : Optional.empty();
	}

	/**
	 * The communities a staff member works in: from memory, or read by {@code loader}.
	 */
	public Set<Long> communities(long accountId, Supplier<Set<Long>> loader) {
		Set<Long> cached = this.listening ? this.scopes.getIfPresent(accountId) : null;
		if (cached == null) {
			long seen = generation();
			cached = Set.copyOf(loader.get());
			Set<Long> read = cached;
			keep(seen, () -> this.scopes.put(accountId, read));
		}
		return cached;
	}

	/**
	 * Forgets a token, a staff account or a resident account ({@code token:<hash>},
	 * {@code staff:<id>}, {@code resident:<id>}) when the current transaction commits (at
	 * once outside one): the notice every node gets, applied here without waiting for it.
	 */
	void forgetAtCommit(String what) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					forget(what);
				}
			});
		}
		else {
			forget(what);
		}
	}

	synchronized void forget(String what) {
		this.generation++;
		int colon = what.indexOf(':');
		String kind = (colon > 0) ? what.substring(0, colon) : what;
		String id = (colon > 0) ? what.substring(colon + 1) : "";
		switch (kind) {
			case "token" -> this.tokens.invalidate(id);
			case "staff", "resident" -> {
				this.tokens.asMap().values().removeIf((token) -> token.owner().equals(what));
				if (kind.equals("staff")) {
					this.scopes.invalidate(Long.valueOf(id));
				}
			}
			default -> forgetAll();
		}
	}

	private synchronized void forgetAll() {
		this.generation++;
		this.tokens.invalidateAll();
		this.scopes.invalidateAll();
	}

	private synchronized long generation() {
		return this.generation;
	}

	private synchronized void keep(long seen, Runnable put) {
		if (this.listening && this.generation == seen) {
			put.run();
		}
	}

	/** Whether changes are being heard, and so whether anything is kept. */
	boolean listening() {
		return this.listening;
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::listen, "linli-access-listener");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		Thread thread = this.listener;
		closeQuietly(this.connection);
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		long pause = 200;
		while (this.running) {
			try (Connection listening = open()) {
				this.connection = listening;
				try (Statement statement = listening.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection notices = listening.unwrap(PGConnection.class);
				// whatever changed while nobody listened is unknown: start afresh
				synchronized (this) {
					forgetAll();
					this.listening = true;
				}
				pause = 200;
				while (this.running) {
					PGNotification[] received = notices.getNotifications(10_000);
					if (received != null) {
						for (PGNotification notice : received) {
							forget(notice.getParameter());
						}
					}
					else if (!listening.isValid(5)) {
						throw new SQLException("The listening connection is gone");
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				synchronized (this) {
					this.listening = false;
					forgetAll();
				}
				if (this.running) {
					log.warn("Not hearing access changes ({}); nothing is cached until the connection is back",
							ex.getMessage());
					try {
						Thread.sleep(pause);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
					pause = Math.min(pause * 2, 10_000);
				}
			}
		}
	}

	/**
	 * A connection outside the pool, so that listening holds none of the pool's: the
	 * pool's settings when it is Hikari, else a connection from it.
	 */
	private Connection open() throws SQLException {
		if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource hikari = this.dataSource.unwrap(HikariDataSource.class);
			Properties properties = new Properties();
			properties.putAll(hikari.getDataSourceProperties());
			if (hikari.getUsername() != null) {
				properties.setProperty("user", hikari.getUsername());
			}
			if (hikari.getPassword() != null) {
				properties.setProperty("password", hikari.getPassword());
			}
			properties.setProperty("ApplicationName", "linli-access-listener");
			return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
		}
		return this.dataSource.getConnection();
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// closing anyway
			}
		}
	}

}
