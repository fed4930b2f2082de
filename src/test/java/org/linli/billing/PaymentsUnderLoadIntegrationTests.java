package org.linli.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent payments than the pool has connections, released at once: every one is
 * taken (none waits on a connection another payment holds until the pool gives up).
 */
class PaymentsUnderLoadIntegrationTests extends IntegrationTest {

	@Test
	void moreConcurrentPaymentsThanConnectionsAreAllTaken() throws Exception {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		List<Long> rooms = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			rooms.add(createRoom(building, "1单元", 1, "10" + i));
		}
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		int clients = 24;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> calls = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			long room = rooms.get(i % rooms.size());
			calls.add(pool.submit(() -> {
				start.await();
				return this.api.post("/api/v1/payments", finance,
						Map.of("roomId", room, "amount", "10.00", "method", "CASH", "toPrepaid", true),
						"Idempotency-Key", UUID.randomUUID().toString());
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Api.Response> call : calls) {
			statuses.add(call.get().status());
		}
		pool.shutdown();
		assertThat(statuses).containsOnly(201);
		assertThat(this.jdbc.sql("SELECT count(*) FROM payment WHERE community_id = ?")
			.param(community)
			.query(Long.class)
			.single()).isEqualTo(clients);
	}

}
