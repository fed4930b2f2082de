package org.linli.billing.payments;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.linli.billing.PaymentReceived;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the metrics scraper sees of payments, once committed:
 * {@code linli_payments_total{method}} and
 * {@code linli_payments_amount_fen_total{method}} — the amount in fen, added up exactly
 * as a whole number (money never passes through floating point here).
 */
@Component
class PaymentMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> fen = new ConcurrentHashMap<>();

	PaymentMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Counted once the payment's transaction commits. A plain listener registering an
	 * after-commit callback, not a {@code @TransactionalEventListener}: the event
	 * publication registry records each of those in a transaction of its own, which wants
	 * a second connection while the payment's is still held — under 16 concurrent
	 * payments on a pool of six, every request waited for the others until they all timed
	 * out.
	 */
	@EventListener
	void paid(PaymentReceived payment) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					count(payment);
				}

			});
		}
		else {
			count(payment);
		}
	}

	private void count(PaymentReceived payment) {
		String method = payment.method().name();
		this.registry.counter("linli.payments", "method", method).increment();
		this.fen.computeIfAbsent(method, (m) -> {
			AtomicLong sum = new AtomicLong();
			FunctionCounter.builder("linli.payments.amount.fen", sum, AtomicLong::get)
				.tag("method", m)
				.register(this.registry);
			return sum;
		}).addAndGet(payment.amount().amount().movePointRight(2).longValueExact());
	}

}
