package org.linli.workorders;

/** How soon a repair must be answered and done (the limits are per community). */
public enum Urgency {

	/** 紧急: e.g. a burst pipe, someone stuck in a lift. */
	EMERGENCY,
	/** 加急. */
	URGENT,
	/** 普通. */
	NORMAL

}
