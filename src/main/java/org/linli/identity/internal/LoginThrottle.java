package org.linli.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password guessing. Counts recent failed sign-ins from the audit log, so the
 * count is shared by every node, and takes the attempts on one account one at a time (a
 * PostgreSQL advisory lock named after it), so twenty-five parallel guesses are counted
 * like twenty-five in a row. After too many failures for an account from one address
 * (since its last success) that address is refused for the account for a while, whatever
 * the password — without locking the owner out from anywhere else; a much higher count
 * from all addresses together, or too many failures from one address for any accounts,
 * refuses as well.
 */
@Component
public class LoginThrottle {

	static final String FAILED = "LOGIN_FAILED";

	static final String SUCCEEDED = "LOGIN_SUCCEEDED";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int maxPerAccount;

	private final int maxPerAccountAnywhere;

	private final int maxPerAddress;

	private final Duration window;

	LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
			@Value("${linli.login.max-failures-per-account:5}") int maxPerAccount,
			@Value("${linli.login.max-failures-per-account-anywhere:50}") int maxPerAccountAnywhere,
			@Value("${linli.login.max-failures-per-address:30}") int maxPerAddress,
			@Value("${linli.login.throttle-window:PT15M}") Duration window) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
		this.maxPerAccount = maxPerAccount;
		this.maxPerAccountAnywhere = maxPerAccountAnywhere;
		this.maxPerAddress = maxPerAddress;
		this.window = window;
	}

	public Duration window() {
		return this.window;
	}

	/**
	 * Runs one sign-in attempt for an account, alone among the attempts on that account:
	 * refused with {@link LoginThrottledException} when throttled, else as the attempt
	 * goes. The attempt records its own outcome in the audit log, which commits whatever
	 * the outcome.
	 */
	Authentication attempt(String subject, String address, Runnable refused, Supplier<Authentication> attempt) {
		Object outcome = this.transactions.execute((status) -> {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
				.param("login:" + subject.toLowerCase())
				.query(Object.class)
				.single();
			if (isThrottled(subject, address)) {
				refused.run();
				return new LoginThrottledException();
			}
			try {
				return attempt.get();
			}
			catch (AuthenticationException ex) {
				return ex;
			}
		});
		if (outcome instanceof AuthenticationException ex) {
			throw ex;
		}
		return (Authentication) outcome;
	}

	public boolean isThrottled(String username, String address) {
		Timestamp since = Timestamp.from(Instant.now(this.clock).minus(this.window));
		String failuresSinceSuccess = """
				SELECT count(*) FROM audit_entry f
				WHERE f.action = :failed AND lower(f.actor_name) = lower(:name) AND f.at > :since %s
				  AND f.at > coalesce((SELECT max(s.at) FROM audit_entry s
				                       WHERE s.action = :succeeded AND lower(s.actor_name) = lower(:name) AND s.at > :since),
				                      '-infinity')""";
		long anywhere = this.jdbc.sql(failuresSinceSuccess.formatted(""))
			.param("failed", FAILED)
			.param("succeeded", SUCCEEDED)
			.param("name", username)
			.param("since", since)
			.query(Long.class)
			.single();
		if (anywhere >= this.maxPerAccountAnywhere) {
			return true;
		}
		if (address == null) {
			return anywhere >= this.maxPerAccount;
		}
		long fromHere = this.jdbc.sql(failuresSinceSuccess.formatted("AND f.ip = :address"))
			.param("failed", FAILED)
			.param("succeeded", SUCCEEDED)
			.param("name", username)
			.param("since", since)
			.param("address", address)
			.query(Long.class)
			.single();
		if (fromHere >= this.maxPerAccount) {
			return true;
		}
		long forAddress = this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND ip = ? AND at > ?")
			.params(FAILED, address, since)
			.query(Long.class)
			.single();
		return forAddress >= this.maxPerAddress;
	}

}
