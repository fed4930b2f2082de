package org.linli.community;

/** Where a household's registration for an activity stands. */
public enum RegistrationStatus {

	/** Holds its places. */
	REGISTERED,
	/** On the waiting list, promoted in order when places free up. */
	WAITLISTED,
	/** Cancelled by the household or the staff, or with the activity. */
	CANCELLED

}
