package org.linli.identity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records who did what, when and from where. Entries are written in the caller's
 * transaction, so a change that rolls back leaves no entry, and an entry never exists
 * without its change. Personal data never goes into an entry: a changed phone number is
 * recorded as changed, without its values.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records an action of the signed-in user (or of the system when nobody is signed
	 * in).
	 */
	public void record(String action, String targetType, Object targetId, Long communityId, Changes changes) {
		StaffUser actor = currentUser();
		write(Instant.now(this.clock), (actor != null) ? actor.getAccountId() : null,
				(actor != null) ? actor.getUsername() : null, clientAddress(), action, targetType, targetId,
				communityId, (changes != null) ? changes.asMap() : Map.of());
	}

	/**
	 * Records an action whose author must stay unknown (a resident's step on an anonymous
	 * complaint): no actor, and not the address it came from, which beside that person's
	 * sign-in would name them.
	 */
	public void recordWithoutAddress(String action, String targetType, Object targetId, Long communityId,
			Changes changes) {
		write(Instant.now(this.clock), null, null, null, action, targetType, targetId, communityId,
				(changes != null) ? changes.asMap() : Map.of());
	}

	private static StaffUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof StaffUser user) ? user : null;
	}

	/** Records an action whose actor is known by name only (a sign-in attempt). */
	public void recordFor(Long actorId, String actorName, String action, Map<String, Object> details) {
		write(Instant.now(this.clock), actorId, actorName, clientAddress(), action, null, null, null, details);
	}

	private void write(Instant at, Long actorId, String actorName, String ip, String action, String targetType,
			Object targetId, Long communityId, Map<String, Object> details) {
		this.jdbc
			.sql("""
					INSERT INTO audit_entry (at, actor_id, actor_name, ip, action, target_type, target_id, community_id, details)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(java.sql.Timestamp.from(at), actorId, truncate(actorName, 64), ip, action, targetType,
					(targetId != null) ? targetId.toString() : null, communityId,
					details.isEmpty() ? null : this.json.writeValueAsString(details))
			.update();
	}

	/** The address of the current request's client, if there is a request. */
	public static String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return truncate(request.getRemoteAddr(), 64);
		}
		return null;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	/**
	 * What a write changed: each field with its value before and after; for a new record,
	 * its values.
	 */
	public static final class Changes {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		public static Changes of() {
			return new Changes();
		}

		/** A field of a new record. */
		public Changes set(String field, Object value) {
			this.fields.put(field, plain(value));
			return this;
		}

		/** A field of an existing record; recorded only when the value changed. */
		public Changes changed(String field, Object before, Object after) {
			if (!equal(before, after)) {
				this.fields.put(field,
						Map.of("from", String.valueOf(plain(before)), "to", String.valueOf(plain(after))));
			}
			return this;
		}

		/** A field holding personal data: whether it changed, never its values. */
		public Changes changedSecret(String field, boolean changed) {
			if (changed) {
				this.fields.put(field, "changed");
			}
			return this;
		}

		public boolean isEmpty() {
			return this.fields.isEmpty();
		}

		Map<String, Object> asMap() {
			return this.fields;
		}

		private static boolean equal(Object a, Object b) {
			if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
				return x.compareTo(y) == 0;
			}
			return Objects.equals(a, b);
		}

		private static Object plain(Object value) {
			if (value instanceof Enum<?> e) {
				return e.name();
			}
			if (value instanceof BigDecimal d) {
				return d.toPlainString();
			}
			if (value instanceof java.util.Collection<?> c) {
				return c.stream().map(Changes::plain).map(String::valueOf).sorted().toList();
			}
			return value;
		}

	}

}
