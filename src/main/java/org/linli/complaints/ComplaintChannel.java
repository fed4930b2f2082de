package org.linli.complaints;

/** How an item came in. */
public enum ComplaintChannel {

	/** The resident, in the portal or through the API. */
	PORTAL,
	/** Customer service, for a caller. */
	PHONE,
	/** Customer service, for someone at the desk. */
	WALK_IN

}
