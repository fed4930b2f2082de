package org.linli.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions in the database, without a write on every page view: a session's last access
 * is stored at most once a minute (Spring Session stores it on every request, an UPDATE
 * in a transaction of its own), so that a page that changes nothing writes nothing. A
 * session of eight hours may end up to a minute early; nothing else changes.
 */
@Configuration(proxyBeanMethods = false)
class SessionTouches {

	static final Duration GRANULARITY = Duration.ofMinutes(1);

	/**
	 * Spring Boot's repository of sessions in the database, handed out wrapped (it keeps
	 * its own set-up and clean-up).
	 */
	@Bean
	static BeanPostProcessor sessionsTouchedEachMinute() {
		return new BeanPostProcessor() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof JdbcIndexedSessionRepository jdbc)
						? new MinuteSessions((FindByIndexNameSessionRepository) jdbc) : bean;
			}
		};
	}

	/**
	 * Spring Session's repository, handing out sessions that note an access each minute.
	 */
	static final class MinuteSessions implements FindByIndexNameSessionRepository<MinuteSession> {

		private final FindByIndexNameSessionRepository<Session> delegate;

		MinuteSessions(FindByIndexNameSessionRepository<Session> delegate) {
			this.delegate = delegate;
		}

		@Override
		public MinuteSession createSession() {
			return new MinuteSession(this.delegate.createSession());
		}

		@Override
		public void save(MinuteSession session) {
			this.delegate.save(session.delegate);
		}

		@Override
		public MinuteSession findById(String id) {
			Session found = this.delegate.findById(id);
			return (found != null) ? new MinuteSession(found) : null;
		}

		@Override
		public void deleteById(String id) {
			this.delegate.deleteById(id);
		}

		@Override
		public Map<String, MinuteSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			Map<String, MinuteSession> found = new LinkedHashMap<>();
			this.delegate.findByIndexNameAndIndexValue(indexName, indexValue)
				.forEach((id, session) -> found.put(id, new MinuteSession(session)));
			return found;
		}

	}

	/** A session whose last access moves on only when a minute has passed. */
	static final class MinuteSession implements Session {

		private final Session delegate;

		MinuteSession(Session delegate) {
			this.delegate = delegate;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.delegate.getLastAccessedTime().plus(GRANULARITY))) {
				this.delegate.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public String changeSessionId() {
			return this.delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.delegate.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.delegate.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.delegate.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.delegate.isExpired();
		}

	}

}
