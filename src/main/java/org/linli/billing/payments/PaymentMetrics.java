package org.linli.billing.payments;

import io.micrometer.core.instrument.Metrics;
import org.linli.billing.PaymentReceived;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the metrics scraper sees of payments, once committed:
 * {@code linli_payments_total{method}} and
 * {@code linli_payments_amount_yuan_total{method}} (an observation for dashboards; money
 * itself stays in decimal yuan in the database).
 */
@Component
class PaymentMetrics {

	@TransactionalEventListener
	void paid(PaymentReceived payment) {
		String method = payment.method().name();
		Metrics.counter("linli.payments", "method", method).increment();
		Metrics.counter("linli.payments.amount.yuan", "method", method)
			.increment(payment.amount().amount().doubleValue());
	}

}
