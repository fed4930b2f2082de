package org.linli.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How many requests are worked on at once: {@code linli.web.concurrent-requests} (by
 * default four per core, at least eight), the others wait their turn in arrival order. On
 * a small machine the request threads (Tomcat keeps up to 200) otherwise all run at once
 * and take turns on the cores, and every request pays for the switching: on two cores
 * with the embedded database and 16 clients, eight at a time halved the p99 of the staff
 * pages and cut their CPU per request by a third. Fewer request threads would do the
 * same, but a thread also waits on the network, and eight slow uploads would stall every
 * page; here only the work is counted:
 * <ul>
 * <li>an upload (a multipart body, read from the network as it arrives) is not counted,
 * nor is the work done with it (an import); JSON and form bodies, small and capped, are
 * read in the request's turn;
 * <li>a request's turn ends when it starts writing its answer (a page is rendered whole,
 * then written; a spreadsheet is built, then written, for long to a slow phone), and
 * streamed downloads run after it (asynchronously);
 * <li>health and metrics ({@code /actuator/}) are never held up;
 * <li>a request that has waited {@code linli.web.queue-wait} (1 s) goes ahead anyway, so
 * that requests stuck on something slow slow the others down, never stop them
 * ({@code linli_requests_overtaken_total} counts them; {@code linli_requests_waiting} is
 * the queue, {@code linli_requests_working} the turns taken). Under more load than the
 * turns keep up with, the queue grows to that wait and requests then run as they did
 * without turns, each that much later.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestGate extends OncePerRequestFilter {

	private final Semaphore turns;

	private final long waitNanos;

	private final Counter overtaken;

	RequestGate(MeterRegistry registry, @Value("${linli.web.concurrent-requests:0}") int configured,
			@Value("${linli.web.queue-wait:1s}") Duration wait) {
		this.turns = new Semaphore(turnsFor(configured, Runtime.getRuntime().availableProcessors()), true);
		this.waitNanos = wait.toNanos();
		this.overtaken = Counter.builder("linli.requests.overtaken")
			.description("Requests that waited their turn too long and went ahead anyway")
			.register(registry);
		Gauge.builder("linli.requests.waiting", this.turns, Semaphore::getQueueLength)
			.description("Requests waiting for their turn")
			.register(registry);
		int all = this.turns.availablePermits();
		Gauge.builder("linli.requests.working", this.turns, (t) -> all - t.availablePermits())
			.description("Requests being worked on in their turn (of " + all + ")")
			.register(registry);
	}

	static int turnsFor(int configured, int cores) {
		return (configured > 0) ? configured : Math.max(8, 4 * cores);
	}

	/**
	 * Uploads (their bodies arrive at the network's pace) and the health and metrics
	 * endpoints (a load balancer's probe must be answered when every turn is taken).
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/actuator/")) {
			return true;
		}
		String type = request.getContentType();
		String method = request.getMethod();
		return type != null && type.regionMatches(true, 0, "multipart/", 0, 10)
				&& ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean taken;
		try {
			taken = this.turns.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			// served as it was before there were turns; the thread stays interrupted
			Thread.currentThread().interrupt();
			taken = false;
		}
		if (!taken) {
			this.overtaken.increment();
			chain.doFilter(request, response);
			return;
		}
		Turn turn = new Turn(this.turns);
		try {
			chain.doFilter(request, new Answer(response, turn));
		}
		finally {
			turn.end();
		}
	}

	/** A request's turn, ended once: when it starts writing, or when it is done. */
	static final class Turn {

		private final Semaphore turns;

		private final AtomicBoolean ended = new AtomicBoolean();

		Turn(Semaphore turns) {
			this.turns = turns;
		}

		void end() {
			if (!this.ended.get() && this.ended.compareAndSet(false, true)) {
				this.turns.release();
			}
		}

	}

	/**
	 * The response, which ends the request's turn when it starts writing: its writer when
	 * asked for (a page is rendered whole, then written), its stream at the first byte (a
	 * spreadsheet is built, then written).
	 */
	static final class Answer extends HttpServletResponseWrapper {

		private final Turn turn;

		private ServletOutputStream stream;

		Answer(HttpServletResponse response, Turn turn) {
			super(response);
			this.turn = turn;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Written(super.getOutputStream(), this.turn);
			}
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.turn.end();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			this.turn.end();
			super.flushBuffer();
		}

	}

	/** The response's stream, which ends the turn before its first byte. */
	static final class Written extends ServletOutputStream {

		private final ServletOutputStream out;

		private final Turn turn;

		Written(ServletOutputStream out, Turn turn) {
			this.out = out;
			this.turn = turn;
		}

		@Override
		public void write(int b) throws IOException {
			this.turn.end();
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.turn.end();
			this.out.write(b, off, len);
		}

		@Override
		public void write(ByteBuffer buffer) throws IOException {
			this.turn.end();
			this.out.write(buffer);
		}

		@Override
		public void flush() throws IOException {
			this.turn.end();
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.turn.end();
			this.out.close();
		}

		@Override
		public boolean isReady() {
			return this.out.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.out.setWriteListener(listener);
		}

	}

}
