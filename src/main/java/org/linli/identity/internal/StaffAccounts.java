package org.linli.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.criteria.Predicate;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.identity.StaffUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Staff account management: create, change, disable and enable accounts. Only admins call
 * it (checked by the web layer). Disabling an account, or changing its roles, ends its
 * sessions and revokes its tokens on every node.
 */
@Service
public class StaffAccounts {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");

	static final Set<String> SORTS = Set.of("id", "username", "name", "createdAt");

	private final StaffAccountRepository accounts;

	private final PasswordEncoder encoder;

	private final PersonalDataCipher cipher;

	private final CommunityDirectory communities;

	private final SessionTerminator sessions;

	private final ApiTokens tokens;

	private final AuditLog audit;

	private final CurrentStaff current;

	private final Clock clock;

	private final AccessCache cache;

	StaffAccounts(StaffAccountRepository accounts, PasswordEncoder encoder, PersonalDataCipher cipher,
			CommunityDirectory communities, SessionTerminator sessions, ApiTokens tokens, AuditLog audit,
			CurrentStaff current, Clock clock, AccessCache cache) {
		this.cache = cache;
		this.accounts = accounts;
		this.encoder = encoder;
		this.cipher = cipher;
		this.communities = communities;
		this.sessions = sessions;
		this.tokens = tokens;
		this.audit = audit;
		this.current = current;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageView<StaffView> page(String text, Role role, Boolean enabled, PageQuery query) {
		Specification<StaffAccount> spec = (root, q, cb) -> {
			List<Predicate> where = new ArrayList<>();
			if (StringUtils.hasText(text)) {
				String like = "%" + text.trim().toLowerCase() + "%";
				where.add(cb.or(cb.like(cb.lower(root.get("username")), like),
						cb.like(cb.lower(root.get("name")), like)));
			}
			if (role != null) {
				where.add(cb.isMember(role, root.get("roles")));
			}
			if (enabled != null) {
				where.add(cb.equal(root.get("enabled"), enabled));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
		return PageView.of(this.accounts.findAll(spec, query.toPageable(SORTS, "username")), this::view);
	}

	@Transactional(readOnly = true)
	public StaffView get(long id) {
		return view(find(id));
	}

	/** The unmasked phone, for the admin's edit form. */
	@Transactional(readOnly = true)
	public String phoneOf(long id) {
		return this.cipher.decrypt(find(id).getPhoneCipher());
	}

	@Transactional
	public StaffView create(StaffCommand command) {
		String username = command.username().trim();
		if (!USERNAME.matcher(username).matches()) {
			throw InvalidInputException.field("username", "identity.staff.username.invalid");
		}
		if (this.accounts.existsByUsernameIgnoreCase(username)) {
			throw InvalidInputException.conflict("username", "identity.staff.username.taken", username);
		}
		if (!StringUtils.hasText(command.password())) {
			throw InvalidInputException.field("password", "validation.required");
		}
		checkPassword(command.password());
		check(command);
		StaffAccount account = new StaffAccount(username, this.encoder.encode(command.password()),
				command.name().trim(), Instant.now(this.clock));
		String phone = normalizedPhone(command.phone());
		account.changePhone(this.cipher.encrypt(phone), this.cipher.searchHash(phone));
		account.assign(command.roles(), command.permissions(), command.communityIds());
		this.accounts.save(account);
		this.audit.record("STAFF_CREATED", "staff", account.getId(), null,
				AuditLog.Changes.of()
					.set("username", username)
					.set("name", account.getName())
					.set("roles", command.roles())
					.set("permissions", command.permissions())
					.set("communityIds", command.communityIds())
					.changedSecret("phone", phone != null));
		return view(account);
	}

	@Transactional
	public StaffView update(long id, StaffCommand command) {
		StaffAccount account = find(id);
		check(command);
		if (StringUtils.hasText(command.password())) {
			checkPassword(command.password());
		}
		StaffUser me = this.current.require();
		if (me.getAccountId() == id && !command.roles().contains(Role.ADMIN)) {
			throw InvalidInputException.field("roles", "identity.staff.cannotDemoteSelf");
		}
		String phone = normalizedPhone(command.phone());
		boolean phoneChanged = !Objects.equals(this.cipher.searchHash(phone), account.getPhoneHash());
		boolean accessChanged = !account.getRoles().equals(command.roles())
				|| !account.getPermissions().equals(command.permissions());
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("name", account.getName(), command.name().trim())
			.changed("roles", account.getRoles(), command.roles())
			.changed("permissions", account.getPermissions(), command.permissions())
			.changed("communityIds", account.getCommunityIds(), command.communityIds())
			.changedSecret("phone", phoneChanged)
			.changedSecret("password", StringUtils.hasText(command.password()));
		account.rename(command.name().trim());
		if (phoneChanged) {
			account.changePhone(this.cipher.encrypt(phone), this.cipher.searchHash(phone));
		}
		if (StringUtils.hasText(command.password())) {
			account.changePassword(this.encoder.encode(command.password()));
		}
		account.assign(command.roles(), command.permissions(), command.communityIds());
		account.touch(Instant.now(this.clock));
		this.accounts.saveAndFlush(account);
		// roles and communities are read afresh at this node's next request (and every
		// node's, told by the database)
		this.cache.forgetAtCommit("staff:" + id);
		if (!changes.isEmpty()) {
			this.audit.record("STAFF_UPDATED", "staff", id, null, changes);
		}
		if (accessChanged || StringUtils.hasText(command.password())) {
			this.sessions.endSessionsOf(account.getUsername());
		}
		if (StringUtils.hasText(command.password())) {
			// an old password dies everywhere: tokens made with it too (a token follows
			// changed rights at its next request, as it is checked against the account)
			this.tokens.revokeAll(id);
		}
		return view(account);
	}

	/**
	 * A staff member changes their own password, giving the current one; every session
	 * and token of the account ends, this one's included.
	 */
	@Transactional
	public void changeOwnPassword(long id, String currentPassword, String newPassword) {
		StaffAccount account = find(id);
		if (currentPassword == null || !this.encoder.matches(currentPassword, account.getPasswordHash())) {
			this.audit.recordFor(id, account.getUsername(), "PASSWORD_CHANGE_REFUSED", Map.of());
			throw InvalidInputException.field("currentPassword", "identity.password.currentWrong");
		}
		if (newPassword == null || newPassword.length() < 8 || newPassword.length() > 128) {
			throw InvalidInputException.field("newPassword", "identity.staff.password.length");
		}
		account.changePassword(this.encoder.encode(newPassword));
		account.touch(Instant.now(this.clock));
		this.accounts.saveAndFlush(account);
		int revoked = this.tokens.revokeAll(id);
		int ended = this.sessions.endSessionsOf(account.getUsername());
		this.audit.recordFor(id, account.getUsername(), "PASSWORD_CHANGED",
				Map.of("sessionsEnded", ended, "tokensRevoked", revoked));
	}

	@Transactional
	public StaffView disable(long id) {
		StaffAccount account = find(id);
		if (this.current.require().getAccountId() == id) {
			throw InvalidInputException.field("enabled", "identity.staff.cannotDisableSelf");
		}
		if (account.isEnabled()) {
			account.disable();
			account.touch(Instant.now(this.clock));
			this.accounts.saveAndFlush(account);
			int revoked = this.tokens.revokeAll(id);
			int ended = this.sessions.endSessionsOf(account.getUsername());
			this.audit.record("STAFF_DISABLED", "staff", id, null,
					AuditLog.Changes.of()
						.changed("enabled", true, false)
						.set("sessionsEnded", ended)
						.set("tokensRevoked", revoked));
		}
		return view(account);
	}

	@Transactional
	public StaffView enable(long id) {
		StaffAccount account = find(id);
		if (!account.isEnabled()) {
			account.enable();
			account.touch(Instant.now(this.clock));
			this.accounts.saveAndFlush(account);
			this.audit.record("STAFF_ENABLED", "staff", id, null,
					AuditLog.Changes.of().changed("enabled", false, true));
		}
		return view(account);
	}

	private void check(StaffCommand command) {
		if (!StringUtils.hasText(command.name())) {
			throw InvalidInputException.field("name", "validation.required");
		}
		if (command.name().trim().length() > 64) {
			throw InvalidInputException.field("name", "validation.maxLength", 64);
		}
		if (command.roles().isEmpty()) {
			throw InvalidInputException.field("roles", "identity.staff.roles.required");
		}
		for (Long communityId : command.communityIds()) {
			if (communityId == null || !this.communities.exists(communityId)) {
				throw InvalidInputException.field("communityIds", "identity.staff.community.unknown",
						String.valueOf(communityId));
			}
		}
		if (StringUtils.hasText(command.phone()) && PhoneNumbers.normalize(command.phone()) == null) {
			throw InvalidInputException.field("phone", "validation.phone");
		}
	}

	private static void checkPassword(String password) {
		if (password.length() < 8 || password.length() > 128) {
			throw InvalidInputException.field("password", "identity.staff.password.length");
		}
	}

	private static String normalizedPhone(String phone) {
		return StringUtils.hasText(phone) ? PhoneNumbers.normalize(phone) : null;
	}

	private StaffAccount find(long id) {
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("staff", id));
	}

	StaffView view(StaffAccount account) {
		boolean full = this.current.user().map((u) -> u.hasPermission(Permission.PERSONAL_DATA_VIEW)).orElse(false);
		String phone = this.cipher.decrypt(account.getPhoneCipher());
		return new StaffView(account.getId(), account.getUsername(), account.getName(),
				full ? phone : Masking.phone(phone), account.getRoles().stream().sorted().map(Enum::name).toList(),
				account.getPermissions().stream().sorted().map(Enum::name).toList(),
				account.getCommunityIds().stream().sorted().toList(), account.isEnabled(), account.getCreatedAt(),
				account.getUpdatedAt());
	}

}
