package org.linli.billing.payments;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.linli.shared.Money;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The payment gateway, as far as Linli needs one: where to send a resident to pay an
 * order, and whether a notification really comes from the gateway. A provider's adapter
 * (WeChat Pay, Alipay, a bank's aggregator) sits in front and speaks this contract — see
 * the README, "Online payment": it redirects to its checkout with the order number and
 * amount, and when paid POSTs {@code /api/v1/payment-gateway/notifications} with
 * {@code X-Linli-Timestamp} (Unix seconds) and {@code X-Linli-Signature}, the hex
 * HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret. Without a secret
 * ({@code LINLI_PAYMENT_GATEWAY_SECRET}) the gateway is off: residents pay their orders
 * by transfer or at the service desk.
 */
@Component
public class PaymentGateway {

	private final String secret;

	private final String checkoutUrl;

	PaymentGateway(@Value("${linli.payments.gateway.secret:}") String secret,
			@Value("${linli.payments.gateway.checkout-url:}") String checkoutUrl) {
		this.secret = secret;
		this.checkoutUrl = checkoutUrl;
	}

	public boolean enabled() {
		return !this.secret.isBlank();
	}

	/** The gateway's checkout page for an order, when a gateway is set up. */
	public Optional<String> checkoutUrl(String orderNumber, Money amount) {
		if (!enabled() || this.checkoutUrl.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(UriComponentsBuilder.fromUriString(this.checkoutUrl)
			.queryParam("orderNumber", orderNumber)
			.queryParam("amount", amount.toString())
			.build()
			.toUriString());
	}

	/**
	 * Whether the signature is the gateway's for this timestamp and body (compared in
	 * constant time).
	 */
	public boolean verify(String timestamp, String body, String signature) {
		if (!enabled() || timestamp == null || signature == null) {
			return false;
		}
		byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected,
				signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

	String sign(String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
