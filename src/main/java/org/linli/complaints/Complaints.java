package org.linli.complaints;

/**
 * What other modules may ask of complaints (the home pages' tiles). Like other facades it
 * answers for any community; the caller checks the caller's scope.
 */
public interface Complaints {

	/**
	 * How many items of a community are open, how many of those are overdue, how many
	 * new.
	 */
	OpenCount openCount(long communityId);

	/**
	 * How many of the items a resident brought are still open (resolved ones too, until
	 * confirmed).
	 */
	long openOfResident(long residentId);

	/**
	 * @param open submitted, assigned, in progress or reopened
	 * @param overdue open and past a limit
	 * @param unassigned submitted and not yet given to a handler
	 */
	record OpenCount(long open, long overdue, long unassigned) {
	}

}
