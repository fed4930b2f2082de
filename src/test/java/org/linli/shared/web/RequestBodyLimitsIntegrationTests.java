package org.linli.shared.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized bodies are refused with 413 before anything buffers them, whether they say
 * their size or arrive in chunks: the unauthenticated payment-gateway endpoint at a few
 * kilobytes, JSON at a megabyte.
 */
class RequestBodyLimitsIntegrationTests extends IntegrationTest {

	private final HttpClient client = HttpClient.newHttpClient();

	private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.api.base() + path))
			.header("Content-Type", "application/json")
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String json(int bytes) {
		return "{\"orderNumber\":\"" + "x".repeat(bytes) + "\"}";
	}

	@Test
	void theGatewayEndpointRefusesLargeBodiesSaidOrChunked() throws Exception {
		HttpResponse<String> declared = post("/api/v1/payment-gateway/notifications",
				HttpRequest.BodyPublishers.ofString(json(20_000)));
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.body()).contains("413");
		byte[] chunked = json(20_000).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> streamed = post("/api/v1/payment-gateway/notifications",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)));
		assertThat(streamed.statusCode()).isEqualTo(413);
		// a normal notification still gets to the signature check
		assertThat(post("/api/v1/payment-gateway/notifications", HttpRequest.BodyPublishers.ofString(json(20)))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void nothingButJsonReachesTheGatewayAndLargeChunkedFormsAre413() throws Exception {
		byte[] multipart = ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + "x".repeat(50_000)
				+ "\r\n--XyZ--\r\n")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> parts = this.client
			.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/payment-gateway/notifications"))
				.header("Content-Type", "multipart/form-data; boundary=XyZ")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(multipart)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(parts.statusCode()).isEqualTo(415);
		byte[] form = ("a=" + "x".repeat(1_200_000)).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> put = this.client
			.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/communities/1"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).isEqualTo(413);
	}

	@Test
	void jsonBodiesStopAtAMegabyte() throws Exception {
		assertThat(post("/api/v1/auth/token", HttpRequest.BodyPublishers.ofString(json(2_000_000))).statusCode())
			.isEqualTo(413);
		byte[] chunked = json(2_000_000).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> streamed = post("/api/v1/auth/token",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)));
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertThat(post("/api/v1/auth/token",
				HttpRequest.BodyPublishers.ofString("{\"username\":\"x\",\"password\":\"y\"}"))
			.statusCode()).isEqualTo(401);
	}

}
