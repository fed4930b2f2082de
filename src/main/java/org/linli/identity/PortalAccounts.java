package org.linli.identity;

import java.time.Instant;

/**
 * Portal accounts of residents, for the residents module: invite a resident (a one-time
 * code, which the residents module sends to the resident's own phone and never shows to
 * staff), keep the sign-in phone in step, and let staff disable or enable an account.
 */
public interface PortalAccounts {

	/**
	 * A new one-time activation code for the resident's phone; earlier unused codes stop
	 * working.
	 */
	Invitation invite(long residentId, String phone);

	/** The resident's phone changed: sign-in and pending codes follow the new number. */
	void phoneChanged(long residentId, String phone);

	/**
	 * Disables (or enables) the resident's portal account; disabling ends its sessions
	 * and tokens. Answers whether there is an account.
	 */
	boolean setEnabled(long residentId, boolean enabled);

	/** Whether the resident has a portal account, and whether it is enabled. */
	AccountState state(long residentId);

	/**
	 * Removes the resident's portal account, its sessions and tokens and any invitation
	 * (an anonymized resident signs in no more); answers whether there was an account.
	 */
	boolean remove(long residentId);

	enum AccountState {

		NONE, ENABLED, DISABLED

	}

	record Invitation(String code, Instant expiresAt) {
	}

}
