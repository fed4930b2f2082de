package org.linli.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.Gateway;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Money through time on a settable clock: late fees from the balance's history (partial
 * payments, refunds, waivers of either part, every read the same figure, payment orders
 * that fix what they cover), nothing late before it is issued, rooms billed from their
 * handover, fee-item versions that meet without a gap or an overlap, and lines that stay
 * their payers'.
 */
@TestPropertySource(properties = { "linli.billing.figures-every=PT1H", "linli.billing.figures-initial-delay=PT1H" })
class CorrectThroughTimeIntegrationTests extends IntegrationTest {

	@Autowired
	Billing billing;

	@Autowired
	BillingRuns runs;

	private long community;

	private long building;

	private long room;

	private String finance;

	@BeforeEach
	void aCommunityWithARoom() {
		this.clock.set(LocalDate.of(2026, 6, 1), 9, 0);
		this.community = createCommunity();
		this.building = createBuilding(this.community, "1栋");
		this.room = createRoom(this.building, "1单元", 1, "101");
		this.finance = staffToken(List.of("FINANCE", "MANAGER"), List.of(this.community));
	}

	@Test
	void lateFeesStartAfterTheGraceDaysAndAreCapped() {
		long capped = lineOf("223.75", 5, true);
		// the grace days: nothing on the 20th; 2 days: 223.75 × 0.0005 × 2 = 0.22375 →
		// 0.22
		assertThat(lateFee(capped, LocalDate.of(2026, 11, 20))).isEqualTo("0.00");
		assertThat(lateFee(capped, LocalDate.of(2026, 11, 22))).isEqualTo("0.22");
		// after about 2000 days the fee would pass the principal: capped, unless the rule
		// says otherwise (223.75 × 0.0005 × 2100 = 234.9375 → 234.94)
		LocalDate late = LocalDate.of(2026, 11, 15).plusDays(2100);
		assertThat(lateFee(capped, late)).isEqualTo("223.75");
		assertThat(lateFee(lineOf("223.75", 0, false), late)).isEqualTo("234.94");
	}

