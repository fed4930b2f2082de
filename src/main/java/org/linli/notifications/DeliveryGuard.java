package org.linli.notifications;

import java.util.Map;
import java.util.Optional;

/**
 * Asked before each delivery of a module's messages: a message whose reason is gone (a
 * reminder of a debt paid or waived since it was queued) is not sent but marked
 * SUPPRESSED with the reason given.
 */
public interface DeliveryGuard {

	/** Whether this guard decides for messages of the template. */
	boolean guards(String template);

	/** A reason not to deliver the message now, or nothing to deliver it. */
	Optional<String> suppress(Delivery delivery);

	/** A message about to be delivered. */
	record Delivery(long id, Long communityId, String template, String subject, Map<String, String> params,
			Channel channel) {
	}

}
