package org.linli.notifications;

/** How a message reaches its recipient. */
public enum Channel {

	/** The portal's inbox, or a staff member's bell. */
	IN_APP,
	/** A text message to the recipient's phone. */
	SMS,
	/** An email, where the recipient gave an address. */
	EMAIL

}
