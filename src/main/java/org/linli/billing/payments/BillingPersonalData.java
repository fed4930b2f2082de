package org.linli.billing.payments;

import java.util.List;

import org.linli.billing.bills.Bills;
import org.linli.shared.PersonalDataSection;

import org.springframework.stereotype.Component;

/**
 * The resident's bills, payments and prepaid accounts in the download, as the portal
 * shows them.
 */
@Component
class BillingPersonalData implements PersonalDataSection {

	private final Bills bills;

	private final Payments payments;

	BillingPersonalData(Bills bills, Payments payments) {
		this.bills = bills;
		this.payments = payments;
	}

	record Section(List<Bills.BillLine> bills, List<Payments.PaymentView> payments,
			List<Payments.PrepaidAccount> prepaid) {
	}

	@Override
	public String name() {
		return "billing";
	}

	@Override
	public Object of(long residentId) {
		return new Section(this.bills.ofResident(residentId), this.payments.ofResident(residentId),
				this.payments.prepaidAccountsOf(residentId));
	}

}
