package org.linli.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment speed (run with {@code ./mvnw -Pbench test}): payments per second through the
 * HTTP API at 16 concurrent clients, beside the database's own ceiling for the same
 * transaction — the same statements on the same connection pool, without HTTP, security,
 * JSON or the service layer — measured in the same run. Prints both and their ratio; no
 * assertion on time.
 */
class PaymentBenchmark extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(PaymentBenchmark.class);

	private static final int CLIENTS = 16;

	private static final int PER_CLIENT = 150;

	private static final int ROOMS = 320;

	@Autowired
	DataSource dataSource;

	@Test
	void paymentsPerSecondThroughTheApiAndTheDatabaseCeiling() throws Exception {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		long item = this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, effective_from, created_at)
					VALUES (?, '基准', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', DATE '2020-01-01', now()) RETURNING id""")
			.param(community)
			.query(Long.class)
			.single();
		this.jdbc
			.sql("""
					INSERT INTO room (community_id, building_id, floor, number, building_area, type, status, created_at, updated_at)
					SELECT ?, ?, 1, 'B' || g, 80, 'RESIDENTIAL', 'VACANT', now(), now() FROM generate_series(1, ?) g""")
			.params(community, building, ROOMS)
			.update();
		List<Long> rooms = this.jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY id")
			.param(building)
			.query(Long.class)
			.list();
		this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, amount, due_date, created_at)
					SELECT ?, r.id, ?, DATE '2026-01-01', 1, 1, 1000000, DATE '2026-01-15', now() FROM room r WHERE r.building_id = ?""")
			.params(community, item, building)
			.update();

		// warm up both paths
		run(rooms, 2, (room) -> api(finance, room));
		run(rooms, 2, (room) -> direct(community, room));

		AtomicInteger failures = new AtomicInteger();
		double api = run(rooms, PER_CLIENT, (room) -> {
			if (!api(finance, room)) {
				failures.incrementAndGet();
			}
		});
		double direct = run(rooms, PER_CLIENT, (room) -> direct(community, room));
		assertThat(failures.get()).isZero();
		long payments = this.jdbc.sql("SELECT count(*) FROM payment WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single();
		assertThat(payments).isEqualTo(2L * CLIENTS * (PER_CLIENT + 2));
		log.info(String.format("%n=== Payment benchmark: %d concurrent clients x %d payments ===%n"
				+ "HTTP API (POST /api/v1/payments): %,.0f payments/s%n"
				+ "database ceiling (same statements, no HTTP): %,.0f payments/s%n" + "ratio (API / database): %.2f",
				CLIENTS, PER_CLIENT, api, direct, api / direct));
	}

	interface Payment {

		void pay(long room) throws Exception;

	}

	/**
	 * Runs {@code perClient} payments on each of 16 clients, each on its own rooms;
	 * answers payments per second.
	 */
	private static double run(List<Long> rooms, int perClient, Payment payment) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> clients = new ArrayList<>();
		long started = System.nanoTime();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			clients.add(pool.submit(() -> {
				for (int i = 0; i < perClient; i++) {
					payment.pay(rooms.get((client + i * CLIENTS) % rooms.size()));
				}
				return null;
			}));
		}
		for (Future<?> f : clients) {
			f.get();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		pool.shutdown();
		return CLIENTS * perClient / seconds;
	}

	private boolean api(String token, long room) {
		Api.Response response = this.api.post("/api/v1/payments", token,
				Map.of("roomId", room, "amount", "1.00", "method", "CASH"), "Idempotency-Key",
				UUID.randomUUID().toString());
		return response.status() == 201;
	}

	/**
	 * The payment transaction's statements, as the service runs them, on a pooled
	 * connection.
	 */
	private void direct(long community, long room) throws Exception {
		String key = UUID.randomUUID().toString();
		try (Connection c = this.dataSource.getConnection()) {
			c.setAutoCommit(false);
			exec(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", "bench\n" + key);
			exec(c, "SELECT id FROM payment WHERE actor = ? AND idempotency_key = ?", "bench", key);
			exec(c, "INSERT INTO prepaid_account (room_id, community_id, created_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING",
					room, community);
			exec(c, "SELECT room_id FROM prepaid_account WHERE room_id = ? FOR UPDATE", room);
			exec(c, "SELECT id FROM bill WHERE room_id = ? ORDER BY id FOR UPDATE", room);
			long bill = 0;
			try (PreparedStatement s = c.prepareStatement(
					"""
							SELECT b.id, b.amount - coalesce((SELECT sum(p.amount) FROM payment_allocation p WHERE p.bill_id = b.id), 0)
							FROM bill b WHERE b.room_id = ? ORDER BY b.period, b.due_date, b.id""")) {
				s.setLong(1, room);
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					bill = rs.getLong(1);
				}
			}
			// the service's order: allocations first, the payment row with its receipt
			// number last
			long payment;
			try (PreparedStatement s = c.prepareStatement("SELECT nextval('payment_id_seq')");
					ResultSet rs = s.executeQuery()) {
				rs.next();
				payment = rs.getLong(1);
			}
			exec(c, "INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (?, ?, 1.00)", payment, bill);
			int number;
			try (PreparedStatement s = c.prepareStatement("""
					INSERT INTO receipt_sequence (community_id, year, last_number) VALUES (?, 2026, 1)
					ON CONFLICT (community_id, year) DO UPDATE SET last_number = receipt_sequence.last_number + 1
					RETURNING last_number""")) {
				s.setLong(1, community);
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					number = rs.getInt(1);
				}
			}
			exec(c, """
					INSERT INTO payment (id, community_id, room_id, amount, method, channel, to_prepaid, receipt_number, actor,
					                     idempotency_key, request_hash, created_at)
					VALUES (?, ?, ?, 1.00, 'CASH', 'COUNTER', 0, ?, 'bench', ?, 'x', now())""",
					payment, community, room, "2026-" + String.format("%06d", number), key);
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

}
