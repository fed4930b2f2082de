package org.linli.identity;

import java.time.Instant;

/**
 * Portal accounts of residents, for the residents module: invite a resident (a one-time code to hand over), keep
 * the sign-in phone in step, and tell whether a resident has an account.
 */
public interface PortalAccounts {

	/** A new one-time activation code for the resident's phone; earlier unused codes stop working. */
	Invitation invite(long residentId, String phone);

	/** The resident's phone changed: sign-in and pending codes follow the new number. */
	void phoneChanged(long residentId, String phone);

	boolean hasAccount(long residentId);

	record Invitation(String code, Instant expiresAt) {
	}

}
