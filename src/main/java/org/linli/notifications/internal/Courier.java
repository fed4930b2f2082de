package org.linli.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryGuard;
import org.linli.notifications.Purpose;
import org.linli.notifications.ResidentContacts;
import org.linli.shared.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. It claims due messages in small batches
 * ({@code FOR UPDATE SKIP LOCKED}); a claimed message is SENDING, and one left SENDING
 * for five minutes by a node that stopped is taken again, with the same key. Before a
 * message goes out the node checks it still holds it (a takeover counts an attempt) and
 * stamps it, and every outcome is written only by its holder, so two nodes never both
 * send it. It asks the guards whether each message is still wanted, applies the
 * recipient's choices and the community's quiet hours and daily limit (per phone), and
 * hands it to its channel. A refused delivery is retried with growing pauses
 * ({@code linli.notifications.backoff} × 2ⁿ) up to
 * {@code linli.notifications.max-attempts}, then FAILED with the reason. Nothing is ever
 * lost silently.
 */
@Component
class Courier {

	private static final Logger log = LoggerFactory.getLogger(Courier.class);

	static final Duration STALE = Duration.ofMinutes(5);

	/**
	 * How long one round may deliver before it leaves the rest to the next: well inside
	 * the job's lock and the stale limit.
	 */
	static final Duration ROUND = Duration.ofMinutes(3);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SmsGateway sms;

	private final ObjectProvider<JavaMailSender> mail;

	private final List<DeliveryGuard> guards;

	private final Preferences preferences;

	private final SmsRules rules;

	private final ResidentContacts residents;

	private final Outbox outbox;

	private final Templates templates;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	private final int maxAttempts;

	private final Duration backoff;

	private final String mailFrom;

