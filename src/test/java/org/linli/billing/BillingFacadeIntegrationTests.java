package org.linli.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import org.linli.support.PublishedEvents;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Billing's front door as other modules use it — open lines, arrears, the statistics
 * figures, charges — and the events it publishes, on a fixed date (June 10th): two rooms
 * billed 100.00 for May and for June, each due on the 15th.
 */
class BillingFacadeIntegrationTests extends IntegrationTest {

	private static final YearMonth MAY = YearMonth.of(2026, 5);

	private static final YearMonth JUNE = YearMonth.of(2026, 6);

	@Autowired
	Billing billing;

	@Autowired
	BillingRuns runs;

	@Autowired
	PublishedEvents events;

	private long community;

	private long room;

	private long other;

	private long fee;

	private String finance;

	@BeforeEach
	void twoRoomsBilledForMayAndJune() {
		this.clock.set(JUNE.atDay(10), 9, 0);
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.room = createRoom(building, "1单元", 1, "101");
		this.other = createRoom(building, "1单元", 1, "102");
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
		this.fee = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-04"))
			.id();
		BillingRunner runner = new BillingRunner(this.api, this.runs);
		// May was billed on the first of May, June on the tenth of June
		this.clock.set(MAY.atDay(1), 9, 0);
		runner.run(this.community, this.finance, MAY, List.of(this.fee));
		this.clock.set(JUNE.atDay(10), 9, 0);
		JsonNode june = runner.run(this.community, this.finance, JUNE, List.of(this.fee));
		BillsIssued issued = this.events.await(BillsIssued.class, (e) -> e.runId() == june.get("id").asLong());
		assertThat(issued.communityId()).isEqualTo(this.community);
		assertThat(issued.period()).isEqualTo(JUNE);
		assertThat(issued.billed()).isEqualTo(2);
	}

	@Test
	void aRoomsOpenLinesAndArrears() {
		assertThat(pay(this.room, "30.00")).hasStatus(201);

		List<Billing.OpenLine> open = this.billing.openLines(this.room);
		assertThat(open).extracting(Billing.OpenLine::period).containsExactly(MAY, JUNE);
		assertThat(open.get(0).outstanding()).isEqualTo(Money.of("70.00"));
		assertThat(open.get(0).status()).isEqualTo(BillStatus.PARTIALLY_PAID);

		Billing.Arrears arrears = this.billing.arrears(this.room);
		assertThat(arrears.outstanding()).isEqualTo(Money.of("170.00"));
		assertThat(arrears.overdue()).as("May's line is past its due date, June's is not yet")
			.isEqualTo(Money.of("70.00"));
		assertThat(arrears.overdueLines()).isEqualTo(1);
		assertThat(arrears.oldestDue()).isEqualTo(LocalDate.of(2026, 5, 15));

		List<Billing.Arrears> overdue = this.billing.arrearsIn(this.community, JUNE.atDay(10), 1);
		assertThat(overdue).extracting(Billing.Arrears::roomId).containsExactly(this.room, this.other);
		assertThat(overdue.get(1).overdue()).isEqualTo(Money.of("100.00"));
		assertThat(this.billing.arrearsIn(this.community, JUNE.atDay(10), 30)).as("overdue 26 days, not 30").isEmpty();

		// several rooms read together, each as on its own; a room without lines owes
		// nothing
		long empty = createRoom(createBuilding(this.community, "2栋"), "1单元", 1, "101");
		Map<Long, Billing.Arrears> together = this.billing.arrears(List.of(this.other, this.room, empty));
		assertThat(together).containsOnlyKeys(this.room, this.other, empty);
		assertThat(together.get(this.room)).isEqualTo(arrears);
		assertThat(together.get(this.other)).isEqualTo(this.billing.arrears(this.other));
		assertThat(together.get(this.other).outstanding()).isEqualTo(Money.of("200.00"));
		assertThat(together.get(empty)).isEqualTo(new Billing.Arrears(empty, Money.ZERO, Money.ZERO, 0, null));
	}

	@Test
	void everyPaymentIsPublishedWithTheLinesItSettled() {
		Api.Response paid = pay(this.room, "130.00");
		assertThat(paid).hasStatus(201);
		PaymentReceived received = this.events.await(PaymentReceived.class, (e) -> e.paymentId() == paid.id());
		assertThat(received.roomId()).isEqualTo(this.room);
		assertThat(received.amount()).isEqualTo(Money.of("130.00"));
		assertThat(received.method()).isEqualTo(PaymentMethod.CASH);
		assertThat(received.receiptNumber()).isEqualTo(paid.json().get("receiptNumber").asString());
		assertThat(received.settled()).extracting(PaymentReceived.SettledLine::amount)
			.containsExactly(Money.of("100.00"), Money.of("30.00"));
	}

