package org.linli.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.linli.identity.AuditLog;
import org.linli.shared.Checks;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each resident chose for their messages: the language, whether reminders and
 * information may come by SMS or by email, and the email address (encrypted at rest,
 * shown masked).
 */
@Service
public class Preferences {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final AuditLog audit;

	private final Clock clock;

	Preferences(JdbcClient jdbc, PersonalDataCipher cipher, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	/** A resident's choices; {@code email} is shown masked. */
	public record PreferenceView(String language, boolean smsReminders, boolean emailReminders, String email) {
	}

	/**
	 * What a resident asks to change; a null choice keeps what was chosen before, and so
	 * does a null email (an empty one removes the address).
	 */
	public record PreferenceCommand(String language, Boolean smsReminders, Boolean emailReminders, String email) {
	}

	/** The choices in force, with their address in clear (for delivery only). */
	record Choice(Locale locale, boolean smsReminders, boolean emailReminders, String email) {
	}

	public PreferenceView of(long residentId) {
		Choice choice = choice(residentId);
		return new PreferenceView(choice.locale().equals(Locale.ENGLISH) ? "en" : "zh-CN", choice.smsReminders(),
				choice.emailReminders(), Masking.email(choice.email()));
	}

	@Transactional
	public PreferenceView change(long residentId, PreferenceCommand command) {
		Checks checks = new Checks();
		String email = (command.email() != null) ? command.email().trim() : null;
		if (email != null && !email.isEmpty() && (email.length() > 100 || !EMAIL.matcher(email).matches())) {
			checks.add("email", "validation.email");
		}
		if (command.language() != null && !command.language().equals("en") && !command.language().equals("zh-CN")) {
			checks.add("language", "validation.invalidValue");
		}
		checks.throwIfAny();
		Choice before = choice(residentId);
		this.jdbc
			.sql("""
					INSERT INTO notification_preference (resident_id, language, sms_reminders, email_reminders, email_cipher, updated_at)
					VALUES (:resident, :language, :sms, :email, :address, :now)
					ON CONFLICT (resident_id) DO UPDATE SET language = excluded.language, sms_reminders = excluded.sms_reminders,
					    email_reminders = excluded.email_reminders, email_cipher = excluded.email_cipher, updated_at = excluded.updated_at""")
			.param("resident", residentId)
			.param("language",
					(command.language() != null) ? command.language()
							: (before.locale().equals(Locale.ENGLISH) ? "en" : "zh-CN"))
			.param("sms", (command.smsReminders() != null) ? command.smsReminders() : before.smsReminders())
			.param("email", (command.emailReminders() != null) ? command.emailReminders() : before.emailReminders())
			.param("address",
					(email == null) ? ((before.email() != null) ? this.cipher.encrypt(before.email()) : null)
							: (email.isEmpty() ? null : this.cipher.encrypt(email)))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		Choice after = choice(residentId);
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("language", before.locale().toLanguageTag(), after.locale().toLanguageTag())
			.changed("smsReminders", before.smsReminders(), after.smsReminders())
			.changed("emailReminders", before.emailReminders(), after.emailReminders())
			.changedSecret("email", !Objects.equals(before.email(), after.email()));
		if (!changes.isEmpty()) {
			this.audit.record("NOTIFICATION_PREFERENCES_CHANGED", "resident", residentId, null, changes);
		}
		return of(residentId);
	}

	/** Removes the resident's email address: no email is sent to them any more. */
	@Transactional
	public void removeEmail(long residentId) {
		change(residentId, new PreferenceCommand(null, null, null, ""));
	}

	Choice choice(long residentId) {
		return this.jdbc.sql("""
				SELECT language, sms_reminders, email_reminders, email_cipher FROM notification_preference
				WHERE resident_id = ?""")
			.param(residentId)
			.query((rs, n) -> new Choice(Templates.locale(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3),
					(rs.getString(4) != null) ? this.cipher.decrypt(rs.getString(4)) : null))
			.optional()
			.orElse(new Choice(Locale.SIMPLIFIED_CHINESE, true, true, null));
	}

	Optional<String> email(long residentId) {
		return Optional.ofNullable(choice(residentId).email());
	}

}
