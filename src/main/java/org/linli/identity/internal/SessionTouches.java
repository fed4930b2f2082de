package org.linli.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions in the database, without a write on every page view: a session's last access
 * is stored at most once a minute (Spring Session stores it on every request, an UPDATE
 * in a transaction of its own), so that a page that changes nothing writes nothing. A
 * session of eight hours may end up to a minute early; nothing else changes. Reading a
 * session opens no transaction.
 */
@Configuration(proxyBeanMethods = false)
class SessionTouches {

	static final Duration GRANULARITY = Duration.ofMinutes(1);

	/**
	 * The sessions read during the request the thread serves: Spring Session reads the
	 * requested session again when it commits it a second time (once when the response is
	 * committed, once at the end of its filter), a SELECT in a transaction of its own on
	 * every page view; the second read is answered with what the first found and the
	 * first commit saved.
	 */
	private static final ThreadLocal<Map<String, MinuteSession>> READ = new ThreadLocal<>();

	/** Set while Spring Session reads a session ({@link ReadsWithoutTransaction}). */
	private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

	/**
	 * Keeps the sessions read during each request, just outside Spring Session's filter.
	 */
	@Bean
	FilterRegistrationBean<Filter> sessionsReadOncePerRequest() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			if (READ.get() != null) {
				chain.doFilter(request, response);
				return;
			}
			READ.set(new HashMap<>());
			try {
				chain.doFilter(request, response);
			}
			finally {
				READ.remove();
			}
		});
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	/**
	 * Spring Boot's repository of sessions in the database, handed out wrapped (it keeps
	 * its own set-up and clean-up), and made with transactions only for writing
	 * ({@link ReadsWithoutTransaction}).
	 */
	@Bean
	static BeanPostProcessor sessionsTouchedEachMinute(ObjectProvider<TransactionTemplate> transactions) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof JdbcHttpSessionConfiguration configuration) {
					configuration.setTransactionOperations(new ReadsWithoutTransaction(transactions));
				}
				return bean;
			}

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof JdbcIndexedSessionRepository jdbc)
						? new MinuteSessions((FindByIndexNameSessionRepository) jdbc) : bean;
			}
		};
	}

	/**
	 * Spring Session's transactions, but none for reading a session: the read is one
	 * SELECT (of the session and its attributes, joined), and a transaction around it
	 * costs a COMMIT's round trip on every page view — as much of the request thread's
	 * time as the SELECT itself. Writes keep the application's transactions.
	 */
	static final class ReadsWithoutTransaction implements TransactionOperations {

		private final ObjectProvider<TransactionTemplate> transactions;

		ReadsWithoutTransaction(ObjectProvider<TransactionTemplate> transactions) {
			this.transactions = transactions;
		}

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			return (READING.get() != null) ? TransactionOperations.withoutTransaction().execute(action)
					: this.transactions.getObject().execute(action);
		}

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
			Map<String, MinuteSession> read = READ.get();
			if (read != null) {
				read.values().remove(session);
				read.put(session.getId(), session);
			}
		}

		@Override
		public MinuteSession findById(String id) {
			Map<String, MinuteSession> read = READ.get();
			MinuteSession known = (read != null) ? read.get(id) : null;
			if (known != null && !known.isExpired()) {
				return known;
			}
			Session found;
			READING.set(Boolean.TRUE);
			try {
				found = this.delegate.findById(id);
			}
			finally {
				READING.remove();
			}
			MinuteSession session = (found != null) ? new MinuteSession(found) : null;
			if (read != null && session != null) {
				read.put(id, session);
			}
			return session;
		}

		@Override
		public void deleteById(String id) {
			Map<String, MinuteSession> read = READ.get();
			if (read != null) {
				read.remove(id);
			}
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
