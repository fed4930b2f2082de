package org.linli.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A new occupant sees the bills, payments and receipts of their own stay, not what the
 * room's earlier occupants were billed and paid (with their names).
 */
class NewOccupantVisibilityIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Test
	void aNewTenantSeesOnlyTheirOwnStay() {
		LocalDate today = LocalDate.now(this.clock);
		YearMonth before = YearMonth.from(today).minusMonths(3);
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String financeUser = createStaff(List.of("FINANCE"), List.of(community));

		// three months ago: the earlier tenant is billed and pays at the desk
		this.clock.setDate(before.atDay(20));
		String finance = this.api.token(financeUser, "password-123");
		long earlier = this.api.post("/api/v1/residents", admin(),
				Map.of("name", "前租户", "phone", "136" + String.format("%08d", (long) (Math.random() * 1e8)),
						"communityId", community, "roomId", room, "role", "TENANT", "since", before.atDay(1).toString(),
						"confirmDuplicate", true))
			.id();
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 25,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", before.toString()))
			.id();
		new BillingRunner(this.api, this.runs).run(community, finance, before, List.of(fee));
		Api.Response paid = this.api.post("/api/v1/payments", finance,
				Map.of("roomId", room, "amount", "100.00", "method", "CASH", "payerName", "前租户"), "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(paid).hasStatus(201);
		long oldPayment = paid.id();
		new BillingRunner(this.api, this.runs).run(community, finance, before.plusMonths(1), List.of(fee));
		long stay = this.api.get("/api/v1/rooms/" + room + "/occupancies", admin()).json().get(0).get("id").asLong();
		assertThat(this.api.post("/api/v1/occupancies/" + stay + "/end", admin(),
				Map.of("until", before.plusMonths(2).atDay(1).toString(), "reason", "退租")))
			.hasStatus(200);

		// today: a new tenant lives there since last month
		this.clock.reset();
		finance = this.api.token(financeUser, "password-123");
		LocalDate since = before.plusMonths(2).atDay(1);
		String phone = "135" + String.format("%08d", (long) (Math.random() * 1e8));
		long newcomer = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "新租户", "phone", phone, "communityId", community,
					"roomId", room, "role", "TENANT", "since", since.toString(), "confirmDuplicate", true))
			.id();
		new BillingRunner(this.api, this.runs).run(community, finance, YearMonth.from(since), List.of(fee));
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(newcomer), "password", "tenant-pass-1"));
		String tenant = this.api.token(phone, "tenant-pass-1");

		JsonNode bills = this.api.get("/api/v1/me/bills", tenant).json();
		assertThat(bills).hasSize(1);
		assertThat(bills.get(0).get("period").asString()).isEqualTo(YearMonth.from(since).toString());
		Api.Response payments = this.api.get("/api/v1/me/payments", tenant);
		assertThat(payments.json()).isEmpty();
		assertThat(payments.body()).doesNotContain("前租户");
		assertThat(this.api.download("/api/v1/me/payments/" + oldPayment + "/receipt.pdf", tenant)).hasStatus(404);
		// the earlier tenant's unpaid month is not put on the newcomer's payment order
		Api.Response order = this.api.post("/api/v1/me/payment-orders", tenant, Map.of("roomId", room));
		assertThat(order).hasStatus(201);
		assertThat(order.json().get("amount").asString()).isEqualTo("100.00");
		assertThat(earlier).isPositive();
	}

}
