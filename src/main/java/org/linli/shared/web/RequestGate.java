package org.linli.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
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
 * <li>an upload (a multipart body, read from the network as it arrives) is not counted;
 * <li>a request's turn ends when it starts writing its answer (a page is rendered whole,
 * then written; a large export to a slow phone writes for long), and streamed downloads
 * run after it (asynchronously);
 * <li>a request that has waited {@code linli.web.queue-wait} (1 s) goes ahead anyway, so
 * that requests stuck on something slow slow the others down, never stop them
 * ({@code linli_requests_overtaken_total} counts them; {@code linli_requests_waiting} is
 * the queue).
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestGate extends OncePerRequestFilter {

	private final Semaphore turns;

	private final long waitNanos;

	private final Counter overtaken;

	RequestGate(MeterRegistry registry, @Value("${linli.web.concurrent-requests:0}") int configured,
			@Value("${linli.web.queue-wait:1s}") java.time.Duration wait) {
		this.turns = new Semaphore(turnsFor(configured, Runtime.getRuntime().availableProcessors()), true);
		this.waitNanos = wait.toNanos();
		this.overtaken = Counter.builder("linli.requests.overtaken")
			.description("Requests that waited their turn too long and went ahead anyway")
			.register(registry);
		Gauge.builder("linli.requests.waiting", this.turns, Semaphore::getQueueLength)
			.description("Requests waiting for their turn")
			.register(registry);
	}

	static int turnsFor(int configured, int cores) {
		return (configured > 0) ? configured : Math.max(8, 4 * cores);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean taken;
		try {
			taken = this.turns.tryAcquire(this.waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServletException("Interrupted while waiting for a turn", ex);
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
			if (this.ended.compareAndSet(false, true)) {
				this.turns.release();
			}
		}

	}

	/** The response, which ends the request's turn when its body is first asked for. */
	static final class Answer extends HttpServletResponseWrapper {

		private final Turn turn;

		Answer(HttpServletResponse response, Turn turn) {
			super(response);
			this.turn = turn;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.turn.end();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.turn.end();
			return super.getWriter();
		}

	}

}
