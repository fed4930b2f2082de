package org.linli.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. Counts recent failed sign-ins from the audit log, so the
 * count is shared by every node: after too many failures for one account (since its last
 * success), or from one address, sign-in is refused for a while, whatever the password.
 */
@Component
public class LoginThrottle {

	static final String FAILED = "LOGIN_FAILED";

	static final String SUCCEEDED = "LOGIN_SUCCEEDED";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxPerAccount;

	private final int maxPerAddress;

	private final Duration window;

	LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${linli.login.max-failures-per-account:5}") int maxPerAccount,
			@Value("${linli.login.max-failures-per-address:30}") int maxPerAddress,
			@Value("${linli.login.throttle-window:PT15M}") Duration window) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxPerAccount = maxPerAccount;
		this.maxPerAddress = maxPerAddress;
		this.window = window;
	}

	public Duration window() {
		return this.window;
	}

	public boolean isThrottled(String username, String address) {
		Timestamp since = Timestamp.from(Instant.now(this.clock).minus(this.window));
		long forAccount = this.jdbc
			.sql("""
					SELECT count(*) FROM audit_entry f
					WHERE f.action = ? AND lower(f.actor_name) = lower(?) AND f.at > ?
					  AND f.at > coalesce((SELECT max(s.at) FROM audit_entry s
					                       WHERE s.action = ? AND lower(s.actor_name) = lower(?) AND s.at > ?), '-infinity')""")
			.params(FAILED, username, since, SUCCEEDED, username, since)
			.query(Long.class)
			.single();
		if (forAccount >= this.maxPerAccount) {
			return true;
		}
		if (address == null) {
			return false;
		}
		long forAddress = this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND ip = ? AND at > ?")
			.params(FAILED, address, since)
			.query(Long.class)
			.single();
		return forAddress >= this.maxPerAddress;
	}

}