	private long lineOf(String amount, int graceDays, boolean cap) {
		long item = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", unique("物业费"), "method", "FIXED", "amount", amount, "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "PARKING_SPACES", "effectiveFrom", "2026-01", "lateFee",
						Map.of("dailyRate", "0.0005", "graceDays", graceDays, "capAtPrincipal", cap)))
			.id();
		return this.jdbc.sql("""
				INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
				                  due_date, issued_on, created_at)
				VALUES (?, ?, ?, DATE '2026-11-01', 1, 1, ?, ?, DATE '2026-11-15', DATE '2026-11-01', now())
				RETURNING id""")
			.params(this.community, this.room, item, new BigDecimal(amount), new BigDecimal(amount))
			.query(Long.class)
			.single();
	}

	private String lateFee(long bill, LocalDate asOf) {
		return this.jdbc.sql("SELECT bill_late_fee(?, ?)")
			.params(bill, asOf)
			.query(BigDecimal.class)
			.single()
			.setScale(2)
			.toPlainString();
	}

	@Test
	void afterAPartialPaymentTheFeeKeepsGrowingOnWhatIsLeft() {
		long line = oneLine("1000.00", YearMonth.of(2026, 6));
		// due 2026-06-15; 136 days late at 0.05% a day: 1,000.00 × 0.0005 × 136 = 68.00
		at(LocalDate.of(2026, 6, 15).plusDays(136));
		assertThat(line(line).get("lateFee").asString()).isEqualTo("68.00");
		assertThat(pay(Map.of("roomId", this.room, "amount", "900.00", "method", "CASH"))).hasStatus(201);
		// payments settle the principal first: 100.00 of it is left, and the fee grows
		// on it — 30 days later 68.00 + 100.00 × 0.0005 × 30 = 69.50
		at(LocalDate.of(2026, 6, 15).plusDays(166));
		JsonNode read = line(line);
		assertThat(read.get("lateFee").asString()).isEqualTo("69.50");
		assertThat(read.get("outstanding").asString()).isEqualTo("169.50");
	}

	@Test
	void aRefundReopensALinePaidOnTimeFromTheDayOfTheRefundOnly() {
		long line = oneLine("250.00", YearMonth.of(2026, 6));
		at(LocalDate.of(2026, 6, 10));
		long payment = pay(Map.of("roomId", this.room, "amount", "250.00", "method", "CASH")).json().get("id").asLong();
		// refunded 22 days after the due date: no late fee for the days it was paid
		at(LocalDate.of(2026, 7, 7));
		long refund = this.api
			.post("/api/v1/payments/" + payment + "/refunds", this.finance,
					Map.of("amount", "250.00", "reason", "重复缴费"))
			.id();
		String approver = staffToken(List.of("MANAGER"), List.of(this.community));
		assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", approver, Map.of())).hasStatus(200);
		JsonNode read = line(line);
		assertThat(read.get("status").asString()).isEqualTo("UNPAID");
		assertThat(read.get("lateFee").asString()).isEqualTo("0.00");
		at(LocalDate.of(2026, 7, 17));
		// ten days unpaid: 250.00 × 0.0005 × 10 = 1.25
		assertThat(line(line).get("lateFee").asString()).isEqualTo("1.25");
	}

	@Test
	void waivingTheLateFeeLeavesThePrincipalAndWaivingThePrincipalLowersWhatAccrues() {
		long line = oneLine("250.00", YearMonth.of(2026, 6));
		// 52 days: 250.00 × 0.0005 × 52 = 6.50
		at(LocalDate.of(2026, 6, 15).plusDays(52));
		assertThat(line(line).get("lateFee").asString()).isEqualTo("6.50");
		JsonNode waived = this.api
			.post("/api/v1/bills/" + line + "/waive", this.finance, Map.of("amount", "6.50", "reason", "首次逾期"))
			.json();
		assertThat(waived.get("outstanding").asString()).isEqualTo("250.00");
		assertThat(waived.get("lateFeeWaived").asString()).isEqualTo("6.50");
		// more than the late fee owed is refused, naming the field
		assertThat(this.api.post("/api/v1/bills/" + line + "/waive", this.finance,
				Map.of("amount", "1.00", "part", "LATE_FEE", "reason", "再免")))
			.hasStatus(400);
		// accrual goes on on 250.00: ten days more, 1.25
		at(LocalDate.of(2026, 6, 15).plusDays(62));
		assertThat(line(line).get("lateFee").asString()).isEqualTo("7.75");
		assertThat(line(line).get("outstanding").asString()).isEqualTo("251.25");
		// a waiver of the principal lowers what accrues from its day: 150.00 × 0.0005 ×
		// 10
		this.api.post("/api/v1/bills/" + line + "/waive", this.finance,
				Map.of("amount", "100.00", "part", "PRINCIPAL", "reason", "困难减免"));
		at(LocalDate.of(2026, 6, 15).plusDays(72));
		assertThat(line(line).get("lateFee").asString()).isEqualTo("8.50");
		assertThat(line(line).get("outstanding").asString()).isEqualTo("152.00");
	}

	@Test
	void everyReadShowsTodaysFeeAndTakingWhatTheApiShowsSettlesTheLine() {
		Resident owner = resident("OWNER", LocalDate.of(2026, 1, 1));
		long line = oneLine("300.00", YearMonth.of(2026, 6));
		at(LocalDate.of(2026, 8, 1));
		String token = owner.token();
		String shown = line(line).get("outstanding").asString();
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance)
			.json()
			.get(0)
			.get("outstanding")
			.asString()).isEqualTo(shown);
		assertThat(this.api.get("/api/v1/me/bills", token).json().get(0).get("outstanding").asString())
			.isEqualTo(shown);
		// 47 days: 300.00 × 0.0005 × 47 = 7.05
		assertThat(shown).isEqualTo("307.05");
		assertThat(pay(Map.of("roomId", this.room, "amount", shown, "method", "CASH", "billIds", List.of(line))))
			.hasStatus(201);
		at(LocalDate.of(2026, 9, 1));
		JsonNode paid = line(line);
		assertThat(paid.get("status").asString()).isEqualTo("PAID");
		assertThat(paid.get("outstanding").asString()).isEqualTo("0.00");
		assertThat(paid.get("lateFee").asString()).isEqualTo("7.05");
	}

	@Test
	void anOrderMadeBeforeMidnightAndPaidAfterItSettlesExactlyItsLines() {
		Resident owner = resident("OWNER", LocalDate.of(2026, 1, 1));
		long line = oneLine("300.00", YearMonth.of(2026, 6));
		this.clock.set(LocalDate.of(2026, 8, 1), 23, 55);
		JsonNode order = this.api.post("/api/v1/me/payment-orders", owner.token(), Map.of("roomId", this.room)).json();
		assertThat(order.get("amount").asString()).isEqualTo("307.05");
		this.clock.set(LocalDate.of(2026, 8, 2), 0, 0);
		this.finance = staffToken(List.of("FINANCE", "MANAGER"), List.of(this.community));
		String body = "{\"orderNumber\":\"" + order.get("orderNumber").asString() + "\",\"transactionId\":\"WX-"
				+ UUID.randomUUID() + "\",\"amount\":\"307.05\"}";
		assertThat(Gateway.sendSigned(this.api, this.clock, body)).hasStatus(200);
		JsonNode paid = line(line);
		assertThat(paid.get("status").asString()).isEqualTo("PAID");
		assertThat(paid.get("outstanding").asString()).isEqualTo("0.00");
		at(LocalDate.of(2026, 9, 1));
		assertThat(line(line).get("outstanding").asString()).isEqualTo("0.00");
	}

	@Test
	void anOrderMadeBeforeAMonthsEndAndPaidAfterItChangesTheArrearsKeptForThatDay() {
		Resident owner = resident("OWNER", LocalDate.of(2026, 1, 1));
		oneLine("300.00", YearMonth.of(2026, 6));
		this.clock.set(LocalDate.of(2026, 7, 31), 23, 55);
		JsonNode order = this.api.post("/api/v1/me/payment-orders", owner.token(), Map.of("roomId", this.room)).json();
		this.clock.set(LocalDate.of(2026, 8, 2), 9, 0);
		this.finance = staffToken(List.of("FINANCE", "MANAGER"), List.of(this.community));
		assertThat(julyEndOwed()).isEqualByComparingTo("300.00");
		// the figures brought up to date keep July's end
		this.billing.refreshFigures();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?")
			.params(this.community, LocalDate.of(2026, 7, 31))
			.query(Long.class)
			.single()).isOne();
		assertThat(julyEndOwed()).isEqualByComparingTo("300.00");
		// paid through the gateway today, as of the day the order was made
		String body = "{\"orderNumber\":\"" + order.get("orderNumber").asString() + "\",\"transactionId\":\"WX-"
				+ UUID.randomUUID() + "\",\"amount\":\"" + order.get("amount").asString() + "\"}";
		assertThat(Gateway.sendSigned(this.api, this.clock, body)).hasStatus(200);
		assertThat(julyEndOwed()).isZero();
	}

	private BigDecimal julyEndOwed() {
		Api.Response aging = this.api
			.get("/api/v1/communities/" + this.community + "/stats/arrears-aging?asOf=2026-07-31", this.finance);
		assertThat(aging).hasStatus(200);
		return new BigDecimal(aging.json().get("total").asString());
	}

	@Test
	void anExpiredOrderIsNotTakenAtItsOldAmountAtTheDesk() {
		Resident owner = resident("OWNER", LocalDate.of(2026, 1, 1));
		long line = oneLine("300.00", YearMonth.of(2026, 6));
		at(LocalDate.of(2026, 8, 1));
		String number = this.api.post("/api/v1/me/payment-orders", owner.token(), Map.of("roomId", this.room))
			.json()
			.get("orderNumber")
			.asString();
		at(LocalDate.of(2026, 8, 10));
		Api.Response refused = pay(Map.of("roomId", this.room, "amount", "307.05", "method", "BANK_TRANSFER",
				"reference", "B-1", "orderNumber", number));
		assertThat(refused).hasStatus(409);
		assertThat(refused.body()).contains("orderNumber");
		// today's amount is taken without the order: 56 days, 8.40
		assertThat(line(line).get("outstanding").asString()).isEqualTo("308.40");
		assertThat(pay(Map.of("roomId", this.room, "amount", "308.40", "method", "BANK_TRANSFER", "reference", "B-1",
				"billIds", List.of(line))))
			.hasStatus(201);
		assertThat(line(line).get("status").asString()).isEqualTo("PAID");
	}

	@Test
	void receiptsAreNumberedInTheYearOfTheInstallationsZoneWhateverTheServersZone() {
		long line = oneLine("300.00", YearMonth.of(2026, 12));
		// 23:59:30 on New Year's Eve in the installation's zone, then 00:00:30 (the
		// server these tests run on, in UTC-12, is still on the 31st for both)
		this.clock.setInstant(ZonedDateTime.of(2026, 12, 31, 23, 59, 30, 0, Times.zone()).toInstant());
		this.finance = staffToken(List.of("FINANCE", "MANAGER"), List.of(this.community));
		Api.Response old = pay(
				Map.of("roomId", this.room, "amount", "1.00", "method", "CASH", "billIds", List.of(line)));
		this.clock.setInstant(ZonedDateTime.of(2027, 1, 1, 0, 0, 30, 0, Times.zone()).toInstant());
		Api.Response next = pay(
				Map.of("roomId", this.room, "amount", "1.00", "method", "CASH", "billIds", List.of(line)));

		assertThat(old).hasStatus(201);
		assertThat(next).hasStatus(201);
		assertThat(old.json().get("receiptNumber").asString()).startsWith("2026-");
		assertThat(next.json().get("receiptNumber").asString()).isEqualTo("2027-000001");
	}

	@Test
	void aFormProposesTheInstallationsMonthWhateverTheServersZone() {
		String username = createStaff(List.of("FINANCE"), List.of(this.community));
		WebSession staff = WebSession.signIn(this.api.base(), username, "password-123");
		// 00:00:30 on New Year's Day in Shanghai: 16:00 on New Year's Eve in UTC, and
		// the day before that on the server of these tests
		this.clock.setInstant(ZonedDateTime.of(2027, 1, 1, 0, 0, 30, 0, Times.zone()).toInstant());

		String form = staff.get("/admin/communities/" + this.community + "/fee-items/new").body();

		assertThat(form).containsPattern("name=\"effectiveFrom\"[^>]*value=\"2027-01\"");
	}

	@Test
	void aPeriodBilledAfterItsDueDayIsNotLateOnTheDayOfIssue() {
		long item = feeItem("物业费", "300.00", "2026-01", null);
		at(LocalDate.of(2026, 11, 28));
		billing(YearMonth.of(2026, 11), item);
		JsonNode line = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json().get(0);
		assertThat(line.get("dueDate").asString()).isEqualTo("2026-12-13");
		assertThat(line.get("issuedOn").asString()).isEqualTo("2026-11-28");
		assertThat(line.get("lateFee").asString()).isEqualTo("0.00");
		// on time on its due date; the first day late costs 300.00 × 0.0005
		at(LocalDate.of(2026, 12, 13));
		assertThat(line(line.get("id").asLong()).get("lateFee").asString()).isEqualTo("0.00");
		at(LocalDate.of(2026, 12, 14));
		assertThat(line(line.get("id").asLong()).get("lateFee").asString()).isEqualTo("0.15");
	}

	@Test
	void aRoomIsBilledFromItsHandoverAndItsFirstPeriodByTheDays() {
		long item = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "物业费", "method", "AREA", "unitPrice", "2.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-01", "prorateFirstPeriod", true))
			.id();
		long handedOver = this.api
			.post("/api/v1/buildings/" + this.building + "/rooms", admin(), Map.of("unit", "1单元", "floor", 2, "number",
					"201", "buildingArea", "100.00", "type", "RESIDENTIAL", "handoverDate", "2026-07-10"))
			.id();
		at(LocalDate.of(2026, 8, 1));
		billing(YearMonth.of(2026, 6), item);
		billing(YearMonth.of(2026, 7), item);
		billing(YearMonth.of(2026, 8), item);
		JsonNode lines = this.api.get("/api/v1/rooms/" + handedOver + "/bills", this.finance).json();
		assertThat(lines.size()).as("nothing before July").isEqualTo(2);
		// July from the 10th: 100 m² × 2.00 × 22 / 31 = 141.935… → 141.94
		assertThat(lines.get(0).get("period").asString()).isEqualTo("2026-07");
		assertThat(lines.get(0).get("amount").asString()).isEqualTo("141.94");
		assertThat(lines.get(0).get("description").asString()).contains("22/31");
		assertThat(lines.get(1).get("amount").asString()).isEqualTo("200.00");
		// an older room pays the whole of every month
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json().size()).isEqualTo(3);
		// the handover date is the room's, in the API
		assertThat(this.api.get("/api/v1/rooms/" + handedOver, admin()).json().get("handoverDate").asString())
			.isEqualTo("2026-07-10");
	}

	@Test
	void aVersionsLastMonthIsBilledAndANewPriceStartsAtTheEndOfACycle() {
		at(LocalDate.of(2026, 6, 1));
		long old = feeItem("停车管理费", "100.00", "2026-01", "2026-03");
		long next = feeItem("停车管理费", "120.00", "2026-04", null);
		billing(YearMonth.of(2026, 3), old);
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance)
			.json()
			.get(0)
			.get("amount")
			.asString()).isEqualTo("100.00");
		// March is the old price's; the new one does not bill it
		Api.Response refused = this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", "2026-03", "feeItemIds", List.of(next)));
		assertThat(refused).hasStatus(400);

		// a quarterly price from January runs to March: a new version may start in April,
		// not in March
		long quarterly = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "垃圾清运费", "method", "FIXED", "amount", "10.00", "cycle", "QUARTERLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-01"))
			.id();
		Api.Response inside = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "垃圾清运费", "method", "FIXED", "amount", "12.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-03"));
		assertThat(inside).hasStatus(400);
		assertThat(inside.body()).contains("effectiveFrom").contains("2026-04");
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "垃圾清运费", "method", "FIXED", "amount", "12.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-04")))
			.hasStatus(201);
		assertThat(this.api.get("/api/v1/fee-items/" + quarterly, this.finance).json().get("effectiveTo").asString())
			.isEqualTo("2026-03");
	}

	@Test
	void aMonthWhoseOwnershipChangedIsPaidByBothOwnersAndSeenByNoOneElse() {
		Resident seller = resident("OWNER", LocalDate.of(2026, 1, 1));
		long item = feeItem(unique("物业费"), "300.00", "2026-06", null);
		at(LocalDate.of(2026, 6, 20));
		long stay = stayOf(seller);
		assertThat(this.api.post("/api/v1/occupancies/" + stay + "/end", admin(),
				Map.of("until", "2026-06-16", "reason", "出售")))
			.hasStatus(200);
		Resident buyer = resident("OWNER", LocalDate.of(2026, 6, 16));
		Resident tenant = resident("TENANT", LocalDate.of(2026, 7, 1));

		// June is billed after the sale: its payers are the owners of its days, seller
		// first
		at(LocalDate.of(2026, 7, 1));
		billing(YearMonth.of(2026, 6), item);
		JsonNode june = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json().get(0);
		List<Long> payers = new ArrayList<>();
		june.get("payerIds").forEach((id) -> payers.add(id.asLong()));
		assertThat(payers).containsExactly(seller.id(), buyer.id());
		assertThat(this.api.get("/api/v1/me/bills", seller.token()).json().size()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/bills", buyer.token()).json().size()).isEqualTo(1);
		// a tenant who moved in since, and pays nothing of it, sees the months of their
		// own
		// stay only
		assertThat(this.api.get("/api/v1/me/bills", tenant.token()).json().size()).isZero();
	}

	@Test
	void aFormerOwnerKeepsTheirOpenLinesAndTheNewOwnerNeverSeesThem() {
		Resident seller = resident("OWNER", LocalDate.of(2026, 1, 1));
		long line = oneLine("300.00", YearMonth.of(2026, 6));
		at(LocalDate.of(2026, 7, 1));
		long stay = this.api.get("/api/v1/rooms/" + this.room + "/occupancies", admin())
			.json()
			.get(0)
			.get("id")
			.asLong();
		Api.Response movedOut = this.api.post("/api/v1/occupancies/" + stay + "/end", admin(),
				Map.of("until", "2026-07-01", "reason", "出售"));
		assertThat(movedOut).hasStatus(200);
		// staff are told which of the seller's lines are still open
		JsonNode open = movedOut.json().get("openLines");
		assertThat(open.size()).isEqualTo(1);
		assertThat(open.get(0).get("billId").asLong()).isEqualTo(line);
		assertThat(open.get(0).get("outstanding").asString()).isEqualTo(line(line).get("outstanding").asString())
			.isEqualTo("302.40");
		Resident buyer = resident("OWNER", LocalDate.of(2026, 7, 1));

		assertThat(this.api.get("/api/v1/me/bills", buyer.token()).json().size()).isZero();
		JsonNode mine = this.api.get("/api/v1/me/bills", seller.token()).json();
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).get("id").asLong()).isEqualTo(line);
		// the former owner pays it online; the receipt names them
		JsonNode order = this.api.post("/api/v1/me/payment-orders", seller.token(), Map.of("roomId", this.room)).json();
		String body = "{\"orderNumber\":\"" + order.get("orderNumber").asString() + "\",\"transactionId\":\"WX-"
				+ UUID.randomUUID() + "\",\"amount\":\"" + order.get("amount").asString() + "\"}";
		long payment = Gateway.sendSigned(this.api, this.clock, body).json().get("paymentId").asLong();
		assertThat(this.api.get("/api/v1/payments/" + payment, this.finance).json().get("payerName").asString())
			.isEqualTo(seller.name());
		assertThat(this.api.get("/api/v1/me/payments", seller.token()).json().get(0).get("id").asLong())
			.isEqualTo(payment);
		assertThat(this.api.get("/api/v1/me/payments", buyer.token()).json().size()).isZero();
	}

	@Test
	void movingAnOwnerOutOnTheirPageSaysWhatTheyStillOweAndNothingWhenTheyOweNothing() {
		Resident owner = resident("OWNER", LocalDate.of(2026, 1, 1));
		oneLine("300.00", YearMonth.of(2026, 6));
		at(LocalDate.of(2026, 7, 1));
		String username = createStaff(List.of("SERVICE"), List.of(this.community));
		WebSession staff = WebSession.signIn(this.api.base(), username, "password-123");
		long stay = stayOf(owner);
		staff.get("/admin/residents/" + owner.id());

		assertThat(staff
			.postForm("/admin/residents/" + owner.id() + "/occupancies/" + stay + "/end", Map.of("until", "2026-07-01"))
			.statusCode()).isEqualTo(302);
		String page = staff.get("/admin/residents/" + owner.id()).body();
		assertThat(page).contains("alert-warning").contains("仍有 1 笔未结费用，共 ¥302.40").contains("2026-06");

		// someone who owes nothing is simply moved out
		Resident tenant = resident("TENANT", LocalDate.of(2026, 7, 1));
		long tenantStay = stayOf(tenant);
		staff.get("/admin/residents/" + tenant.id());
		staff.postForm("/admin/residents/" + tenant.id() + "/occupancies/" + tenantStay + "/end",
				Map.of("until", "2026-07-02"));
		assertThat(staff.get("/admin/residents/" + tenant.id()).body()).doesNotContain("alert-warning")
			.contains("alert-success");
	}

	private long stayOf(Resident resident) {
		return this.api.get("/api/v1/residents/" + resident.id() + "/occupancies", admin())
			.json()
			.get(0)
			.get("id")
			.asLong();
	}

	private record Resident(long id, String name, String phone, Api api) {

		String token() {
			return this.api.token(this.phone, "resident-pass-1");
		}

	}

	private Resident resident(String role, LocalDate since) {
		String phone = "13" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
		String name = "住户" + phone.substring(7);
		long id = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", name, "phone", phone, "communityId", this.community, "roomId", this.room, "role",
							role, "since", since.toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(id), "password", "resident-pass-1"));
		return new Resident(id, name, phone, this.api);
	}

	/** The clock at 9:00 on a day, and the finance token issued again. */
	private void at(LocalDate day) {
		this.clock.set(day, 9, 0);
		this.finance = staffToken(List.of("FINANCE", "MANAGER"), List.of(this.community));
	}

	/** One line of an amount for the room, due on the 15th, late fees at 0.05% a day. */
	private long oneLine(String amount, YearMonth period) {
		long item = feeItem(unique("物业费"), amount, period.toString(), null);
		at(period.atDay(1));
		billing(period, item);
		return this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json().get(0).get("id").asLong();
	}

	private long feeItem(String name, String amount, String from, String to) {
		Map<String, Object> body = new HashMap<>(Map.of("name", name, "method", "FIXED", "amount", amount, "cycle",
				"MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", from, "lateFee",
				Map.of("dailyRate", "0.0005", "graceDays", 0, "capAtPrincipal", true)));
		if (to != null) {
			body.put("effectiveTo", to);
		}
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				body);
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private void billing(YearMonth period, long item) {
		new BillingRunner(this.api, this.runs).run(this.community, this.finance, period, List.of(item));
	}

	private JsonNode line(long id) {
		return this.api.get("/api/v1/bills/" + id, this.finance).json();
	}

	private Api.Response pay(Map<String, Object> body) {
		return this.api.post("/api/v1/payments", this.finance, body, "Idempotency-Key", UUID.randomUUID().toString());
	}

}
