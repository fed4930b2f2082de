package org.linli.complaints;

/** What a resident brings: a complaint (投诉), a suggestion (建议) or praise (表扬). */
public enum ComplaintKind {

	COMPLAINT, SUGGESTION, PRAISE;

	/** Held to the community's limits (praise is thanked, never overdue). */
	public boolean hasLimits() {
		return this != PRAISE;
	}

}
