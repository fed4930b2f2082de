package org.linli;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input that once made 500s, tried again: each is a 400 naming what was wrong, never
 * a 409 or a 500.
 */
class BadInputIntegrationTests extends IntegrationTest {

	@Test
	void aNullPaymentMethodIsNamed() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		Api.Response payment = this.api.postRaw("/api/v1/payments?x=1", finance, "application/json",
				"{\"roomId\":" + room + ",\"amount\":\"10.00\",\"method\":null}");
		assertThat(payment.status()).isIn(400);
		Api.Response withKey = this.api.post("/api/v1/payments", finance,
				Collections.unmodifiableMap(new HashMap<>(Map.of("roomId", room, "amount", "10.00"))),
				"Idempotency-Key", UUID.randomUUID().toString());
		assertThat(withKey.status()).isEqualTo(400);
		assertThat(withKey.fieldMessage("method")).isNotBlank();
		Api.Response deposit = this.api.postRaw("/api/v1/rooms/" + room + "/prepaid-account/deposits", finance,
				"application/json", "{\"amount\":\"10.00\",\"method\":null}");
		assertThat(deposit.status()).isEqualTo(400);
	}

	@Test
	void aHugePageNumberIsAnEmptyPage() {
		Api.Response page = this.api.get("/api/v1/communities?page=2147483647&size=200", admin());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("content")).isEmpty();
		assertThat(this.api.get("/api/v1/residents?page=2147483647&size=200", admin()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/audit?page=2147483647&size=200", admin()).status()).isEqualTo(200);
	}

	@Test
	void aGatewayNotificationOfTheWrongShapeIsRefused() {
		Api.Response wrong = this.api.post("/api/v1/payment-gateway/notifications", null,
				"{\"orderNumber\":{\"a\":1},\"transactionId\":\"t\",\"amount\":\"1.00\"}", "X-Linli-Timestamp", "1",
				"X-Linli-Signature", "00");
		assertThat(wrong.status()).isIn(400, 401);
	}

	@Test
	void aNulInAnUploadedFileNameIsRefused() {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		Api.Response upload = this.api.upload("/api/v1/communities/" + community + "/rooms/import", manager,
				"rooms\u0000.xlsx", new byte[] { 1, 2, 3 });
		assertThat(upload.status()).isEqualTo(400);
	}

}
