package org.linli.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.linli.identity.StaffDirectory;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryStatus;
import org.linli.notifications.Notifications.Resident;
import org.linli.notifications.Notifications.Staff;
import org.linli.notifications.Notifications;
import org.linli.notifications.ResidentContacts;
import org.linli.shared.SqlRead;
import org.linli.shared.crypto.Masking;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox behind {@link Notifications}: one row per message and channel,
 * written in the caller's transaction, its text rendered now in the recipient's language;
 * {@code ON CONFLICT DO NOTHING} on the message key makes a second send with the same key
 * a no-op. The worker ({@link Courier}) delivers it.
 */
@Service
class Outbox implements Notifications {

	private final JdbcClient jdbc;

	private final Templates templates;

	private final Preferences preferences;

	private final ResidentContacts residents;

	private final StaffDirectory staff;

	private final JsonMapper json;

	private final Clock clock;

	private final Inbox inbox;

	Outbox(JdbcClient jdbc, Templates templates, Preferences preferences, ResidentContacts residents,
			StaffDirectory staff, JsonMapper json, Clock clock, Inbox inbox) {
		this.inbox = inbox;
		this.jdbc = jdbc;
		this.templates = templates;
		this.preferences = preferences;
		this.residents = residents;
		this.staff = staff;
		this.json = json;
		this.clock = clock;
	}

	@Override
	@Transactional
	public List<Long> send(Notice notice) {
		if (notice.key() == null || notice.key().isBlank() || notice.channels().isEmpty()) {
			throw new IllegalArgumentException("A notice needs a key and at least one channel");
		}
		Addressee to = addressee(notice.recipient());
		Templates.Rendered text = this.templates.render(notice.template(), to.locale(), notice.params());
		Instant now = this.clock.instant();
		List<Long> queued = new ArrayList<>();
		for (Channel channel : new TreeSet<>(notice.channels())) {
			this.jdbc
				.sql("""
						INSERT INTO notification (community_id, recipient_kind, recipient_id, recipient_masked, channel, template,
						                          purpose, params, language, title, body, subject, message_key, status,
						                          next_attempt_at, created_at, updated_at)
						VALUES (:community, :kind, :recipient, :masked, :channel, :template, :purpose, :params, :language,
						        :title, :body, :subject, :key, 'QUEUED', :now, :now, :now)
						ON CONFLICT (message_key) DO NOTHING RETURNING id""")
				.param("community", notice.communityId())
				.param("kind", to.kind())
				.param("recipient", to.id())
				.param("masked", to.masked(channel))
				.param("channel", channel.name())
				.param("template", notice.template())
				.param("purpose", notice.purpose().name())
				.param("params", this.json.writeValueAsString(notice.params()))
				.param("language", to.locale().equals(Locale.ENGLISH) ? "en" : "zh-CN")
				.param("title", truncate(text.title(), 200))
				.param("body", (channel == Channel.SMS) ? text.sms() : text.body())
				.param("subject", notice.subject())
				.param("key", notice.key() + ":" + channel.name())
				.param("now", Timestamp.from(now))
				.query(Long.class)
				.optional()
				.ifPresent(queued::add);
		}
		return queued;
	}

	@Override
	@SqlRead
	public long unread(Recipient recipient) {
		Inbox.Owner owner = (recipient instanceof Resident resident) ? Inbox.Owner.resident(resident.residentId())
				: Inbox.Owner.staff(((Staff) recipient).accountId());
		return this.inbox.unread(owner);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(String keyPrefix) {
		String escaped = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.jdbc.sql("""
				SELECT id, message_key, channel, recipient_masked, status, reason, attempts, created_at, sent_at
				FROM notification WHERE message_key LIKE :prefix ESCAPE '\\' ORDER BY created_at, id""")
			.param("prefix", escaped + "%")
			.query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("message_key"),
					Channel.valueOf(rs.getString("channel")), rs.getString("recipient_masked"),
					DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getInt("attempts"),
					rs.getTimestamp("created_at").toInstant(),
					(rs.getTimestamp("sent_at") != null) ? rs.getTimestamp("sent_at").toInstant() : null))
			.list();
	}

	/**
	 * Who a message goes to, in which language, and how they are shown in the delivery
	 * log.
	 */
	private record Addressee(String kind, long id, Locale locale, String name, String maskedPhone, String maskedEmail) {

		String masked(Channel channel) {
			return switch (channel) {
				case SMS -> this.maskedPhone;
				case EMAIL -> this.maskedEmail;
				case IN_APP -> Masking.name(this.name);
			};
		}

	}

	private Addressee addressee(Recipient recipient) {
		if (recipient instanceof Resident resident) {
			Optional<ResidentContacts.Contact> contact = this.residents.contact(resident.residentId());
			Preferences.Choice choice = this.preferences.choice(resident.residentId());
			return new Addressee("RESIDENT", resident.residentId(), choice.locale(),
					contact.map(ResidentContacts.Contact::name).orElse(null),
					contact.map((c) -> Masking.phone(c.phone())).orElse(null), Masking.email(choice.email()));
		}
		long account = ((Staff) recipient).accountId();
		String name = this.staff.names(List.of(account)).get(account);
		return new Addressee("STAFF", account, Locale.SIMPLIFIED_CHINESE, name, null, null);
	}

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	/** The params of a queued message. */
	Map<String, String> params(String json) {
		return this.json.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, String>>() {
		});
	}

	@Override
	@org.springframework.transaction.annotation.Transactional
	public void forget(long residentId, String formerName, String pseudonym) {
		this.jdbc.sql("UPDATE notification_preference SET email_cipher = NULL WHERE resident_id = ?")
			.param(residentId)
			.update();
		this.jdbc.sql("""
				UPDATE notification SET recipient_masked = NULL, address_hash = NULL,
				       title = replace(title, :former, :pseudonym), body = replace(body, :former, :pseudonym),
				       params = replace(params, :former, :pseudonym)
				WHERE recipient_kind = 'RESIDENT' AND recipient_id = :resident""")
			.param("former", formerName)
			.param("pseudonym", pseudonym)
			.param("resident", residentId)
			.update();
	}

}
