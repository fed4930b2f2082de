package org.linli.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifications module's front door: every module reaches residents and staff through
 * it. A notice is written in the caller's transaction (a transactional outbox: it exists
 * if and only if the business change committed) and delivered by a background worker with
 * retries; the same key twice queues nothing the second time.
 * <p>
 * Texts come from the message files as {@code notifications.template.<TEMPLATE>.title},
 * {@code .body} (in-app and email) and {@code .sms}, with {@code {name}} placeholders
 * filled from the params, in the recipient's language. Modules that must stop a queued
 * message when its reason is gone (a reminder of a debt since paid) provide a
 * {@link DeliveryGuard}.
 */
public interface Notifications {

	/**
	 * Queues the notice on each of its channels; answers the ids of the messages queued
	 * now (none for a key already used).
	 */
	List<Long> send(Notice notice);

	/**
	 * What became of the messages whose key starts with the given prefix (the caller's
	 * key of a notice and everything after it), oldest first: for a module's own history
	 * of what it sent.
	 */
	List<Delivery> deliveries(String keyPrefix);

	/** How many in-app messages a person has not read. */
	long unread(Recipient recipient);

	/**
	 * Erases what identifies a resident in their messages and choices — the email
	 * address, the masked phone or address each message went to, the hash that counted
	 * their text messages — and replaces their name in the texts with the pseudonym; the
	 * messages themselves stay, as a record of what was sent.
	 */
	void forget(long residentId, String formerName, String pseudonym);

	/**
	 * A message as its sender follows it: the recipient masked, never an address in
	 * clear.
	 */
	record Delivery(long id, String key, Channel channel, String recipient, DeliveryStatus status, String reason,
			int attempts, Instant createdAt, Instant sentAt) {
	}

	/**
	 * What to send, to whom and why.
	 *
	 * @param communityId the community it concerns, for the delivery log and its quiet
	 * hours (null for none)
	 * @param template the template's name, e.g. {@code DUNNING_REMINDER}
	 * @param params the values of the template's placeholders, already formatted (amounts
	 * as "1234.50")
	 * @param key the caller's idempotency key, unique for what is notified (e.g.
	 * "dunning:12:2026-05-15:1:33")
	 * @param subject what it is about, for guards and lookups (e.g. "room:12"), or null
	 */
	record Notice(Long communityId, Recipient recipient, String template, Map<String, String> params,
			Set<Channel> channels, Purpose purpose, String key, String subject) {

		public Notice {
			params = Map.copyOf(params);
			channels = Set.copyOf(channels);
		}

	}

	/** Who receives a notice. */
	sealed interface Recipient permits Resident, Staff {

	}

	/**
	 * A resident, reached by the inbox of their portal, their phone, or the email address
	 * they gave.
	 */
	record Resident(long residentId) implements Recipient {
	}

	/** A staff member, reached by the bell of the staff console. */
	record Staff(long accountId) implements Recipient {
	}

}
