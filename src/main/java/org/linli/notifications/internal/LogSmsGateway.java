package org.linli.notifications.internal;

import org.linli.shared.crypto.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default run's SMS provider: nothing leaves the machine; the console shows each
 * message with the phone masked, and the delivery log keeps it as sent.
 */
class LogSmsGateway implements SmsGateway {

	private static final Logger log = LoggerFactory.getLogger(LogSmsGateway.class);

	@Override
	public String name() {
		return "log";
	}

	@Override
	public String send(Sms sms) {
		log.info("SMS to {} [{}]: {}", Masking.phone(sms.phone()), sms.template(), sms.text());
		return "log:" + sms.key();
	}

}
