package org.linli.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events the modules published, as a listener in another module sees them: after
 * their transaction commits (or at once outside one). Tests find theirs by their own ids,
 * since the context is shared.
 */
public class PublishedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	/**
	 * A plain listener, which the event publication registry does not record, that keeps
	 * the modules' own events once their transaction has committed.
	 */
	@EventListener
	void on(Object event) {
		if (!event.getClass().getPackageName().startsWith("org.linli")) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					PublishedEvents.this.events.add(event);
				}
			});
		}
		else {
			this.events.add(event);
		}
	}

	public <T> List<T> ofType(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	public <T> List<T> matching(Class<T> type, Predicate<T> predicate) {
		return ofType(type).stream().filter(predicate).toList();
	}

	/**
	 * Waits up to ten seconds for a matching event (listeners of other modules may run
	 * after the request).
	 */
	public <T> T await(Class<T> type, Predicate<T> predicate) {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < until) {
			List<T> found = matching(type, predicate);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " event came; seen: " + ofType(type));
	}

}
