package org.linli.notifications.internal;

import java.util.Map;

/**
 * Where text messages go: the log (nothing leaves the machine), an HTTP gateway, or
 * Alibaba Cloud SMS, chosen by {@code LINLI_SMS_PROVIDER}. Each message carries its key,
 * which providers that support it use to deliver a message sent twice (after a timeout, a
 * restart) only once.
 */
interface SmsGateway {

	/** The provider's name, for the delivery log. */
	String name();

	/**
	 * Sends one message; answers the provider's id for it, or throws with the reason it
	 * was not accepted.
	 */
	String send(Sms sms) throws SmsRefused;

	/**
	 * A text message: {@code phone} in clear, never logged; {@code attempt} counts from
	 * 1, so a provider can look for an earlier attempt that reached it before sending
	 * again.
	 */
	record Sms(String key, String phone, String template, String text, Map<String, String> params, int attempt) {

		@Override
		public String toString() {
			return "Sms[" + this.key + "]";
		}

	}

	/** The provider did not accept the message (it may on a later attempt). */
	class SmsRefused extends Exception {

		private static final long serialVersionUID = 1L;

		SmsRefused(String reason) {
			super(reason);
		}

		SmsRefused(String reason, Throwable cause) {
			super(reason, cause);
		}

	}

}
