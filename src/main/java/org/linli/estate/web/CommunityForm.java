package org.linli.estate.web;

import org.linli.estate.internal.CommunityCommand;
import org.linli.estate.internal.CommunityView;

/** The community form of the staff console, as typed. */
public record CommunityForm(String name, String address, String companyName, String contactName, String contactPhone,
		String bankAccount) {

	static CommunityForm blank() {
		return new CommunityForm(null, null, null, null, null, null);
	}

	static CommunityForm of(CommunityView view) {
		return new CommunityForm(view.name(), view.address(), view.companyName(), view.contactName(),
				view.contactPhone(), view.bankAccount());
	}

	CommunityCommand command() {
		return new CommunityCommand(this.name, this.address, this.companyName, this.contactName, this.contactPhone,
				this.bankAccount);
	}

}
