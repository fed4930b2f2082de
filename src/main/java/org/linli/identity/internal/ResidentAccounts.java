package org.linli.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.PortalAccounts;
import org.linli.identity.ResidentUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' portal accounts: invitations with one-time codes, activation, and sign-in
 * lookup by phone. Phones are only ever handled as keyed hashes here; audit entries name
 * the resident by id.
 */
@Service
public class ResidentAccounts implements PortalAccounts {

	static final String ACTIVATION_FAILED = "PORTAL_ACTIVATION_FAILED";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final PasswordEncoder encoder;

	private final AuditLog audit;

	private final CurrentStaff current;

	private final Clock clock;

	private final Duration codeLifetime;

	private final SessionTerminator sessions;

	private final AccessCache cache;

	ResidentAccounts(JdbcClient jdbc, PersonalDataCipher cipher, PasswordEncoder encoder, AuditLog audit,
			CurrentStaff current, Clock clock, @Value("${linli.portal.code-lifetime:PT72H}") Duration codeLifetime,
			SessionTerminator sessions, AccessCache cache) {
		this.sessions = sessions;
		this.cache = cache;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.encoder = encoder;
		this.audit = audit;
		this.current = current;
		this.clock = clock;
		this.codeLifetime = codeLifetime;
	}

	@Override
	@Transactional
	public Invitation invite(long residentId, String phone) {
		if (state(residentId) == AccountState.DISABLED) {
			throw InvalidInputException.field("portal", "identity.portal.accountDisabled");
		}
		String phoneHash = this.cipher.searchHash(phone);
		Instant now = Instant.now(this.clock);
		this.jdbc.sql("UPDATE portal_invitation SET used_at = ? WHERE resident_id = ? AND used_at IS NULL")
			.params(Timestamp.from(now), residentId)
			.update();
		String code = String.format("%06d", this.random.nextInt(1_000_000));
		Instant expiresAt = now.plus(this.codeLifetime);
		this.jdbc.sql("""
				INSERT INTO portal_invitation (resident_id, phone_hash, code_hash, created_by, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(residentId, phoneHash, codeHash(residentId, code),
					this.current.user().map((u) -> u.getAccountId()).orElse(null), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
		this.audit.record("PORTAL_INVITED", "resident", residentId, null,
				AuditLog.Changes.of().set("expiresAt", expiresAt.toString()));
		return new Invitation(code, expiresAt);
	}

	/**
	 * Creates the portal account (or sets a new password) when the phone and code match
	 * an open invitation. Refused attempts are counted: after five in fifteen minutes for
	 * a phone, even a right code is refused.
	 */
	@Transactional(noRollbackFor = InvalidInputException.class)
	public long activate(String phoneInput, String code, String password) {
		String phone = PhoneNumbers.normalize(phoneInput);
		if (phone == null) {
			throw InvalidInputException.field("phone", "validation.phone");
		}
		if (password == null || password.length() < 8 || password.length() > 128) {
			throw InvalidInputException.field("password", "identity.staff.password.length");
		}
		String phoneHash = this.cipher.searchHash(phone);
		String subject = subject(phoneHash);
		// one attempt at a time per phone, on every node: the count below cannot be raced
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param("activate:" + subject)
			.query(Object.class)
			.single();
		Instant now = Instant.now(this.clock);
		long failures = this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND actor_name = ? AND at > ?")
			.params(ACTIVATION_FAILED, subject, Timestamp.from(now.minus(Duration.ofMinutes(15))))
			.query(Long.class)
			.single();
		if (failures >= 5) {
			throw new InvalidInputException(429, List
				.of(new InvalidInputException.FieldProblem("code", "identity.portal.throttled", new Object[0])));
		}
		Optional<Long> invitation = this.jdbc.sql("""
				SELECT id FROM portal_invitation WHERE phone_hash = ? AND used_at IS NULL AND expires_at > ?
				ORDER BY id DESC LIMIT 1""").params(phoneHash, Timestamp.from(now)).query(Long.class).optional();
		Long residentId = invitation
			.map((id) -> this.jdbc.sql("SELECT resident_id FROM portal_invitation WHERE id = ?")
				.param(id)
				.query(Long.class)
				.single())
			.orElse(null);
		if (residentId == null || code == null
				|| !codeHash(residentId, code.trim())
					.equals(this.jdbc.sql("SELECT code_hash FROM portal_invitation WHERE id = ?")
						.param(invitation.get())
						.query(String.class)
						.single())) {
			this.audit.recordFor(null, subject, ACTIVATION_FAILED, Map.of());
			throw InvalidInputException.field("code", "identity.portal.codeInvalid");
		}
		if (state(residentId) == AccountState.DISABLED) {
			// staff disabled it after the code was sent: the code does not undo that
			throw InvalidInputException.field("code", "identity.portal.accountDisabled");
		}
		this.jdbc.sql("UPDATE portal_invitation SET used_at = ? WHERE id = ?")
			.params(Timestamp.from(now), invitation.get())
			.update();
		String hash = this.encoder.encode(password);
		int updated = this.jdbc
			.sql("UPDATE resident_account SET password_hash = ?, phone_hash = ?, updated_at = ? WHERE resident_id = ?")
			.params(hash, phoneHash, Timestamp.from(now), residentId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO resident_account (resident_id, phone_hash, password_hash, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(residentId, phoneHash, hash, Timestamp.from(now), Timestamp.from(now))
				.update();
			this.audit.recordFor(null, "resident:" + residentId, "PORTAL_ACTIVATED", Map.of("residentId", residentId));
		}
		else {
			// an account that exists: a password reset, after which nobody holding the
			// old
			// password (or a session or token made with it) is still in
			long account = accountOf(residentId).orElseThrow();
			int ended = endAccess(account);
			this.audit.recordFor(null, "resident:" + residentId, "PORTAL_PASSWORD_RESET",
					Map.of("residentId", residentId, "sessionsAndTokensEnded", ended));
		}
		return residentId;
	}

	@Override
	@Transactional
	public void phoneChanged(long residentId, String phone) {
		String phoneHash = this.cipher.searchHash(phone);
		this.jdbc.sql("UPDATE resident_account SET phone_hash = ?, updated_at = ? WHERE resident_id = ?")
			.params(phoneHash, Timestamp.from(Instant.now(this.clock)), residentId)
			.update();
		this.jdbc.sql("UPDATE portal_invitation SET used_at = ? WHERE resident_id = ? AND used_at IS NULL")
			.params(Timestamp.from(Instant.now(this.clock)), residentId)
			.update();
	}

	/**
	 * A resident changes their own password, giving the current one; every session and
	 * token of the account ends, this one's included.
	 */
	@Transactional
	public void changePassword(long accountId, String currentPassword, String newPassword) {
		ResidentUser user = byId(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
		if (currentPassword == null || !this.encoder.matches(currentPassword, user.getPassword())) {
			this.audit.recordFor(null, "resident:" + user.getResidentId(), "PASSWORD_CHANGE_REFUSED", Map.of());
			throw InvalidInputException.field("currentPassword", "identity.password.currentWrong");
		}
		if (newPassword == null || newPassword.length() < 8 || newPassword.length() > 128) {
			throw InvalidInputException.field("newPassword", "identity.staff.password.length");
		}
		this.jdbc.sql("UPDATE resident_account SET password_hash = ?, updated_at = ? WHERE id = ?")
			.params(this.encoder.encode(newPassword), Timestamp.from(Instant.now(this.clock)), accountId)
			.update();
		int ended = endAccess(accountId);
		this.audit.recordFor(null, "resident:" + user.getResidentId(), "PASSWORD_CHANGED",
				Map.of("sessionsAndTokensEnded", ended));
	}

	@Override
	@Transactional
	public boolean setEnabled(long residentId, boolean enabled) {
		Optional<Long> account = accountOf(residentId);
		if (account.isEmpty()) {
			return false;
		}
		int changed = this.jdbc
			.sql("UPDATE resident_account SET enabled = ?, updated_at = ? WHERE id = ? AND enabled <> ?")
			.params(enabled, Timestamp.from(Instant.now(this.clock)), account.get(), enabled)
			.update();
		if (changed > 0) {
			int ended = enabled ? 0 : endAccess(account.get());
			this.audit.record(enabled ? "PORTAL_ACCOUNT_ENABLED" : "PORTAL_ACCOUNT_DISABLED", "resident", residentId,
					null,
					AuditLog.Changes.of().changed("enabled", !enabled, enabled).set("sessionsAndTokensEnded", ended));
		}
		return true;
	}

	@Override
	@Transactional
	public boolean remove(long residentId) {
		this.jdbc.sql("DELETE FROM portal_invitation WHERE resident_id = ?").param(residentId).update();
		Optional<Long> account = accountOf(residentId);
		if (account.isEmpty()) {
			return false;
		}
		endAccess(account.get());
		this.jdbc.sql("DELETE FROM resident_account WHERE id = ?").param(account.get()).update();
		return true;
	}

	@Override
	@Transactional(readOnly = true)
	public AccountState state(long residentId) {
		return this.jdbc.sql("SELECT enabled FROM resident_account WHERE resident_id = ?")
			.param(residentId)
			.query(Boolean.class)
			.optional()
			.map((on) -> on ? AccountState.ENABLED : AccountState.DISABLED)
			.orElse(AccountState.NONE);
	}

	private Optional<Long> accountOf(long residentId) {
		return this.jdbc.sql("SELECT id FROM resident_account WHERE resident_id = ?")
			.param(residentId)
			.query(Long.class)
			.optional();
	}

	/** Ends the account's web sessions and revokes its API tokens; answers how many. */
	private int endAccess(long accountId) {
		this.cache.forgetAtCommit("resident:" + accountId);
		int tokens = this.jdbc.sql("DELETE FROM api_token WHERE resident_account_id = ?").param(accountId).update();
		return tokens + this.sessions.endSessionsOf("resident#" + accountId);
	}

	/** The account behind a phone number, for sign-in. */
	Optional<ResidentUser> byPhone(String phoneInput) {
		String phone = PhoneNumbers.normalize(phoneInput);
		if (phone == null) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("SELECT id, resident_id, password_hash, enabled FROM resident_account WHERE phone_hash = ?")
			.param(this.cipher.searchHash(phone))
			.query((rs, n) -> new ResidentUser(rs.getLong("id"), rs.getLong("resident_id"),
					rs.getString("password_hash"), rs.getBoolean("enabled")))
			.optional();
	}

	Optional<ResidentUser> byId(long accountId) {
		return this.jdbc.sql("SELECT id, resident_id, password_hash, enabled FROM resident_account WHERE id = ?")
			.param(accountId)
			.query((rs, n) -> new ResidentUser(rs.getLong("id"), rs.getLong("resident_id"),
					rs.getString("password_hash"), rs.getBoolean("enabled")))
			.optional();
	}

	/**
	 * How sign-in attempts with a phone number are named in the audit log: by a keyed
	 * hash, never the number.
	 */
	String subjectFor(String username) {
		String phone = PhoneNumbers.normalize(username);
		return (phone != null) ? subject(this.cipher.searchHash(phone)) : username;
	}

	private static String subject(String phoneHash) {
		return "phone:" + phoneHash.substring(0, 16);
	}

	private static String codeHash(long residentId, String code) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest((residentId + ":" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
