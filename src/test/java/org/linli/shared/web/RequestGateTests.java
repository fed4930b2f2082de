package org.linli.shared.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestGateTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<CountDownLatch> held = new ArrayList<>();

	@AfterEach
	void letAllGo() {
		this.held.forEach(CountDownLatch::countDown);
	}

	@Test
	void atMostTheTurnsAreWorkedOnAtOnceTheNextWhenOneStartsWritingItsAnswer() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 2, Duration.ofSeconds(30));
		AtomicInteger working = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		CountDownLatch write = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		this.held.add(write);
		this.held.add(finish);
		FilterChain slow = (request, response) -> {
			most.accumulateAndGet(working.incrementAndGet(), Math::max);
			await(write);
			working.decrementAndGet();
			response.getWriter().write("done");
			// the answer goes out to a slow client: its turn is over
			await(finish);
		};
		CompletableFuture<?> first = serve(gate, get("/admin"), slow);
		CompletableFuture<?> second = serve(gate, get("/admin"), slow);
		waitUntil(() -> working.get() == 2);
		CompletableFuture<?> third = serve(gate, get("/admin"), slow);
		waitUntil(() -> gauge() == 1);
		assertThat(working.get()).as("the third waits for a turn").isEqualTo(2);

		write.countDown();
		waitUntil(() -> gauge() == 0);
		assertThat(most.get()).isEqualTo(2);
		finish.countDown();
		CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
		assertThat(this.registry.get("linli.requests.overtaken").counter().count()).isZero();
	}

	@Test
	void aSpreadsheetKeepsItsTurnWhileItIsBuiltAndEndsItAtItsFirstByte() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofSeconds(30));
		CountDownLatch built = new CountDownLatch(1);
		CountDownLatch asked = new CountDownLatch(1);
		this.held.add(built);
		CompletableFuture<?> export = serve(gate, get("/admin/communities/1/rooms/export.xlsx"),
				(request, response) -> {
					// the stream is asked for before the workbook is built (ExcelExport)
					var out = response.getOutputStream();
					asked.countDown();
					await(built);
					out.write(new byte[] { 'P', 'K' });
				});
		await(asked);
		CompletableFuture<?> page = serve(gate, get("/admin"), (request, response) -> response.getWriter().write("p"));
		waitUntil(() -> gauge() == 1);
		assertThat(page).as("the page waits while the spreadsheet is built").isNotDone();
		built.countDown();
		CompletableFuture.allOf(export, page).get(10, TimeUnit.SECONDS);
		assertThat(this.registry.get("linli.requests.working").gauge().value()).isZero();
	}

	@Test
	void aThreadInterruptedWhileWaitingIsServedAndCounted() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofSeconds(30));
		MockHttpServletResponse answer = new MockHttpServletResponse();
		Thread.currentThread().interrupt();
		try {
			gate.doFilter(get("/admin"), answer, (request, response) -> response.getWriter().write("page"));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(answer.getContentAsString()).isEqualTo("page");
		assertThat(this.registry.get("linli.requests.overtaken").counter().count()).isEqualTo(1);
	}

	@Test
	void onlyUploadsAndTheHealthAndMetricsGoWithoutATurn() {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofSeconds(30));
		MockHttpServletRequest upload = get("/admin/communities/1/rooms/import");
		upload.setMethod("POST");
		upload.setContentType("Multipart/Form-Data; boundary=x");
		MockHttpServletRequest getWithMultipartType = get("/admin");
		getWithMultipartType.setContentType("multipart/form-data; boundary=x");
		MockHttpServletRequest form = get("/admin/password");
		form.setMethod("POST");
		form.setContentType("application/x-www-form-urlencoded");

		assertThat(gate.shouldNotFilter(upload)).isTrue();
		assertThat(gate.shouldNotFilter(get("/actuator/health/liveness"))).isTrue();
		assertThat(gate.shouldNotFilter(getWithMultipartType)).isFalse();
		assertThat(gate.shouldNotFilter(form)).isFalse();
		assertThat(gate.shouldNotFilter(get("/admin"))).isFalse();
	}

	@Test
	void uploadsAreNotCountedTheyArriveAtTheNetworksPace() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofSeconds(30));
		CountDownLatch upload = new CountDownLatch(1);
		this.held.add(upload);
		MockHttpServletRequest multipart = get("/admin/work-orders/1/photos");
		multipart.setMethod("POST");
		multipart.setContentType("multipart/form-data; boundary=x");
		CompletableFuture<?> slowUpload = serve(gate, multipart, (request, response) -> await(upload));
		// the one turn is free: a page is served while the upload is still arriving
		serve(gate, get("/admin"), (request, response) -> response.getWriter().write("page")).get(10, TimeUnit.SECONDS);
		assertThat(slowUpload).isNotDone();
		upload.countDown();
		slowUpload.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aRequestThatWaitedTooLongGoesAheadAnywayAndIsCounted() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofMillis(50));
		CountDownLatch stuck = new CountDownLatch(1);
		CountDownLatch entered = new CountDownLatch(1);
		this.held.add(stuck);
		CompletableFuture<?> holder = serve(gate, get("/admin/reports"), (request, response) -> {
			entered.countDown();
			await(stuck);
		});
		await(entered);
		MockHttpServletResponse answer = new MockHttpServletResponse();
		gate.doFilter(get("/admin"), answer, (request, response) -> response.getWriter().write("page"));
		assertThat(answer.getContentAsString()).isEqualTo("page");
		assertThat(this.registry.get("linli.requests.overtaken").counter().count()).isEqualTo(1);
		stuck.countDown();
		holder.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aTurnIsGivenBackWhenTheRequestFails() throws Exception {
		RequestGate gate = new RequestGate(this.registry, 1, Duration.ofMillis(50));
		MockHttpServletResponse failed = new MockHttpServletResponse();
		assertThatThrownBy(() -> gate.doFilter(get("/admin"), failed, (request, response) -> {
			throw new IllegalStateException("boom");
		})).hasMessage("boom");
		MockHttpServletResponse answer = new MockHttpServletResponse();
		gate.doFilter(get("/admin"), answer, (request, response) -> response.getWriter().write("page"));
		assertThat(this.registry.get("linli.requests.overtaken").counter().count()).isZero();
	}

	@Test
	void byDefaultFourTurnsPerCoreAndAtLeastEight() {
		assertThat(RequestGate.turnsFor(0, 1)).isEqualTo(8);
		assertThat(RequestGate.turnsFor(0, 2)).isEqualTo(8);
		assertThat(RequestGate.turnsFor(0, 16)).isEqualTo(64);
		assertThat(RequestGate.turnsFor(12, 2)).isEqualTo(12);
	}

	private double gauge() {
		return this.registry.get("linli.requests.waiting").gauge().value();
	}

	private static MockHttpServletRequest get(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setRequestURI(path);
		return request;
	}

	private static CompletableFuture<?> serve(RequestGate gate, MockHttpServletRequest request, FilterChain chain) {
		return CompletableFuture.runAsync(() -> {
			try {
				gate.doFilter(request, new MockHttpServletResponse(), chain);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, (task) -> new Thread(task).start());
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
			Thread.sleep(5);
		}
	}

}
