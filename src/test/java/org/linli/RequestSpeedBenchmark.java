package org.linli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.Load;
import org.linli.support.WebSession;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.billing.bills.BillsSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed of every kind of request (run with {@code ./mvnw -Pbench test}), on the demo
 * estate, with one lean client at 16 connections: a bare endpoint of the benchmark's own
 * that runs the same SQL as {@code GET /api/v1/me/bills} through JdbcTemplate, with no
 * security and no service (the ceiling), then the real resident and staff API reads and
 * two staff pages as a signed-in browser fetches them (and, for reference, a page of the
 * layout and a form), each beside that ceiling; and {@code POST /api/v1/payments} beside
 * its database ceiling, the same statements on the same pool without HTTP. Every request
 * is measured in several rounds, each time beside the ceiling measured just before it;
 * prints the rounds' medians of requests/s, p50 and p99, of the ratios and of the
 * application's CPU time per request ({@link ServerCpu}), and each round's ratio; asserts
 * only that every answer was the expected one, never a time.
 * {@code -Dbench.only=<pattern>} measures only the requests whose names it finds;
 * {@code -Dbench.rounds}, {@code -Dbench.seconds}, {@code -Dbench.warmup} and
 * {@code -Dbench.rewarm} set the rounds and their times.
 */
@Import(RequestSpeedBenchmark.BareEndpoint.class)
@TestPropertySource(properties = { "linli.demo-data=true", "linli.demo-password=bench-demo-password",
		// as in production: templates parsed once
		"spring.thymeleaf.cache=true" })
