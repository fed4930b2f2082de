package org.linli.dunning.internal;

import java.util.Optional;
import java.util.Set;

import org.linli.billing.Billing;
import org.linli.notifications.DeliveryGuard;

import org.springframework.stereotype.Component;

/**
 * A reminder is not delivered once the lines it was about are all paid or waived: such a
 * message becomes SUPPRESSED with the reason SETTLED.
 */
@Component
class SettledGuard implements DeliveryGuard {

	private static final String SUBJECT = "dunning:";

	private final Reminders reminders;

	private final Billing billing;

	SettledGuard(Reminders reminders, Billing billing) {
		this.reminders = reminders;
		this.billing = billing;
	}

	@Override
	public boolean guards(String template) {
		return Reminders.TEMPLATE.equals(template);
	}

	@Override
	public Optional<String> suppress(Delivery delivery) {
		if (delivery.subject() == null || !delivery.subject().startsWith(SUBJECT)) {
			return Optional.empty();
		}
		long reminder = Long.parseLong(delivery.subject().substring(SUBJECT.length()));
		Set<Long> bills = this.reminders.billsOf(reminder);
		if (bills.isEmpty() || !this.billing.stillOpen(bills).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("SETTLED");
	}

}
