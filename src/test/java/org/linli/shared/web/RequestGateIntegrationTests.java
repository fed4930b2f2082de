package org.linli.shared.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The turns in the running server: with two turns, uploads that arrive slowly (a phone on
 * a weak signal) hold request threads, not turns, and pages are still served at once.
 */
@TestPropertySource(properties = { "linli.web.concurrent-requests=2", "linli.web.queue-wait=60s" })
class RequestGateIntegrationTests extends IntegrationTest {

	@Test
	void slowUploadsDoNotHoldUpThePages() throws Exception {
		List<Socket> uploads = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				uploads.add(slowUpload());
			}
			for (Socket upload : uploads) {
				// each still being read: the server has not answered
				upload.setSoTimeout(300);
				assertThatThrownBy(() -> upload.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
			}

			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpResponse<String> page = client
				.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/portal/login"))
					.timeout(Duration.ofSeconds(20))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(page.statusCode()).isEqualTo(200);
		}
		finally {
			for (Socket upload : uploads) {
				upload.close();
			}
		}
	}

	/**
	 * A photo upload that sends its headers and the first bytes of a 200 KB body, then
	 * waits.
	 */
	private Socket slowUpload() throws Exception {
		Socket socket = new Socket("localhost", this.port);
		OutputStream out = socket.getOutputStream();
		String part = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n";
		out.write(("POST /admin/communities/1/rooms/import HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 200000\r\n\r\n" + part)
			.getBytes(StandardCharsets.US_ASCII));
		out.write(new byte[100]);
		out.flush();
		return socket;
	}

}
