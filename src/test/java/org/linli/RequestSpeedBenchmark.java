package org.linli;

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
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import javax.sql.DataSource;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
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
 * two staff pages as a signed-in browser fetches them, each beside that ceiling; and
 * {@code POST /api/v1/payments} beside its database ceiling, the same statements on the
 * same pool without HTTP. Prints requests/s, p50 and p99 and each ratio; asserts only
 * that every answer was the expected one, never a time.
 */
@Import(RequestSpeedBenchmark.BareEndpoint.class)
@TestPropertySource(properties = { "linli.demo-data=true", "linli.demo-password=bench-demo-password",
		// as in production: templates parsed once
		"spring.thymeleaf.cache=true" })
class RequestSpeedBenchmark extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(RequestSpeedBenchmark.class);

	private static final int CONNECTIONS = 16;

	/**
	 * Seconds of each request before it is measured: long enough for the JIT to compile
	 * what it serves (a page still compiles after 5,000 views), as on a server that has
	 * been running.
	 */
	private static final double WARMUP = Double.parseDouble(System.getProperty("bench.warmup", "15"));

	private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "8"));

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
		String cookies = browser.cookieHeader();
		int lines = Api.JSON.readTree(this.api.get("/api/v1/me/bills", residentToken).body()).size();
		assertThat(lines).isPositive();

		Load load = new Load(this.port, CONNECTIONS);
		Map<String, String> json = Map.of("Accept", "application/json");
		Map<String, Load.Result> reads = new LinkedHashMap<>();
		reads.put("bare me/bills (JdbcTemplate, no security): the ceiling", load.run(WARMUP, SECONDS, 200,
				(c, n) -> Load.Request.get("/bench/me/bills?resident=" + resident, json)));
		measure(reads, "GET /api/v1/me/bills", () -> load.run(WARMUP, SECONDS, 200,
				(c, n) -> Load.Request.get("/api/v1/me/bills", bearer(residentToken))));
		measure(reads, "GET /api/v1/me",
				() -> load.run(WARMUP, SECONDS, 200, (c, n) -> Load.Request.get("/api/v1/me", bearer(residentToken))));
		measure(reads, "GET /api/v1/communities/{id}/rooms", () -> load.run(WARMUP, SECONDS, 200,
				(c, n) -> Load.Request.get("/api/v1/communities/" + community + "/rooms", bearer(manager))));
		Map<String, String> page = Map.of("Accept", "text/html", "Cookie", cookies);
		measure(reads, "page /admin (staff home)",
				() -> load.run(WARMUP, SECONDS, 200, (c, n) -> Load.Request.get("/admin", page)));
		measure(reads, "page /admin/communities/{id}/rooms", () -> load.run(WARMUP, SECONDS, 200,
				(c, n) -> Load.Request.get("/admin/communities/" + community + "/rooms", page)));

		Load.Result api = null;
		double direct = 0;
		if (ONLY.matcher("POST /api/v1/payments").find()) {
			List<Long> rooms = paymentRooms(community);
			api = load.run(WARMUP, SECONDS, 201, (c, n) -> payment(finance, rooms.get(roomIndex(c, n))));
			direct = directPayments(community, rooms);
		}

		StringBuilder out = new StringBuilder(String.format(
				"%n=== Request speed benchmark: %d connections, %.0f s each after %.0f s warm-up; the resident has %d lines ===%n",
				CONNECTIONS, SECONDS, WARMUP, lines));
		out.append(String.format("%-52s %10s %8s %8s %8s %s%n", "request", "req/s", "p50 ms", "p99 ms", "ratio",
				"failures"));
		double ceiling = reads.values().iterator().next().perSecond();
		reads.forEach((name, r) -> out.append(row(name, r, r.perSecond() / ceiling)));
		if (api != null) {
			out.append(row("POST /api/v1/payments", api, api.perSecond() / direct));
			out.append(String.format("%-52s %,10.0f %8s %8s %8s%n", "payments: database ceiling (same statements)",
					direct, "", "", "1.00"));
			assertThat(api.failures()).isZero();
		}
		log.info(out.toString());
		reads.values().forEach((r) -> assertThat(r.failures()).isZero());
	}

	/**
	 * Measures a request unless {@code -Dbench.only} (a pattern of names) leaves it out.
	 */
	private static void measure(Map<String, Load.Result> reads, String name, Callable<Load.Result> run)
			throws Exception {
		if (ONLY.matcher(name).find()) {
			reads.put(name, run.call());
		}
	}

	private static String row(String name, Load.Result r, double ratio) {
		return String.format("%-52s %,10.0f %8.1f %8.1f %8.2f %d%n", name, r.perSecond(), r.percentileMillis(0.5),
				r.percentileMillis(0.99), ratio, r.failures());
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
	private double directPayments(long community, List<Long> rooms) throws Exception {
		long end = System.nanoTime() + (long) ((WARMUP + SECONDS) * 1e9);
		long measureFrom = System.nanoTime() + (long) (WARMUP * 1e9);
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
