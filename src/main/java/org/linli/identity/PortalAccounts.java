package org.linli.identity;

import java.time.Instant;

/**
 * Portal accounts of residents, for the residents module: invite a resident (a one-time
 * code to hand over), and keep the sign-in phone in step.
 */
public interface PortalAccounts {

	/**
	 * A new one-time activation code for the resident's phone; earlier unused codes stop
	 * working.
	 */
	Invitation invite(long residentId, String phone);

	/** The resident's phone changed: sign-in and pending codes follow the new number. */
	void phoneChanged(long residentId, String phone);

	record Invitation(String code, Instant expiresAt) {
	}

}
