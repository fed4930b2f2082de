package org.linli.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.linli.identity.ResidentUser;
import org.linli.identity.StaffUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque bearer tokens for the API. Only a SHA-256 of each token is stored, so a database
 * dump yields no usable token; every node can check any token; disabling an account
 * revokes its tokens.
 */
@Service
public class ApiTokens {

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final StaffAccountRepository accounts;

	private final Clock clock;

	private final Duration lifetime;

	private final ResidentAccounts residents;

	private final AccessCache cache;

	ApiTokens(JdbcClient jdbc, StaffAccountRepository accounts, ResidentAccounts residents, Clock clock,
			@Value("${linli.api.token-lifetime:PT12H}") Duration lifetime, AccessCache cache) {
		this.cache = cache;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.residents = residents;
		this.clock = clock;
		this.lifetime = lifetime;
	}

	/** A token for whoever signed in: a staff member or a resident. */
	@Transactional
	public IssuedToken issue(User user) {
		if (user instanceof StaffUser staff) {
			return issue(staff.getAccountId(), null);
		}
		if (user instanceof ResidentUser resident) {
			return issue(null, resident.getAccountId());
		}
		throw new IllegalArgumentException("Unknown kind of user");
	}

	private IssuedToken issue(Long accountId, Long residentAccountId) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = Instant.now(this.clock);
		Instant expiresAt = now.plus(this.lifetime);
		this.jdbc
			.sql("INSERT INTO api_token (token_hash, account_id, resident_account_id, created_at, expires_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(hash(token), accountId, residentAccountId, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
		return new IssuedToken(token, expiresAt);
	}

	/**
	 * The user behind a token, if it is known, unexpired and its account enabled: kept in
	 * memory between requests ({@link AccessCache}), so that a request reads nothing to
	 * know who sent it; a revoked token or a disabled or changed account is read afresh
	 * on every node.
	 */
	public Optional<User> authenticate(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		String hash = hash(token);
		Instant now = Instant.now(this.clock);
		return this.cache.token(hash, now, () -> load(hash, now));
	}

	private Optional<AccessCache.CachedToken> load(String hash, Instant now) {
		record Row(Long accountId, Long residentAccountId, Instant expiresAt) {
		}
		Optional<Row> row = this.jdbc.sql(
				"SELECT account_id, resident_account_id, expires_at FROM api_token WHERE token_hash = ? AND expires_at > ?")
			.params(hash, Timestamp.from(now))
			.query((rs, n) -> new Row((Long) rs.getObject(1), (Long) rs.getObject(2), rs.getTimestamp(3).toInstant()))
			.optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		if (row.get().accountId() != null) {
			return this.accounts.findById(row.get().accountId())
				.filter(StaffAccount::isEnabled)
				.map((account) -> new AccessCache.CachedToken(StaffUserDetailsService.toUser(account),
						row.get().expiresAt(), "staff:" + account.getId()));
		}
		return this.residents.byId(row.get().residentAccountId())
			.filter(User::isEnabled)
			.map((user) -> new AccessCache.CachedToken(user, row.get().expiresAt(), "resident:" + user.getAccountId()));
	}

	@Transactional
	public int revokeAll(long accountId) {
		this.cache.forgetAtCommit("staff:" + accountId);
		return this.jdbc.sql("DELETE FROM api_token WHERE account_id = ?").param(accountId).update();
	}

	/** Revokes one token (signing out of the API); an unknown token revokes nothing. */
	@Transactional
	public boolean revoke(String token) {
		if (token != null) {
			this.cache.forgetAtCommit("token:" + hash(token));
		}
		return token != null
				&& this.jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(hash(token)).update() > 0;
	}

	/**
	 * Safe on every node at once: deleting what has expired twice deletes nothing the
	 * second time.
	 */
	public int purgeExpired() {
		return this.jdbc.sql("DELETE FROM api_token WHERE expires_at < ?")
			.param(Timestamp.from(Instant.now(this.clock)))
			.update();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record IssuedToken(String token, Instant expiresAt) {
	}

}
