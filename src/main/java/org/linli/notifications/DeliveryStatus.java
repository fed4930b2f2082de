package org.linli.notifications;

/** Where a message stands in the outbox. */
public enum DeliveryStatus {

	/** Waiting for the worker (or for the morning, or for its next attempt). */
	QUEUED,
	/**
	 * Being delivered; one left in this state by a stopped node is delivered again, with
	 * the same key.
	 */
	SENDING,
	/** Delivered to the provider (or, in-app, to the inbox). */
	SENT,
	/** Given up after its last attempt, with the reason. */
	FAILED,
	/**
	 * Not sent on purpose: its reason was gone, the recipient declined the channel, or
	 * there is no address.
	 */
	SUPPRESSED

}