class RequestSpeedBenchmark extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(RequestSpeedBenchmark.class);

	private static final int CONNECTIONS = 16;

	/**
	 * Seconds of each request in the warm-up, before any is measured: long enough for the
	 * JIT to compile what they serve, as on a server that has been running (with 20 s
	 * each, the ceiling and the pages still rose by a third over the next two minutes).
	 */
	private static final double WARMUP = Double.parseDouble(System.getProperty("bench.warmup", "40"));

	/** Seconds of warm-up before each measurement: the code is compiled by then. */
	private static final double REWARM = Double.parseDouble(System.getProperty("bench.rewarm", "2"));

	private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "6"));

	/**
	 * Rounds of every request: the machine is shared, and one run of a request differs
	 * from the next by up to a quarter; the median of the rounds is printed.
	 */
	private static final int ROUNDS = Integer.parseInt(System.getProperty("bench.rounds", "3"));

	private static final String CEILING = "bare me/bills (JdbcTemplate, no security): the ceiling";

	private static final String PAYMENTS = "POST /api/v1/payments";

	private static final String PAYMENTS_CEILING = "payments: database ceiling (same statements)";

	private static final int PAYMENT_ROOMS = 320;

	/** Which requests to measure besides the ceiling (all by default). */
	private static final Pattern ONLY = Pattern.compile(System.getProperty("bench.only", ""));

	@Autowired
	DataSource dataSource;

	@Autowired
	PersonalDataCipher cipher;

	@Test
	void everyKindOfRequestBesideItsCeiling() throws Exception {
		long community = this.jdbc.sql("SELECT id FROM community WHERE name = '阳光花园'").query(Long.class).single();
		// the demo owner with the most lines: the heaviest ordinary portal read
		long resident = this.jdbc.sql("""
				SELECT o.resident_id FROM occupancy o JOIN bill b ON b.room_id = o.room_id
				WHERE o.community_id = ? AND o.role = 'OWNER' AND o.until IS NULL
				GROUP BY o.resident_id ORDER BY count(*) DESC, o.resident_id LIMIT 1""")
			.param(community)
			.query(Long.class)
			.single();
		String residentToken = portalToken(resident);
		String manager = this.api.token("wang.jianguo", "bench-demo-password");
		String finance = this.api.token("li.na", "bench-demo-password");
		WebSession browser = WebSession.signIn(this.api.base(), "wang.jianguo", "bench-demo-password");
		// a first page after signing in, as a browser's: it sets the CSRF cookie that the
		// browser then sends with every page (signing in clears the old one; without it
		// every view would make a new token and set it again)
		assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
		String cookies = browser.cookieHeader();
		assertThat(cookies).contains("XSRF-TOKEN=");
		int lines = Api.JSON.readTree(this.api.get("/api/v1/me/bills", residentToken).body()).size();
		assertThat(lines).isPositive();

		Load load = new Load(this.port, CONNECTIONS);
		Map<String, String> json = Map.of("Accept", "application/json");
		Map<String, String> page = Map.of("Accept", "text/html", "Cookie", cookies);
		Map<String, Load.RequestSource> reads = new LinkedHashMap<>();
		reads.put(CEILING, (c, n) -> Load.Request.get("/bench/me/bills?resident=" + resident, json));
		reads.put("GET /api/v1/me/bills", (c, n) -> Load.Request.get("/api/v1/me/bills", bearer(residentToken)));
		reads.put("GET /api/v1/me", (c, n) -> Load.Request.get("/api/v1/me", bearer(residentToken)));
		reads.put("GET /api/v1/communities/{id}/rooms",
				(c, n) -> Load.Request.get("/api/v1/communities/" + community + "/rooms", bearer(manager)));
		reads.put("page /admin (staff home)", (c, n) -> Load.Request.get("/admin", page));
		reads.put("page /admin/communities/{id}/rooms",
				(c, n) -> Load.Request.get("/admin/communities/" + community + "/rooms", page));
		// for reference: what a page costs without a list or figures of its own
		reads.put("page /admin/password (the layout and a form)", (c, n) -> Load.Request.get("/admin/password", page));
		reads.keySet().removeIf((name) -> !name.equals(CEILING) && !ONLY.matcher(name).find());
		boolean payments = ONLY.matcher(PAYMENTS).find();
		List<Long> rooms = payments ? paymentRooms(community) : List.of();

		// First every request for the warm-up, so that the code it runs is compiled; then
		// rounds of every request, each beside the ceiling measured just before it, so
		// that a drift of the shared machine between requests moves both; the medians of
		// the rounds are printed.
		for (Load.RequestSource read : reads.values()) {
			assertThat(load.run(WARMUP, 1, 200, read).failures()).isZero();
		}
		Map<String, List<Load.Result>> results = new LinkedHashMap<>();
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, Load.RequestSource> read : reads.entrySet()) {
				ServerCpu.reset();
				Load.Result ceiling = load.run(REWARM, SECONDS, 200, reads.get(CEILING));
				if (read.getKey().equals(CEILING)) {
					cpu.computeIfAbsent(CEILING, (k) -> new ArrayList<>()).add(ServerCpu.micros());
				}
				ServerCpu.reset();
				Load.Result result = read.getKey().equals(CEILING) ? ceiling
						: load.run(REWARM, SECONDS, 200, read.getValue());
				if (!read.getKey().equals(CEILING)) {
					cpu.computeIfAbsent(read.getKey(), (k) -> new ArrayList<>()).add(ServerCpu.micros());
				}
				log.info("Round {}: {} {} req/s beside the ceiling's {}", round + 1, read.getKey(),
						Math.round(result.perSecond()), Math.round(ceiling.perSecond()));
				results.computeIfAbsent(read.getKey(), (k) -> new ArrayList<>()).add(result);
				ratios.computeIfAbsent(read.getKey(), (k) -> new ArrayList<>())
					.add(result.perSecond() / ceiling.perSecond());
			}
		}
		// The payments last, so that the reads are measured on the demo estate's data,
		// not after the tens of thousands of payments these write into its community.
		if (payments) {
			assertThat(load.run(WARMUP, 1, 201, (c, n) -> payment(finance, rooms.get(roomIndex(c, n)))).failures())
				.isZero();
			directPayments(community, rooms, WARMUP);
			for (int round = 0; round < ROUNDS; round++) {
				ServerCpu.reset();
				Load.Result api = load.run(REWARM, SECONDS, 201,
						(c, n) -> payment(finance, rooms.get(roomIndex(c, n))));
				cpu.computeIfAbsent(PAYMENTS, (k) -> new ArrayList<>()).add(ServerCpu.micros());
				double direct = directPayments(community, rooms, REWARM);
				results.computeIfAbsent(PAYMENTS, (k) -> new ArrayList<>()).add(api);
				ratios.computeIfAbsent(PAYMENTS, (k) -> new ArrayList<>()).add(api.perSecond() / direct);
				results.computeIfAbsent(PAYMENTS_CEILING, (k) -> new ArrayList<>())
					.add(new Load.Result((long) (direct * SECONDS), SECONDS, new long[0], 0));
				ratios.computeIfAbsent(PAYMENTS_CEILING, (k) -> new ArrayList<>()).add(1.0);
			}
		}

		StringBuilder out = new StringBuilder(String.format(
				"%n=== Request speed benchmark: %d connections; each request warmed up for %.0f s, then measured %.0f s "
						+ "after %.0f s in each of %d rounds (the medians); the resident has %d lines ===%n",
				CONNECTIONS, WARMUP, SECONDS, REWARM, ROUNDS, lines));
		out.append(String.format("%-52s %10s %8s %8s %8s %8s %8s  %s%n", "request", "req/s", "p50 ms", "p99 ms",
				"ratio", "failures", "CPU µs", "ratio in each round"));
		results.forEach((name, rs) -> out.append(row(name, rs, ratios.get(name), cpu.get(name))));
		out.append("(CPU µs: the request threads' CPU time per request from the first filter to the last, "
				+ "the rounds' median; not the database's)\n");
		log.info(out.toString());
		results.values().forEach((rs) -> rs.forEach((r) -> assertThat(r.failures()).isZero()));
	}

	private static String row(String name, List<Load.Result> rs, List<Double> ratios, List<Double> cpu) {
		boolean latencies = rs.get(0).latenciesNanos().length > 0;
		StringBuilder each = new StringBuilder();
		ratios.forEach((r) -> each.append(String.format(" %.2f", r)));
		return String.format("%-52s %,10.0f %8s %8s %8.2f %8d %8s %s%n", name, Load.median(rs, Load.Result::perSecond),
				latencies ? String.format("%.1f", Load.median(rs, (r) -> r.percentileMillis(0.5))) : "",
				latencies ? String.format("%.1f", Load.median(rs, (r) -> r.percentileMillis(0.99))) : "",
				Load.median(ratios, (r) -> r), rs.stream().mapToInt(Load.Result::failures).sum(),
				(cpu != null) ? String.format("%,.0f", Load.median(cpu, (c) -> c)) : "", each);
	}

	private static Map<String, String> bearer(String token) {
		return Map.of("Accept", "application/json", "Authorization", "Bearer " + token);
	}

	private static int roomIndex(int connection, int n) {
		return (connection + n * CONNECTIONS) % PAYMENT_ROOMS;
	}

	private String portalToken(long resident) {
		String phone = this.cipher.decrypt(this.jdbc.sql("SELECT phone_cipher FROM resident WHERE id = ?")
			.param(resident)
			.query(String.class)
			.single());
		String code = invite(resident);
		assertThat(this.api
			.post("/api/v1/portal/activate", null, Map.of("phone", phone, "code", code, "password", "resident-pass-1"))
			.status()).isEqualTo(200);
		return this.api.token(phone, "resident-pass-1");
	}

	/**
	 * A building of its own for the payments: 320 rooms, each with one large open line,
	 * so that every payment of 1.00 settles part of it.
	 */
	private List<Long> paymentRooms(long community) {
		long building = createBuilding(community, unique("基准楼"));
		long item = this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, effective_from, created_at)
					VALUES (?, '基准', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', DATE '2020-01-01', now()) RETURNING id""")
			.param(community)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				INSERT INTO room (community_id, building_id, floor, number, building_area, type, status, handover_date,
				                  created_at, updated_at)
				SELECT ?, ?, 1, 'B' || g, 80, 'RESIDENTIAL', 'VACANT', DATE '2020-01-01', now(), now()
				FROM generate_series(1, ?) g""").params(community, building, PAYMENT_ROOMS).update();
		this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, amount, due_date, issued_on,
					                  created_at)
					SELECT ?, r.id, ?, DATE '2026-01-01', 1, 1, 1000000, DATE '2026-01-15', DATE '2026-01-01', now()
					FROM room r WHERE r.building_id = ?""")
			.params(community, item, building)
			.update();
		return this.jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY id")
			.param(building)
			.query(Long.class)
			.list();
	}

	private Load.Request payment(String token, long room) {
		return new Load.Request("POST", "/api/v1/payments",
				Map.of("Accept", "application/json", "Authorization", "Bearer " + token, "Content-Type",
						"application/json", "Idempotency-Key", UUID.randomUUID().toString()),
				"{\"roomId\":" + room + ",\"amount\":\"1.00\",\"method\":\"CASH\"}");
	}

	/**
	 * The payment transaction's statements, as the service runs them for a payment at the
	 * counter, on pooled connections from 16 threads: payments per second.
	 */
	private double directPayments(long community, List<Long> rooms, double warmup) throws Exception {
		long end = System.nanoTime() + (long) ((warmup + SECONDS) * 1e9);
		long measureFrom = System.nanoTime() + (long) (warmup * 1e9);
		List<Thread> threads = new ArrayList<>();
		long[] counts = new long[CONNECTIONS];
		for (int c = 0; c < CONNECTIONS; c++) {
			int connection = c;
			Thread thread = new Thread(() -> {
				try {
					for (int n = 0; System.nanoTime() < end; n++) {
						directPayment(community, rooms.get(roomIndex(connection, n)));
						if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
							counts[connection]++;
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		return total / SECONDS;
	}

	/**
	 * The statements {@code POST /api/v1/payments} runs for a payment at the counter, in
	 * its order, in one transaction (as logged from the service): the room, the request's
	 * idempotency lock and replay check, the owners' names (for the receipt), the prepaid
	 * account and the room's lines locked and read with their late fees, the allocation,
	 * the audit entry, the receipt number and the payment row.
	 */
	private void directPayment(long community, long room) throws Exception {
		String key = UUID.randomUUID().toString();
		LocalDate today = LocalDate.now(this.clock);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		try (Connection c = this.dataSource.getConnection()) {
			c.setAutoCommit(false);
			exec(c, """
					SELECT r.id, r.community_id, c.name AS community, r.building_id, b.name AS building, u.name AS unit, r.floor,
					       r.number, r.building_area, r.usable_area, r.type, r.status, r.handover_date
					FROM room r JOIN building b ON b.id = r.building_id JOIN community c ON c.id = r.community_id
					LEFT JOIN building_unit u ON u.id = r.unit_id WHERE r.id = ?""",
					room);
			exec(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", "bench\n" + key);
			exec(c, "SELECT id, request_hash FROM payment WHERE actor = ? AND idempotency_key = ?", "bench", key);
			exec(c, """
					SELECT r.name FROM occupancy o JOIN resident r ON r.id = o.resident_id
					WHERE o.room_id = ? AND o.role = 'OWNER' AND o.since <= ? AND (o.until IS NULL OR o.until > ?)
					ORDER BY o.since, o.resident_id""", room, Date.valueOf(today), Date.valueOf(today));
			exec(c, "INSERT INTO prepaid_account (room_id, community_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
					room, community, now);
			exec(c, "SELECT room_id FROM prepaid_account WHERE room_id = ? FOR UPDATE", room);
			exec(c, "SELECT id FROM bill WHERE room_id = ? ORDER BY id FOR UPDATE", room);
			long bill;
			try (PreparedStatement s = c.prepareStatement(BillsSql.SELECT.replace(":asOf", "?")
					+ " WHERE b.room_id = ? ORDER BY b.period, b.due_date, b.id")) {
				s.setDate(1, Date.valueOf(today));
				s.setLong(2, room);
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					bill = rs.getLong(1);
				}
			}
			long payment;
			try (PreparedStatement s = c.prepareStatement("SELECT nextval('payment_id_seq')");
					ResultSet rs = s.executeQuery()) {
				rs.next();
				payment = rs.getLong(1);
			}
			exec(c, "INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (?, ?, 1.00)", payment, bill);
			exec(c, """
					INSERT INTO audit_entry (at, actor_id, actor_name, ip, action, target_type, target_id, community_id, details)
					VALUES (?, NULL, 'bench', '127.0.0.1', 'PAYMENT_TAKEN', 'payment', ?, ?, ?)""",
					now, String.valueOf(payment), community,
					"{\"roomId\":" + room + ",\"amount\":\"1.00\",\"method\":\"CASH\",\"allocations\":[\"" + bill
							+ ":1.00\"],\"toPrepaid\":\"0.00\"}");
			int number;
			try (PreparedStatement s = c.prepareStatement("""
					INSERT INTO receipt_sequence (community_id, year, last_number) VALUES (?, ?, 1)
					ON CONFLICT (community_id, year) DO UPDATE SET last_number = receipt_sequence.last_number + 1
					RETURNING last_number""")) {
				s.setLong(1, community);
				s.setInt(2, 2099);
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					number = rs.getInt(1);
				}
			}
			exec(c, """
					INSERT INTO payment (id, community_id, room_id, amount, method, channel, reference, to_prepaid, payer_name,
					                     cashier_name, receipt_number, order_id, actor, idempotency_key, request_hash, created_by,
					                     value_date, created_at)
					VALUES (?, ?, ?, 1.00, 'CASH', 'COUNTER', NULL, 0, '', 'bench', ?, NULL, 'bench', ?, 'x', NULL, ?, ?)""",
					payment, community, room, "2099-" + String.format("%07d", number), key, Date.valueOf(today), now);
			c.commit();
		}
	}

	private static void exec(Connection c, String sql, Object... params) throws Exception {
		try (PreparedStatement s = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				s.setObject(i + 1, params[i]);
			}
			s.execute();
		}
	}

	/**
	 * The ceiling: {@code GET /bench/me/bills?resident=ID} runs the three statements of a
	 * resident's bill lookup through JdbcTemplate and answers the rows as JSON, behind a
	 * filter chain that lets everything through.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class BareEndpoint {

		@Bean
		@Order(0)
		SecurityFilterChain bareChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/bench/**")
				.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable())
				.requestCache((cache) -> cache.disable())
				.anonymous((anonymous) -> anonymous.disable());
			return http.build();
		}

		@Bean
		BareBills bareBills(NamedParameterJdbcTemplate jdbc, java.time.Clock clock) {
			return new BareBills(jdbc, clock);
		}

		@Bean
		FilterRegistrationBean<ServerCpu> serverCpu() {
			FilterRegistrationBean<ServerCpu> registration = new FilterRegistrationBean<>(new ServerCpu());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * The CPU time of the request threads from the first filter to the last (security,
	 * the handler, the client side of its SQL, rendering; not Tomcat's parsing nor the
	 * database's work): per request, it moves far less than requests per second when
	 * other work shares the machine, so that a change of a few percent shows.
	 */
	static final class ServerCpu implements Filter {

		private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		static final LongAdder NANOS = new LongAdder();

		static final LongAdder REQUESTS = new LongAdder();

		static void reset() {
			NANOS.reset();
			REQUESTS.reset();
		}

		/** Microseconds per request since the last reset. */
		static double micros() {
			long requests = REQUESTS.sum();
			return (requests > 0) ? NANOS.sum() / 1e3 / requests : 0;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			long started = THREADS.getCurrentThreadCpuTime();
			try {
				chain.doFilter(request, response);
			}
			finally {
				NANOS.add(THREADS.getCurrentThreadCpuTime() - started);
				REQUESTS.increment();
			}
		}

	}

	@RestController
	static class BareBills {

		private final NamedParameterJdbcTemplate jdbc;

		private final java.time.Clock clock;

		BareBills(NamedParameterJdbcTemplate jdbc, java.time.Clock clock) {
			this.jdbc = jdbc;
			this.clock = clock;
		}

		@GetMapping("/bench/me/bills")
		List<Map<String, Object>> bills(@RequestParam long resident) {
			Date today = Date.valueOf(LocalDate.now(this.clock));
			Map<String, Object> params = Map.of("resident", resident, "day", today);
			this.jdbc.queryForList(
					"""
							SELECT room_id, min(since) FROM occupancy
							WHERE resident_id = :resident AND since <= :day AND (until IS NULL OR until > :day) GROUP BY room_id""",
					params);
			List<Long> rooms = this.jdbc.queryForList(
					"SELECT DISTINCT room_id FROM occupancy WHERE resident_id = :resident ORDER BY room_id", params,
					Long.class);
			return this.jdbc.queryForList(
					BillsSql.SELECT + " WHERE b.room_id IN (:rooms) ORDER BY b.period, b.due_date, b.id",
					Map.of("rooms", rooms, "asOf", today));
		}

	}

}