	@Test
	void theFiguresReconcileWithTheLines() {
		assertThat(pay(this.room, "130.00")).hasStatus(201);
		long otherJune = lineOf(this.other, JUNE);
		assertThat(this.api.post("/api/v1/bills/" + otherJune + "/waive", this.finance,
				Map.of("amount", "20.00", "reason", "维修期间减免")))
			.hasStatus(200);
		long otherMay = lineOf(this.other, MAY);
		assertThat(this.api.post("/api/v1/bills/" + otherMay + "/cancel", this.finance, Map.of("reason", "重复出账")))
			.hasStatus(200);

		List<Billing.PeriodFigures> figures = this.billing.figures(this.community, MAY, JUNE);
		assertThat(figures).hasSize(2);
		Billing.PeriodFigures may = figures.get(0);
		assertThat(may.period()).isEqualTo(MAY);
		assertThat(may.lines()).isEqualTo(2);
		assertThat(may.receivable()).as("the cancelled line is out of receivable").isEqualTo(Money.of("100.00"));
		assertThat(may.cancelled()).isEqualTo(Money.of("100.00"));
		assertThat(may.received()).isEqualTo(Money.of("100.00"));
		assertThat(may.outstanding()).isEqualTo(Money.ZERO);
		Billing.PeriodFigures june = figures.get(1);
		assertThat(june.receivable()).isEqualTo(Money.of("200.00"));
		assertThat(june.waived()).isEqualTo(Money.of("20.00"));
		assertThat(june.received()).isEqualTo(Money.of("30.00"));
		assertThat(june.outstanding()).isEqualTo(Money.of("150.00"));
		for (Billing.PeriodFigures f : figures) {
			assertThat(f.receivable().plus(f.lateFees()).minus(f.waived()).minus(f.received()))
				.as("receivable + late fees − waived − received = outstanding, %s", f.period())
				.isEqualTo(f.outstanding());
		}
	}

	@Test
	void aChargeIsOneLineUnderItsKindAndIdempotentOnTheCallersKey() {
		String key = "test:repair:" + UUID.randomUUID();
		Billing.RoomCharge repair = new Billing.RoomCharge(this.room, ChargeKind.REPAIR, Money.of("85.50"), "更换厨房水龙头",
				key, null);
		Billing.Charged charged = this.billing.charge(repair);
		assertThat(charged.replayed()).isFalse();
		assertThat(this.billing.charge(repair)).isEqualTo(new Billing.Charged(charged.billId(), true));
		assertThatThrownBy(() -> this.billing
			.charge(new Billing.RoomCharge(this.room, ChargeKind.REPAIR, Money.of("90.00"), "更换厨房水龙头", key, null)))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> assertThat(ex.status()).isEqualTo(409));
		// the same key for another kind, or in another community, is another charge:
		// refused
		assertThatThrownBy(() -> this.billing
			.charge(new Billing.RoomCharge(this.room, ChargeKind.ACTIVITY, Money.of("85.50"), "更换厨房水龙头", key, null)))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> assertThat(ex.status()).isEqualTo(409));
		long elsewhere = createRoom(createBuilding(createCommunity(), "1栋"), "1单元", 1, "101");
		assertThatThrownBy(() -> this.billing
			.charge(new Billing.RoomCharge(elsewhere, ChargeKind.REPAIR, Money.of("85.50"), "更换厨房水龙头", key, null)))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> assertThat(ex.status()).isEqualTo(409));
		// a second repair the same month is a line of its own
		Billing.Charged second = this.billing.charge(new Billing.RoomCharge(this.room, ChargeKind.REPAIR,
				Money.of("20.00"), "疏通下水道", key + ":2", LocalDate.of(2026, 6, 30)));
		assertThat(second.billId()).isNotEqualTo(charged.billId());

		JsonNode line = this.api.get("/api/v1/bills/" + charged.billId(), this.finance).json();
		assertThat(line.get("feeItemName").asString()).isEqualTo("维修费");
		assertThat(line.get("description").asString()).isEqualTo("更换厨房水龙头");
		assertThat(line.get("amount").asString()).isEqualTo("85.50");
		assertThat(line.get("dueDate").asString()).isEqualTo("2026-06-25");
		assertThat(line.get("status").asString()).isEqualTo("UNPAID");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/fee-items", this.finance).json())
			.anySatisfy((item) -> {
				assertThat(item.get("name").asString()).isEqualTo("维修费");
				assertThat(item.get("method").asString()).isEqualTo("CHARGE");
			});
		// paid like any other line
		assertThat(this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", this.room, "amount", "85.50", "method", "CASH", "billIds", List.of(charged.billId())),
				"Idempotency-Key", UUID.randomUUID().toString()))
			.hasStatus(201);
		assertThat(this.api.get("/api/v1/bills/" + charged.billId(), this.finance).json().get("status").asString())
			.isEqualTo("PAID");
		// the payment and its receipt say what the charge was for
		JsonNode payments = this.api.get("/api/v1/rooms/" + this.room + "/payments", this.finance).json();
		assertThat(payments.get(0).get("allocations").get(0).get("description").asString()).isEqualTo("更换厨房水龙头");
		// a run never bills a charge's item
		long item = line.get("feeItemId").asLong();
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", "2026-06", "feeItemIds", List.of(item))))
			.hasStatus(400);
	}

	@Test
	void aBadChargeNamesItsFieldAndChangesNothing() {
		long lines = lineCount();
		assertThatThrownBy(() -> this.billing.charge(new Billing.RoomCharge(this.room, ChargeKind.REPAIR,
				Money.of(new BigDecimal("-1")), " ", "test:bad", null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.problems()).extracting(InvalidInputException.FieldProblem::field)
						.contains("amount", "description"));
		assertThat(lineCount()).isEqualTo(lines);
	}

	private Api.Response pay(long roomId, String amount) {
		return this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", roomId, "amount", amount, "method", "CASH"), "Idempotency-Key",
				UUID.randomUUID().toString());
	}

	private long lineOf(long roomId, YearMonth period) {
		for (JsonNode line : this.api.get("/api/v1/rooms/" + roomId + "/bills", this.finance).json()) {
			if (line.get("period").asString().equals(period.toString())) {
				return line.get("id").asLong();
			}
		}
		throw new AssertionError("No line of " + period);
	}

	private long lineCount() {
		return this.jdbc.sql("SELECT count(*) FROM bill WHERE community_id = ?")
			.param(this.community)
			.query(Long.class)
			.single();
	}

}
