package org.linli.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests: JSON in, JSON out, with an optional bearer
 * token.
 */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public String base() {
		return this.base;
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET());
	}

	public Response post(String path, String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json(body))));
	}

	/** A JSON POST with extra headers (name, value, name, value...). */
	public Response post(String path, String token, Object body, String... headers) {
		HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json");
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofString((body instanceof String raw) ? raw : json(body))));
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE());
	}

	/** A GET accepting anything (files). */
	public Response download(String path, String token) {
		return send(request(path, token).header("Accept", "*/*").GET());
	}

	public Response put(String path, String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json(body))));
	}

	public Response postRaw(String path, String token, String contentType, String body) {
		return send(request(path, token).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A multipart upload of one file in the part {@code file}. */
	public Response upload(String path, String token, String fileName, byte[] content) {
		return upload(path, token, "file", fileName, content);
	}

	/** A multipart upload of one file in the named part. */
	public Response upload(String path, String token, String part, String fileName, byte[] content) {
		String boundary = "----linli" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** A token for the user, asserting that sign-in worked. */
	public String token(String username, String password) {
		Response response = post("/api/v1/auth/token", null,
				java.util.Map.of("username", username, "password", password));
		if (response.status() != 200) {
			throw new AssertionError("Sign-in of " + username + " failed: " + response);
		}
		return response.json().get("token").asString();
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30));
		if (!path.endsWith(".pdf")) {
			builder.header("Accept", "application/json");
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<byte[]> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String json(Object body) {
		return (body instanceof String s) ? s : JSON.writeValueAsString(body);
	}

	public record Response(int status, byte[] bytes, java.net.http.HttpHeaders headers) {

		public String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(body());
		}

		public long id() {
			return json().get("id").asLong();
		}

		/** The message the API gave for one field of a validation problem, or null. */
		public String fieldMessage(String field) {
			for (JsonNode error : json().path("errors")) {
				if (field.equals(error.get("field").asString())) {
					return error.get("message").asString();
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return this.status + " " + body();
		}

	}

}
