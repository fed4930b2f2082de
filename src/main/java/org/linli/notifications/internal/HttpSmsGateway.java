package org.linli.notifications.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Any SMS gateway that takes {@code POST <url>} with
 * {@code Authorization: Bearer <token>} and the JSON body
 * {@code {"phone","template","text","params","key"}}; the message's key also goes in the
 * {@code Idempotency-Key} header, so a gateway that honours it delivers a retried message
 * once. A 2xx answer means sent; anything else, a timeout included, is retried.
 */
class HttpSmsGateway implements SmsGateway {

	private final URI url;

	private final String token;

	private final Duration timeout;

	private final JsonMapper json;

	private final HttpClient client;

	HttpSmsGateway(URI url, String token, Duration timeout, JsonMapper json) {
		this.url = url;
		this.token = token;
		this.timeout = timeout;
		this.json = json;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String name() {
		return "http";
	}

	@Override
	public String send(Sms sms) throws SmsRefused {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("phone", sms.phone());
		body.put("template", sms.template());
		body.put("text", sms.text());
		body.put("params", sms.params());
		body.put("key", sms.key());
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.header("Idempotency-Key", sms.key())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new SmsRefused("HTTP " + response.statusCode());
			}
			return "http:" + sms.key();
		}
		catch (HttpTimeoutException ex) {
			throw new SmsRefused("timeout", ex);
		}
		catch (IOException ex) {
			throw new SmsRefused(ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmsRefused("interrupted", ex);
		}
	}

}
