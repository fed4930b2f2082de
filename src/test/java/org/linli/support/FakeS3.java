package org.linli.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of an S3-compatible object store, path-style, for tests: PUT (plain or
 * aws-chunked bodies), GET, HEAD and DELETE of objects, each request required to be
 * signed (AWS Signature Version 4), the signature itself not checked.
 */
public final class FakeS3 implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

	public FakeS3() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Objects by "bucket/key". */
	public Map<String, byte[]> objects() {
		return this.objects;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
				send(exchange, 403, "<Error><Code>AccessDenied</Code></Error>");
				return;
			}
			String path = exchange.getRequestURI().getPath().substring(1);
			switch (exchange.getRequestMethod()) {
				case "PUT" -> {
					byte[] body = exchange.getRequestBody().readAllBytes();
					String content = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
					this.objects.put(path,
							(content != null && content.startsWith("STREAMING-")) ? dechunk(body) : body);
					exchange.getResponseHeaders().add("ETag", "\"fake\"");
					exchange.sendResponseHeaders(200, -1);
				}
				case "GET" -> {
					byte[] object = this.objects.get(path);
					if (object == null) {
						send(exchange, 404, "<Error><Code>NoSuchKey</Code><Message>no</Message></Error>");
						return;
					}
					exchange.sendResponseHeaders(200, object.length);
					exchange.getResponseBody().write(object);
				}
				case "HEAD" -> {
					byte[] object = this.objects.get(path);
					if (object == null) {
						exchange.sendResponseHeaders(404, -1);
						return;
					}
					exchange.getResponseHeaders().add("Content-Length", String.valueOf(object.length));
					exchange.sendResponseHeaders(200, -1);
				}
				case "DELETE" -> {
					this.objects.remove(path);
					exchange.sendResponseHeaders(204, -1);
				}
				default -> send(exchange, 405, "<Error><Code>MethodNotAllowed</Code></Error>");
			}
		}
	}

	/**
	 * The payload of an aws-chunked body: "size;chunk-signature=…\r\ndata\r\n" until size
	 * 0.
	 */
	private static byte[] dechunk(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		InputStream in = new java.io.ByteArrayInputStream(body);
		while (true) {
			String header = line(in);
			int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(size));
			line(in);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private static void send(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/xml");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
