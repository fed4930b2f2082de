package org.linli.billing.payments;

import org.linli.billing.BillsIssued;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When a run has issued bills, prepaid balances pay the lines of fee items set to be
 * deducted automatically. The event is recorded with the run's completion, so a crash
 * before the deduction is done is made good from the event publication registry (on
 * restart, or by the periodic resubmission); paying what is still open is safe to repeat.
 */
@Component
class PrepaidDeductions {

	private final Payments payments;

	PrepaidDeductions(Payments payments) {
		this.payments = payments;
	}

	@ApplicationModuleListener
	void on(BillsIssued issued) {
		this.payments.deductAutomaticallyIn(issued.communityId());
	}

}
