package org.linli.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment gateway as tests play it: notifications signed with the test secret
 * ({@code test-gateway-secret}), an HMAC-SHA256 of {@code timestamp + "." + body}.
 */
public final class Gateway {

	private Gateway() {
	}

	public static String sign(String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("test-gateway-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A notification as sent: its body with a timestamp and a signature, right or not.
	 */
	public static Api.Response send(Api api, String body, String timestamp, String signature) {
		return api.post("/api/v1/payment-gateway/notifications", null, body, "X-Linli-Timestamp", timestamp,
				"X-Linli-Signature", signature);
	}

	/** A notification signed rightly, stamped with the application's clock. */
	public static Api.Response sendSigned(Api api, Clock clock, String body) {
		String timestamp = String.valueOf(clock.instant().getEpochSecond());
		return send(api, body, timestamp, sign(timestamp, body));
	}

}
