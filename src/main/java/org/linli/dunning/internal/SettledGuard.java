package org.linli.dunning.internal;

import java.util.Optional;

import org.linli.billing.Billing;
import org.linli.notifications.DeliveryGuard;
import org.linli.shared.Money;

import org.springframework.stereotype.Component;

/**
 * A reminder is not delivered once the lines it was about are paid or waived: all of them
 * (SUPPRESSED, reason SETTLED), or some (reason CHANGED: its figures would be wrong; the
 * policy's next step, or staff, remind with the figures of the day).
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
		Optional<Reminders.Debt> debt = this.reminders.debtOf(reminder);
		if (debt.isEmpty()) {
			return Optional.empty();
		}
		Money owed = this.billing.owedOn(debt.get().billIds());
		if (!owed.isPositive()) {
			return Optional.of("SETTLED");
		}
		if (owed.compareTo(debt.get().amount()) < 0) {
			return Optional.of("CHANGED");
		}
		return Optional.empty();
	}

}
