package org.linli.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * A lean load generator for benchmarks, in the manner of wrk: a fixed number of
 * connections, each a thread sending its next request as soon as the answer to the last
 * is read, on one kept-alive HTTP/1.1 socket; measured for a fixed time after a warm-up.
 * The client is as cheap as it can be (no HTTP library), since it shares the machine with
 * the server it measures.
 */
public final class Load {

	private final int port;

	private final int connections;

	public Load(int port, int connections) {
		this.port = port;
		this.connections = connections;
	}

	/** A request to send: its method, path, headers and body (null for none). */
	public record Request(String method, String path, Map<String, String> headers, String body) {

		public static Request get(String path, Map<String, String> headers) {
			return new Request("GET", path, headers, null);
		}

		byte[] bytes(int port) {
			StringBuilder text = new StringBuilder(256);
			text.append(this.method).append(' ').append(this.path).append(" HTTP/1.1\r\nHost: localhost:").append(port);
			text.append("\r\nConnection: keep-alive\r\n");
			this.headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
			byte[] body = (this.body != null) ? this.body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (this.body != null) {
				text.append("Content-Length: ").append(body.length).append("\r\n");
			}
			text.append("\r\n");
			byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
			byte[] all = Arrays.copyOf(head, head.length + body.length);
			System.arraycopy(body, 0, all, head.length, body.length);
			return all;
		}

	}

	/** What a run measured: requests per second and latency percentiles. */
	public record Result(long requests, double seconds, long[] latenciesNanos, int failures) {

		public double perSecond() {
			return this.requests / this.seconds;
		}

		public double percentileMillis(double p) {
			if (this.latenciesNanos.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(p * this.latenciesNanos.length) - 1;
			return this.latenciesNanos[Math.max(0, Math.min(index, this.latenciesNanos.length - 1))] / 1e6;
		}

	}

	/**
	 * Sends requests on every connection for the warm-up, then measures for the given
	 * time. {@code next} makes each connection's n-th request (connections are numbered
	 * from 0, requests on each connection from 0); an answer with a status other than
	 * {@code expected} counts as a failure.
	 */
	public Result run(double warmupSeconds, double seconds, int expected, RequestSource next) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(this.connections);
		try {
			long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
			long end = warmupEnd + (long) (seconds * 1e9);
			AtomicInteger failures = new AtomicInteger();
			List<Future<long[]>> clients = new ArrayList<>();
			for (int c = 0; c < this.connections; c++) {
				int connection = c;
				clients.add(pool.submit(() -> connection(connection, warmupEnd, end, expected, next, failures)));
			}
			List<long[]> all = new ArrayList<>();
			for (Future<long[]> client : clients) {
				all.add(client.get());
			}
			long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
			return new Result(latencies.length, seconds, latencies, failures.get());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The requests of one connection. */
	public interface RequestSource {

		Request request(int connection, int n);

	}

	private long[] connection(int connection, long warmupEnd, long end, int expected, RequestSource next,
			AtomicInteger failures) throws IOException {
		long[] latencies = new long[4096];
		int count = 0;
		Socket socket = null;
		try {
			OutputStream out = null;
			InputStream in = null;
			for (int n = 0;; n++) {
				long started = System.nanoTime();
				if (started >= end) {
					break;
				}
				if (socket == null) {
					// the server ends a kept-alive connection after so many requests, as
					// Tomcat does after 100: open the next, as any client would
					socket = new Socket("localhost", this.port);
					socket.setTcpNoDelay(true);
					socket.setSoTimeout(30_000);
					out = socket.getOutputStream();
					in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
				}
				out.write(next.request(connection, n).bytes(this.port));
				out.flush();
				int answer = readResponse(in);
				int status = Math.abs(answer);
				if (answer < 0) {
					socket.close();
					socket = null;
				}
				long finished = System.nanoTime();
				if (started >= warmupEnd && finished <= end) {
					if (status != expected) {
						failures.incrementAndGet();
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = finished - started;
				}
			}
		}
		finally {
			if (socket != null) {
				socket.close();
			}
		}
		return Arrays.copyOf(latencies, count);
	}

	/**
	 * Reads one response (headers and body, sized or chunked); answers its status,
	 * negative when the server closes the connection after it.
	 */
	static int readResponse(InputStream in) throws IOException {
		String statusLine = line(in);
		if (statusLine == null || statusLine.length() < 12) {
			throw new IOException("Connection closed by the server");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				close = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long
				.parseLong(line(in).split(";")[0].trim(), 16)) {
				skip(in, size);
				line(in);
			}
			line(in);
		}
		else if (length > 0) {
			skip(in, length);
		}
		return close ? -status : status;
	}

	private static void skip(InputStream in, long bytes) throws IOException {
		long left = bytes;
		while (left > 0) {
			long skipped = in.skip(left);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new IOException("Connection closed in a body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				int size = bytes.size();
				byte[] raw = bytes.toByteArray();
				return new String(raw, 0, (size > 0 && raw[size - 1] == '\r') ? size - 1 : size,
						StandardCharsets.ISO_8859_1);
			}
			bytes.write(b);
		}
		return (bytes.size() == 0) ? null : bytes.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The median of values of benchmark rounds (the mean of the middle two for an even
	 * count).
	 */
	public static <T> double median(List<T> values, ToDoubleFunction<T> value) {
		double[] sorted = values.stream().mapToDouble(value).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