	Courier(JdbcClient jdbc, TransactionTemplate transactions, SmsGateway sms, ObjectProvider<JavaMailSender> mail,
			List<DeliveryGuard> guards, Preferences preferences, SmsRules rules, ResidentContacts residents,
			Outbox outbox, Templates templates, PersonalDataCipher cipher, Clock clock,
			@Value("${linli.notifications.max-attempts:5}") int maxAttempts,
			@Value("${linli.notifications.backoff:PT1M}") Duration backoff,
			@Value("${linli.notifications.mail-from:${spring.mail.username:noreply@linli.local}}") String mailFrom) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sms = sms;
		this.mail = mail;
		this.guards = List.copyOf(guards);
		this.preferences = preferences;
		this.rules = rules;
		this.residents = residents;
		this.outbox = outbox;
		this.templates = templates;
		this.cipher = cipher;
		this.clock = clock;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.mailFrom = mailFrom;
	}

	/** A claimed message. */
	record Message(long id, Long communityId, String recipientKind, long recipientId, Channel channel, String template,
			Purpose purpose, Map<String, String> params, String title, String body, String subject, String key,
			int attempts) {
	}

	/**
	 * Delivers the messages that are due now, for at most one round's time; answers how
	 * many were handled.
	 */
	int deliverDue() {
		int handled = 0;
		long until = System.nanoTime() + ROUND.toNanos();
		List<Message> batch;
		while (System.nanoTime() < until && !(batch = claim(10)).isEmpty()) {
			for (Message message : batch) {
				deliver(message);
				handled++;
			}
		}
		return handled;
	}

	private List<Message> claim(int size) {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> this.jdbc
			.sql("""
					UPDATE notification SET status = 'SENDING', attempts = attempts + 1, updated_at = :now
					WHERE id IN (SELECT id FROM notification
					             WHERE (status = 'QUEUED' AND next_attempt_at <= :now) OR (status = 'SENDING' AND updated_at < :stale)
					             ORDER BY next_attempt_at, id LIMIT :size FOR UPDATE SKIP LOCKED)
					RETURNING id, community_id, recipient_kind, recipient_id, channel, template, purpose, params, title, body,
					          subject, message_key, attempts""")
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(STALE)))
			.param("size", size)
			.query((rs, n) -> new Message(rs.getLong("id"), (Long) rs.getObject("community_id"),
					rs.getString("recipient_kind"), rs.getLong("recipient_id"),
					Channel.valueOf(rs.getString("channel")), rs.getString("template"),
					Purpose.valueOf(rs.getString("purpose")), this.outbox.params(rs.getString("params")),
					rs.getString("title"), rs.getString("body"), rs.getString("subject"), rs.getString("message_key"),
					rs.getInt("attempts")))
			.list()
			.stream()
			// RETURNING keeps no order: deliver in the order they were queued
			.sorted(Comparator.comparingLong(Message::id))
			.toList());
	}

	void deliver(Message message) {
		if (!stillMine(message)) {
			return;
		}
		try {
			Optional<String> suppressed = suppression(message);
			if (suppressed.isPresent()) {
				finish(message, "SUPPRESSED", suppressed.get(), null);
				return;
			}
			switch (message.channel()) {
				case IN_APP -> sent(message, null, null);
				case SMS -> deliverSms(message);
				case EMAIL -> deliverEmail(message);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Delivering message {} failed: {}", message.id(), ex.getClass().getSimpleName());
			retryOrFail(message, ex.getClass().getSimpleName());
		}
	}

	/** A reason not to deliver: a guard's, or the resident declined the channel. */
	private Optional<String> suppression(Message message) {
		DeliveryGuard.Delivery delivery = new DeliveryGuard.Delivery(message.id(), message.communityId(),
				message.template(), message.subject(), message.params(), message.channel());
		for (DeliveryGuard guard : this.guards) {
			if (guard.guards(message.template())) {
				Optional<String> reason = guard.suppress(delivery);
				if (reason.isPresent()) {
					return reason;
				}
			}
		}
		if ("RESIDENT".equals(message.recipientKind()) && message.purpose().mayBeDeclined()
				&& message.channel() != Channel.IN_APP) {
			Preferences.Choice choice = this.preferences.choice(message.recipientId());
			if ((message.channel() == Channel.SMS && !choice.smsReminders())
					|| (message.channel() == Channel.EMAIL && !choice.emailReminders())) {
				return Optional.of("DECLINED");
			}
		}
		return Optional.empty();
	}

	private void deliverSms(Message message) {
		SmsRules.Rules rules = this.rules.rules(message.communityId());
		ZonedDateTime now = ZonedDateTime.now(this.clock);
		if (message.purpose().waitsForMorning() && rules.quiet(now.toLocalTime())) {
			later(message, rules.nextAllowed(now).toInstant(), "QUIET_HOURS");
			return;
		}
		Optional<String> phone = "RESIDENT".equals(message.recipientKind())
				? this.residents.contact(message.recipientId()).map(ResidentContacts.Contact::phone) : Optional.empty();
		if (phone.isEmpty()) {
			finish(message, "SUPPRESSED", "NO_ADDRESS", null);
			return;
		}
		String address = this.cipher.searchHash(phone.get());
		if (this.rules.sentOn(address, now.toLocalDate()) >= rules.smsDailyLimit()) {
			later(message, rules.nextAllowed(now.toLocalDate().plusDays(1).atStartOfDay(now.getZone())).toInstant(),
					"DAILY_LIMIT");
			return;
		}
		if (!stillMine(message)) {
			return;
		}
		String id;
		try {
			id = this.sms.send(new SmsGateway.Sms(message.key(), phone.get(), message.template(), message.body(),
					this.templates.smsParams(message.template(), message.params()), message.attempts()));
		}
		catch (SmsGateway.SmsRefused ex) {
			retryOrFail(message, ex.getMessage());
			return;
		}
		sent(message, id, address);
	}

	private void deliverEmail(Message message) {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			finish(message, "SUPPRESSED", "CHANNEL_OFF", null);
			return;
		}
		Optional<String> address = "RESIDENT".equals(message.recipientKind())
				? this.preferences.email(message.recipientId()) : Optional.empty();
		if (address.isEmpty()) {
			finish(message, "SUPPRESSED", "NO_ADDRESS", null);
			return;
		}
		if (!stillMine(message)) {
			return;
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
			helper.setFrom(this.mailFrom);
			helper.setTo(address.get());
			helper.setSubject(message.title());
			helper.setText(message.body());
			mime.setHeader("X-Linli-Message-Key", message.key());
			sender.send(mime);
		}
		catch (Exception ex) {
			retryOrFail(message, "email: " + ex.getClass().getSimpleName());
			return;
		}
		sent(message, "email:" + message.key(), null);
	}

	/**
	 * Whether this node still holds the message (no other took it as stale), and marks it
	 * as being worked on now, so that nobody takes it while it is sent.
	 */
	private boolean stillMine(Message message) {
		boolean mine = this.jdbc.sql(
				"UPDATE notification SET updated_at = :now WHERE id = :id AND status = 'SENDING' AND attempts = :attempts")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", message.id())
			.param("attempts", message.attempts())
			.update() == 1;
		if (!mine) {
			log.info("Message {} was taken over by another node; not delivered here", message.id());
		}
		return mine;
	}

	/**
	 * Records a delivery the channel accepted. Should that fail (the database gone), the
	 * message is not sent again from here: it stays SENDING and is retaken later with the
	 * same key, which the gateway recognises.
	 */
	private void sent(Message message, String providerId, String addressHash) {
		try {
			Instant now = this.clock.instant();
			this.jdbc
				.sql("""
						UPDATE notification SET status = 'SENT', reason = NULL, provider_id = :provider, address_hash = :address,
						       updated_at = :now, sent_at = :now
						WHERE id = :id AND status = 'SENDING' AND attempts = :attempts""")
				.param("provider", providerId)
				.param("address", addressHash)
				.param("now", Timestamp.from(now))
				.param("id", message.id())
				.param("attempts", message.attempts())
				.update();
		}
		catch (RuntimeException ex) {
			log.error("Message {} was delivered but its outcome could not be recorded: {}", message.id(),
					ex.getClass().getSimpleName());
		}
	}

	/** Not now: back in the queue for a later time, the attempt not counted. */
	private void later(Message message, Instant when, String reason) {
		this.jdbc.sql("""
				UPDATE notification SET status = 'QUEUED', attempts = attempts - 1, next_attempt_at = :when,
				       reason = :reason, updated_at = :now
				WHERE id = :id AND status = 'SENDING' AND attempts = :attempts""")
			.param("attempts", message.attempts())
			.param("when", Timestamp.from(when))
			.param("reason", reason)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", message.id())
			.update();
	}

	private void retryOrFail(Message message, String reason) {
		String why = (reason != null && reason.length() > 300) ? reason.substring(0, 300) : reason;
		if (message.attempts() >= this.maxAttempts) {
			if (message.channel() == Channel.SMS) {
				io.micrometer.core.instrument.Metrics.counter("linli.sms.failures").increment();
			}
			finish(message, "FAILED", why, null);
			return;
		}
		Duration pause = this.backoff.multipliedBy(1L << Math.min(message.attempts() - 1, 10));
		this.jdbc.sql("""
				UPDATE notification SET status = 'QUEUED', next_attempt_at = :when, reason = :reason, updated_at = :now
				WHERE id = :id AND status = 'SENDING' AND attempts = :attempts""")
			.param("attempts", message.attempts())
			.param("when", Timestamp.from(this.clock.instant().plus(pause)))
			.param("reason", why)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", message.id())
			.update();
	}

	private void finish(Message message, String status, String reason, String providerId) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				UPDATE notification SET status = :status, reason = :reason, provider_id = :provider, updated_at = :now,
				       sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) ELSE sent_at END
				WHERE id = :id AND status = 'SENDING' AND attempts = :attempts""")
			.param("attempts", message.attempts())
			.param("status", status)
			.param("reason", reason)
			.param("provider", providerId)
			.param("now", Timestamp.from(now))
			.param("id", message.id())
			.update();
	}

}
