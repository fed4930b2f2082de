package org.linli.billing;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linli.support.Eventually.eventually;
import static org.linli.support.Gateway.send;
import static org.linli.support.Gateway.sign;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Payments through the API: settlement oldest first, partial payments, idempotency under
 * concurrency, no double settlement, prepaid accounts, refunds with approval, receipts,
 * the gateway's signed notifications, the cashier's day, and who may do what.
 */
class PaymentIntegrationTests extends IntegrationTest {

	private static final YearMonth NOW = YearMonth.now(Times.zone());

	@Autowired
	BillingRuns runs;

	private long community;

	private long room;

	private long otherRoom;

	private long fee;

	private String finance;

	private String manager;

	private List<Long> bills;

	@BeforeEach
	void aRoomWithThreeMonthsOfFees() {
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.room = createRoom(building, "1单元", 1, "101");
		this.otherRoom = createRoom(building, "1单元", 1, "102");
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		this.fee = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", NOW.minusMonths(2).toString()))
			.id();
		for (int back = 2; back >= 0; back--) {
			bill(NOW.minusMonths(back), this.fee);
		}
		this.bills = new ArrayList<>();
		this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance)
			.json()
			.forEach((b) -> this.bills.add(b.get("id").asLong()));
		assertThat(this.bills).hasSize(3);
	}

	@Test
	void aPartialPaymentSettlesTheOldestFirstAndGetsAGaplessReceiptNumber() {
		Api.Response paid = pay(Map.of("roomId", this.room, "amount", "150.00", "method", "CASH"), key());
		assertThat(paid).hasStatus(201);
		JsonNode payment = paid.json();
		assertThat(payment.get("amount").asString()).isEqualTo("150.00");
		assertThat(payment.get("receiptNumber").asString()).isEqualTo(NOW.getYear() + "-000001");
		assertThat(payment.get("allocations").size()).isEqualTo(2);
		assertThat(payment.get("allocations").get(0).get("billId").asLong()).isEqualTo(this.bills.get(0));
		assertThat(payment.get("allocations").get(0).get("amount").asString()).isEqualTo("100.00");
		assertThat(payment.get("allocations").get(1).get("amount").asString()).isEqualTo("50.00");
		assertThat(payment.get("toPrepaid").asString()).isEqualTo("0.00");
		assertThat(payment.get("remaining").asString()).isEqualTo("150.00");

		JsonNode lines = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json();
		assertThat(lines.get(0).get("status").asString()).isEqualTo("PAID");
		assertThat(lines.get(0).get("settledBy").get(0).get("receiptNumber").asString())
			.isEqualTo(NOW.getYear() + "-000001");
		assertThat(lines.get(0).get("settledBy").get(0).get("amount").asString()).isEqualTo("100.00");
		assertThat(lines.get(1).get("status").asString()).isEqualTo("PARTIALLY_PAID");
		assertThat(lines.get(1).get("paid").asString()).isEqualTo("50.00");
		assertThat(lines.get(1).get("outstanding").asString()).isEqualTo("50.00");
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills?status=UNPAID", this.finance).json().size())
			.isEqualTo(1);

		// the chosen lines, in any order, settle oldest first; the next receipt number
		// follows without a gap
		JsonNode second = pay(Map.of("roomId", this.room, "amount", "80.00", "method", "BANK_TRANSFER", "reference",
				"TX-1", "billIds", List.of(this.bills.get(2), this.bills.get(1))), key())
			.json();
		assertThat(second.get("receiptNumber").asString()).isEqualTo(NOW.getYear() + "-000002");
		assertThat(second.get("allocations").get(0).get("billId").asLong()).isEqualTo(this.bills.get(1));
		assertThat(second.get("allocations").get(0).get("amount").asString()).isEqualTo("50.00");
		assertThat(second.get("allocations").get(1).get("amount").asString()).isEqualTo("30.00");
		assertThat(this.api.get("/api/v1/payments/" + second.get("id").asLong(), this.finance)
			.json()
			.get("method")
			.asString()).isEqualTo("BANK_TRANSFER");
	}

	@Test
	void theSameKeyAnswersTheFirstPaymentAndTwentyConcurrentRequestsMakeOne() throws Exception {
		String key = key();
		Map<String, Object> body = Map.of("roomId", this.room, "amount", "100.00", "method", "CASH");
		Api.Response first = pay(body, key);
		Api.Response again = pay(body, key);
		assertThat(again).hasStatus(200);
		assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
		Api.Response changed = pay(Map.of("roomId", this.room, "amount", "90.00", "method", "CASH"), key);
		assertThat(changed).hasStatus(409);
		assertThat(changed.body()).contains("Idempotency-Key");

		String shared = key();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Future<Api.Response>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(pool.submit(() -> pay(Map.of("roomId", this.room, "amount", "10.00", "method", "CASH"), shared)));
		}
		List<Long> ids = new ArrayList<>();
		for (Future<Api.Response> call : calls) {
			Api.Response response = call.get();
			assertThat(response).hasStatus(200, 201);
			ids.add(response.json().get("id").asLong());
		}
		pool.shutdown();
		assertThat(ids.stream().distinct()).hasSize(1);
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ?", this.room)).isEqualTo(2);
	}

	@Test
	void concurrentPaymentsNeverSettleMoreThanIsOwed() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Callable<Api.Response>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(() -> pay(Map.of("roomId", this.room, "amount", "70.00", "method", "CASH"), key()));
		}
		int ok = 0;
		for (Future<Api.Response> f : pool.invokeAll(calls)) {
			ok += (f.get().status() == 201) ? 1 : 0;
		}
		pool.shutdown();
		// 300 owed: four payments of 70 fit, the fifth (20 left) is refused as above what
		// is owed
		assertThat(ok).isEqualTo(4);
		JsonNode lines = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json();
		assertThat(lines.get(2).get("outstanding").asString()).isEqualTo("20.00");
		assertThat(
				count("""
						SELECT count(*) FROM bill b WHERE b.room_id = ? AND b.amount < (SELECT coalesce(sum(amount), 0) FROM payment_allocation WHERE bill_id = b.id)""",
						this.room))
			.isZero();
	}

	@Test
	void badPaymentsAreRefusedWithTheFieldNamedAndChangeNothing() {
		long foreignBill = anotherRoomsBill();
		assertThat(pay(Map.of("roomId", this.room, "amount", "0", "method", "CASH"), key()).fieldMessage("amount"))
			.isEqualTo("必须大于 0");
		assertThat(pay(Map.of("roomId", this.room, "amount", "-5", "method", "CASH"), key())).hasStatus(400);
		assertThat(pay(Map.of("roomId", this.room, "amount", "1.005", "method", "CASH"), key()).fieldMessage("amount"))
			.contains("2 位小数");
		Api.Response above = pay(Map.of("roomId", this.room, "amount", "300.01", "method", "CASH"), key());
		assertThat(above).hasStatus(400);
		assertThat(above.fieldMessage("amount")).contains("300.00");
		assertThat(pay(Map.of("roomId", this.room, "amount", "10", "method", "CASH", "billIds", List.of(999_999_999L)),
				key())
			.fieldMessage("billIds")).contains("999999999");
		assertThat(pay(Map.of("roomId", this.room, "amount", "10", "method", "CASH", "billIds", List.of(foreignBill)),
				key())
			.fieldMessage("billIds")).contains("不属于该房屋");
		assertThat(
				pay(Map.of("roomId", this.room, "amount", "10", "method", "WECHAT"), key()).fieldMessage("reference"))
			.isNotBlank();
		assertThat(pay(Map.of("roomId", this.room, "amount", "10", "method", "GOLD"), key()).fieldMessage("method"))
			.contains("GOLD");
		assertThat(this.api
			.post("/api/v1/payments", this.finance, Map.of("roomId", this.room, "amount", "10", "method", "CASH"))
			.fieldMessage("Idempotency-Key")).isNotBlank();
		assertThat(pay(Map.of("roomId", 987_654_321L, "amount", "10", "method", "CASH"), key())).hasStatus(404);
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ?", this.room)).isZero();
		assertThat(count("SELECT count(*) FROM receipt_sequence WHERE community_id = ?", this.community)).isZero();
		Api.Response english = this.api.post("/api/v1/payments?lang=en", this.finance,
				Map.of("roomId", this.room, "amount", "0", "method", "CASH"), "Idempotency-Key", key(),
				"Accept-Language", "en");
		assertThat(english.fieldMessage("amount")).isEqualTo("Must be greater than 0");
	}

	@Test
	void anExcessGoesToPrepaidOnlyWhenAskedAndAutomaticItemsArePaidFromIt() {
		JsonNode payment = pay(Map.of("roomId", this.room, "amount", "350.00", "method", "POS", "toPrepaid", true),
				key())
			.json();
		assertThat(payment.get("toPrepaid").asString()).isEqualTo("50.00");
		JsonNode account = this.api.get("/api/v1/rooms/" + this.room + "/prepaid-account", this.finance).json();
		assertThat(account.get("balance").asString()).isEqualTo("50.00");
		Api.Response deposit = this.api.post("/api/v1/rooms/" + this.room + "/prepaid-account/deposits", this.finance,
				Map.of("amount", "100.00", "method", "CASH"), "Idempotency-Key", key());
		assertThat(deposit).hasStatus(201);
		assertThat(deposit.json().get("receiptNumber").asString()).endsWith("000002");

		// an item paid automatically from the prepaid balance when billed
		long parking = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "电梯费", "method", "FIXED", "amount", "120.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", NOW.toString(), "autoDeduct", true))
			.id();
		bill(NOW, parking);
		// the deduction follows the run's BillsIssued, once it has committed
		eventually(() -> assertThat(this.api.get("/api/v1/rooms/" + this.room + "/prepaid-account", this.finance)
			.json()
			.get("balance")
			.asString()).isEqualTo("30.00"));
		JsonNode after = this.api.get("/api/v1/rooms/" + this.room + "/prepaid-account", this.finance).json();
		assertThat(after.get("entries").get(0).get("kind").asString()).isEqualTo("DEDUCTION");
		JsonNode lines = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json();
		JsonNode elevator = null;
		for (JsonNode line : lines) {
			elevator = "电梯费".equals(line.get("feeItemName").asString()) ? line : elevator;
		}
		assertThat(elevator.get("status").asString()).isEqualTo("PAID");
		// the other room had no balance: its line stays open
		assertThat(this.api.get("/api/v1/rooms/" + this.otherRoom + "/bills?status=UNPAID", this.finance).json().size())
			.isEqualTo(4);

		// a prepaid balance is paid back only as far as it goes, and only with a
		// manager's approval
		assertThat(this.api.post("/api/v1/rooms/" + this.room + "/prepaid-account/refunds", this.finance,
				Map.of("amount", "30.01", "reason", "搬离")))
			.hasStatus(400);
		long refund = this.api
			.post("/api/v1/rooms/" + this.room + "/prepaid-account/refunds", this.finance,
					Map.of("amount", "30.00", "reason", "搬离"))
			.id();
		assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", this.manager, Map.of())
			.json()
			.get("status")
			.asString()).isEqualTo("APPROVED");
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/prepaid-account", this.finance)
			.json()
			.get("balance")
			.asString()).isEqualTo("0.00");
	}

	@Test
	void refundsNeedAManagerAndReopenTheLines() {
		JsonNode payment = pay(Map.of("roomId", this.room, "amount", "200.00", "method", "CASH"), key()).json();
		long id = payment.get("id").asLong();
		assertThat(this.api
			.post("/api/v1/payments/" + id + "/refunds", this.finance, Map.of("amount", "200.01", "reason", "多收"))
			.fieldMessage("amount")).contains("200.00");
		assertThat(this.api.post("/api/v1/payments/" + id + "/refunds", this.finance, Map.of("amount", "50.00"))
			.fieldMessage("reason")).isNotBlank();
		Api.Response requested = this.api.post("/api/v1/payments/" + id + "/refunds", this.finance,
				Map.of("amount", "150.00", "reason", "重复缴费"));
		assertThat(requested).hasStatus(201);
		long refund = requested.id();
		assertThat(requested.json().get("status").asString()).isEqualTo("PENDING");
		// pending requests count: no second request beyond what is left
		assertThat(this.api.post("/api/v1/payments/" + id + "/refunds", this.finance,
				Map.of("amount", "60.00", "reason", "x")))
			.hasStatus(400);
		// finance cannot approve; nothing moved yet
		assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", this.finance, Map.of())).hasStatus(403);
		assertThat(this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance)
			.json()
			.get(1)
			.get("status")
			.asString()).isEqualTo("PAID");
		JsonNode approved = this.api.post("/api/v1/refunds/" + refund + "/approve", this.manager, Map.of("note", "同意"))
			.json();
		assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
		assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", this.manager, Map.of())).hasStatus(409);
		JsonNode lines = this.api.get("/api/v1/rooms/" + this.room + "/bills", this.finance).json();
		// the last settled line reopens first
		assertThat(lines.get(0).get("status").asString()).isEqualTo("PARTIALLY_PAID");
		assertThat(lines.get(0).get("paid").asString()).isEqualTo("50.00");
		assertThat(lines.get(1).get("status").asString()).isEqualTo("UNPAID");
		assertThat(this.api.get("/api/v1/payments/" + id, this.finance).json().get("refunded").asString())
			.isEqualTo("150.00");
		assertThat(this.api.get("/api/v1/payments/" + id, this.finance).json().get("amount").asString())
			.isEqualTo("200.00");

		// a manager cannot decide their own request
		long own = this.api
			.post("/api/v1/payments/" + id + "/refunds", this.manager, Map.of("amount", "10.00", "reason", "x"))
			.id();
		assertThat(this.api.post("/api/v1/refunds/" + own + "/approve", this.manager, Map.of())).hasStatus(400);
		assertThat(this.api
			.post("/api/v1/refunds/" + own + "/reject", staffToken(List.of("MANAGER"), List.of(this.community)),
					Map.of("note", "不同意"))
			.json()
			.get("status")
			.asString()).isEqualTo("REJECTED");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/refunds?status=PENDING", this.manager)
			.json()
			.get("totalElements")
			.asLong()).isZero();
		JsonNode decided = this.api
			.get("/api/v1/communities/" + this.community + "/refunds?status=REJECTED", this.manager)
			.json();
		assertThat(decided.get("content").size()).isEqualTo(1);
		assertThat(decided.get("content").get(0).get("room").asString()).isEqualTo("1栋-1单元-101");
	}

	@Test
	void theLedgerRefusesEditsAndDeletions() {
		long id = pay(Map.of("roomId", this.room, "amount", "100.00", "method", "CASH"), key()).json()
			.get("id")
			.asLong();
		assertThat(this.api.download("/api/v1/payments/" + id + "/receipt.pdf", this.finance)).hasStatus(200);
		for (String sql : List.of("UPDATE payment SET amount = 1 WHERE id = ?",
				"DELETE FROM payment_allocation WHERE payment_id = ?",
				"UPDATE receipt_print SET printed_by = 'x' WHERE payment_id = ?", "DELETE FROM payment WHERE id = ?")) {
			assertThatThrownBy(() -> this.jdbc.sql(sql).param(id).update()).as(sql).hasMessageContaining("append-only");
		}
	}

	@Test
	void receiptsAreChinesePdfsAndReprintsAreCopies() throws Exception {
		JsonNode payment = pay(Map.of("roomId", this.room, "amount", "1234.50", "method", "CASH", "toPrepaid", true,
				"payerName", "张三"), key())
			.json();
		long id = payment.get("id").asLong();
		Api.Response first = this.api.download("/api/v1/payments/" + id + "/receipt.pdf", this.finance);
		assertThat(first).hasStatus(200);
		assertThat(first.headers().firstValue("Content-Type")).hasValue("application/pdf");
		String text = text(first.bytes());
		assertThat(text).contains("收款收据")
			.contains(payment.get("receiptNumber").asString())
			.contains("张三")
			.contains("1栋-1单元-101")
			.contains("物业费")
			.contains(NOW.minusMonths(2).toString())
			.contains("壹仟贰佰叁拾肆元伍角")
			.contains("现金")
			.contains("934.50")
			.contains("¥1234.50")
			.doesNotContain("补打");
		assertThat(text(this.api.download("/api/v1/payments/" + id + "/receipt.pdf", this.finance).bytes()))
			.contains("补打");
		assertThat(count("SELECT count(*) FROM receipt_print WHERE payment_id = ?", id)).isEqualTo(2);
	}

	@Test
	void onlyFinanceOfTheCommunityAndResidentsOfTheRoom() {
		long payment = pay(Map.of("roomId", this.room, "amount", "100.00", "method", "CASH"), key()).json()
			.get("id")
			.asLong();
		long elsewhere = createCommunity();
		String stranger = staffToken(List.of("FINANCE"), List.of(elsewhere));
		assertThat(this.api.post("/api/v1/payments", stranger,
				Map.of("roomId", this.room, "amount", "1", "method", "CASH"), "Idempotency-Key", key()))
			.hasStatus(404);
		for (String path : List.of("/api/v1/payments/" + payment, "/api/v1/rooms/" + this.room + "/prepaid-account",
				"/api/v1/rooms/" + this.room + "/payments",
				"/api/v1/communities/" + this.community + "/cashier-summary",
				"/api/v1/communities/" + this.community + "/refunds")) {
			assertThat(this.api.get(path, stranger)).hasStatus(404);
			assertThat(this.api.get(path, null)).hasStatus(401);
		}
		assertThat(this.api.download("/api/v1/payments/" + payment + "/receipt.pdf", stranger)).hasStatus(404);
		assertThat(this.api.post("/api/v1/payments/" + payment + "/refunds", stranger,
				Map.of("amount", "1", "reason", "x")))
			.hasStatus(404);
		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		assertThat(pay(service, Map.of("roomId", this.room, "amount", "1", "method", "CASH"), key())).hasStatus(403);

		String owner = residentToken(this.community, this.room, "OWNER");
		String neighbour = residentToken(this.community, this.otherRoom, "OWNER");
		JsonNode mine = this.api.get("/api/v1/me/payments", owner).json();
		assertThat(mine.size()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/payments", neighbour).json().size()).isZero();
		assertThat(this.api.download("/api/v1/me/payments/" + payment + "/receipt.pdf", owner)).hasStatus(200);
		assertThat(this.api.download("/api/v1/me/payments/" + payment + "/receipt.pdf", neighbour)).hasStatus(404);
		assertThat(pay(owner, Map.of("roomId", this.room, "amount", "1", "method", "CASH"), key())).hasStatus(403);
		assertThat(this.api.post("/api/v1/me/payment-orders", neighbour, Map.of("roomId", this.room))).hasStatus(404);
		assertThat(this.api.get("/api/v1/me/prepaid-accounts", owner).json().get(0).get("roomId").asLong())
			.isEqualTo(this.room);
	}

	@Test
	void theGatewaysSignedNotificationPaysAnOrderOnceAndForgeriesChangeNothing() {
		String owner = residentToken(this.community, this.room, "OWNER");
		Api.Response ordered = this.api.post("/api/v1/me/payment-orders", owner,
				Map.of("roomId", this.room, "billIds", List.of(this.bills.get(0), this.bills.get(1))));
		assertThat(ordered).hasStatus(201);
		JsonNode order = ordered.json();
		assertThat(order.get("amount").asString()).isEqualTo("200.00");
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("payUrl").asString())
			.startsWith("https://pay.example.test/checkout?orderNumber=" + order.get("orderNumber").asString());
		String number = order.get("orderNumber").asString();
		String body = "{\"orderNumber\":\"" + number + "\",\"transactionId\":\"WX-" + UUID.randomUUID()
				+ "\",\"amount\":\"200.00\"}";
		String now = String.valueOf(this.clock.instant().getEpochSecond());

		assertThat(send(this.api, body, now, sign(now, body.replace("200.00", "2.00")))).hasStatus(401);
		assertThat(send(this.api, body, now, "00" + sign(now, body).substring(2))).hasStatus(401);
		String old = String.valueOf(this.clock.instant().getEpochSecond() - 3600);
		assertThat(send(this.api, body, old, sign(old, body))).hasStatus(401);
		String cheap = body.replace("200.00", "2.00");
		assertThat(send(this.api, cheap, now, sign(now, cheap))).hasStatus(400);
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ?", this.room)).isZero();

		Api.Response accepted = send(this.api, body, now, sign(now, body));
		assertThat(accepted).hasStatus(200);
		long payment = accepted.json().get("paymentId").asLong();
		Api.Response replayed = send(this.api, body, now, sign(now, body));
		assertThat(replayed.json().get("paymentId").asLong()).isEqualTo(payment);
		assertThat(replayed.json().get("replayed").asBoolean()).isTrue();
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ?", this.room)).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/payment-orders/" + order.get("id").asLong(), owner)
			.json()
			.get("status")
			.asString()).isEqualTo("PAID");
		JsonNode mine = this.api.get("/api/v1/me/bills", owner).json();
		assertThat(mine.get(0).get("status").asString()).isEqualTo("PAID");
		assertThat(mine.get(2).get("status").asString()).isEqualTo("UNPAID");
		String another = body.replace("WX-", "WX-2-");
		assertThat(send(this.api, another, now, sign(now, another))).hasStatus(409);

		// the desk: a cashier takes an order by its number
		String desk = this.api.post("/api/v1/me/payment-orders", owner, Map.of("roomId", this.room))
			.json()
			.get("orderNumber")
			.asString();
		assertThat(this.api.get("/api/v1/payment-orders/" + desk, this.finance).json().get("amount").asString())
			.isEqualTo("100.00");
		JsonNode taken = pay(Map.of("roomId", this.room, "amount", "100.00", "method", "BANK_TRANSFER", "reference",
				"B-77", "orderNumber", desk), key())
			.json();
		assertThat(taken.get("allocations").get(0).get("billId").asLong()).isEqualTo(this.bills.get(2));
		assertThat(pay(
				Map.of("roomId", this.room, "amount", "1.00", "method", "CASH", "orderNumber", desk, "toPrepaid", true),
				key()))
			.hasStatus(409);
	}

	@Test
	void aResidentsOrdersShowEachAsItStandsNewestFirst() {
		String owner = residentToken(this.community, this.room, "OWNER");
		long pending = this.api
			.post("/api/v1/me/payment-orders", owner,
					Map.of("roomId", this.room, "billIds", List.of(this.bills.get(0))))
			.id();
		long settled = this.api
			.post("/api/v1/me/payment-orders", owner,
					Map.of("roomId", this.room, "billIds", List.of(this.bills.get(1))))
			.id();
		long voided = this.api
			.post("/api/v1/me/payment-orders", owner,
					Map.of("roomId", this.room, "billIds", List.of(this.bills.get(0), this.bills.get(2))))
			.id();
		// the desk takes the second and the third line: one order is settled, one asks
		// more
		// than is owed now
		assertThat(pay(Map.of("roomId", this.room, "amount", "200.00", "method", "CASH", "billIds",
				List.of(this.bills.get(1), this.bills.get(2))), key()))
			.hasStatus(201);

		JsonNode orders = this.api.get("/api/v1/me/payment-orders", owner).json();

		assertThat(orders).hasSize(3);
		List<Long> ids = new ArrayList<>();
		List<String> statuses = new ArrayList<>();
		for (JsonNode order : orders) {
			ids.add(order.get("id").asLong());
			statuses.add(order.get("status").asString());
			assertThat(order.get("room").asString()).isNotBlank();
			assertThat(order.hasNonNull("payUrl")).isEqualTo("PENDING".equals(order.get("status").asString()));
			assertThat(this.api.get("/api/v1/me/payment-orders/" + order.get("id").asLong(), owner).json())
				.isEqualTo(order);
		}
		assertThat(ids).containsExactly(voided, settled, pending);
		assertThat(statuses).containsExactly("VOID", "SETTLED", "PENDING");
	}

	@Test
	void aNotificationAfterTheDeskPaidPutsTheMoneyInPrepaidAndParallelOnesPayOnce() throws Exception {
		String owner = residentToken(this.community, this.room, "OWNER");
		String number = this.api
			.post("/api/v1/me/payment-orders", owner,
					Map.of("roomId", this.room, "billIds", List.of(this.bills.get(0), this.bills.get(1))))
			.json()
			.get("orderNumber")
			.asString();
		// the cashier takes the first line at the desk while the resident pays online
		assertThat(pay(Map.of("roomId", this.room, "amount", "100.00", "method", "CASH", "billIds",
				List.of(this.bills.get(0))), key()))
			.hasStatus(201);
		String now = String.valueOf(this.clock.instant().getEpochSecond());
		List<String> bodies = List.of(
				"{\"orderNumber\":\"" + number + "\",\"transactionId\":\"WX-A-" + UUID.randomUUID()
						+ "\",\"amount\":\"200.00\"}",
				"{\"orderNumber\":\"" + number + "\",\"transactionId\":\"WX-B-" + UUID.randomUUID()
						+ "\",\"amount\":\"200.00\"}");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Integer> statuses;
		try {
			List<Future<Api.Response>> calls = new ArrayList<>();
			for (String body : bodies) {
				calls.add(pool.submit(() -> send(this.api, body, now, sign(now, body))));
			}
			statuses = new ArrayList<>();
			for (Future<Api.Response> call : calls) {
				statuses.add(call.get().status());
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		JsonNode online = this.api.get("/api/v1/rooms/" + this.room + "/payments", this.finance).json().get(0);
		assertThat(online.get("method").asString()).isEqualTo("ONLINE");
		assertThat(online.get("toPrepaid").asString()).isEqualTo("100.00");
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ? AND method = 'ONLINE'", this.room))
			.isEqualTo(1);
	}

	@Test
	void theCashiersDayMatchesTheReceipts() {
		pay(Map.of("roomId", this.room, "amount", "100.00", "method", "CASH"), key());
		pay(Map.of("roomId", this.room, "amount", "50.00", "method", "CASH"), key());
		pay(Map.of("roomId", this.otherRoom, "amount", "80.00", "method", "POS"), key());
		JsonNode day = this.api.get("/api/v1/communities/" + this.community + "/cashier-summary", this.finance).json();
		assertThat(day.get("count").asInt()).isEqualTo(3);
		assertThat(day.get("total").asString()).isEqualTo("230.00");
		assertThat(day.get("firstReceipt").asString()).endsWith("000001");
		assertThat(day.get("lastReceipt").asString()).endsWith("000003");
		Map<String, String> byMethod = new HashMap<>();
		day.get("byMethod").forEach((m) -> byMethod.put(m.get("method").asString(), m.get("amount").asString()));
		assertThat(byMethod).containsEntry("CASH", "150.00").containsEntry("POS", "80.00");
		assertThat(day.get("byCashier").size()).isEqualTo(2);
		assertThat(
				this.api.get("/api/v1/communities/" + this.community + "/cashier-summary?date=2020-01-01", this.finance)
					.json()
					.get("count")
					.asInt())
			.isZero();
	}

	@Test
	void theCashierPages() throws Exception {
		String cashier = createStaff(List.of("FINANCE"), List.of(this.community));
		WebSession desk = WebSession.signIn(this.api.base(), cashier, "password-123");
		assertThat(desk.get("/admin/cashier?communityId=" + this.community).body()).contains("日结").contains("收费台");
		var found = desk.get("/admin/cashier?communityId=" + this.community + "&code=1-1-101");
		assertThat(found).hasStatus(302);
		assertThat(found.headers().firstValue("Location").orElseThrow())
			.endsWith("/admin/rooms/" + this.room + "/bills");
		String page = desk.get("/admin/rooms/" + this.room + "/bills").body();
		assertThat(page).contains("确认收费").contains("应缴合计 300.00");

		var refused = desk.postForm("/admin/rooms/" + this.room + "/payments",
				Map.of("amount", "400", "method", "CASH", "payerName", "李四", "key", key()));
		assertThat(refused).hasStatus(200);
		assertThat(refused.body()).contains("300.00").contains("value=\"李四\"").contains("value=\"400\"");
		assertThat(count("SELECT count(*) FROM payment WHERE room_id = ?", this.room)).isZero();

		String key = key();
		var taken = desk.postForm("/admin/rooms/" + this.room + "/payments",
				Map.of("amount", "120", "method", "CASH", "key", key));
		assertThat(taken).hasStatus(302);
		String location = taken.headers().firstValue("Location").orElseThrow();
		var again = desk.postForm("/admin/rooms/" + this.room + "/payments",
				Map.of("amount", "120", "method", "CASH", "key", key));
		assertThat(again.headers().firstValue("Location").orElseThrow()).isEqualTo(location);
		long payment = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(desk.get("/admin/payments/" + payment).body()).contains(NOW.getYear() + "-000001")
			.contains("房屋尚欠 180.00");
		byte[] pdf = desk.bytes("/admin/payments/" + payment + "/receipt.pdf");
		assertThat(text(pdf)).contains("壹佰贰拾元整");
		assertThat(desk.get("/admin/cashier?communityId=" + this.community).body()).contains("合计 120.00 · 笔数 1");
		byte[] day = desk.bytes("/admin/communities/" + this.community + "/cashier-summary.xlsx");
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(day))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(NOW.getYear() + "-000001");
			assertThat(sheet.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(120.0);
		}

		assertThat(desk.postForm("/admin/payments/" + payment + "/refunds", Map.of("amount", "20", "reason", "多收")))
			.hasStatus(302);
		String boss = createStaff(List.of("MANAGER"), List.of(this.community));
		WebSession manager = WebSession.signIn(this.api.base(), boss, "password-123");
		String refunds = manager.get("/admin/communities/" + this.community + "/refunds?status=PENDING").body();
		assertThat(refunds).contains("待审批").contains("多收").contains("批准");
		long refund = this.jdbc.sql("SELECT id FROM refund WHERE payment_id = ?")
			.param(payment)
			.query(Long.class)
			.single();
		assertThat(manager.postForm("/admin/refunds/" + refund + "/approve", Map.of("note", "同意"))).hasStatus(302);
		assertThat(desk.get("/admin/payments/" + payment).body()).contains("已退 20.00");

		String stranger = createStaff(List.of("FINANCE"), List.of(createCommunity()));
		WebSession other = WebSession.signIn(this.api.base(), stranger, "password-123");
		assertThat(other.get("/admin/rooms/" + this.room + "/bills")).hasStatus(404);
		assertThat(other.get("/admin/payments/" + payment)).hasStatus(404);
		assertThat(other.postForm("/admin/rooms/" + this.room + "/payments",
				Map.of("amount", "1", "method", "CASH", "key", key())))
			.hasStatus(404);
	}

	private Api.Response pay(Map<String, Object> body, String key) {
		return pay(this.finance, body, key);
	}

	private Api.Response pay(String token, Map<String, Object> body, String key) {
		return this.api.post("/api/v1/payments", token, body, "Idempotency-Key", key);
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	private long anotherRoomsBill() {
		return this.api.get("/api/v1/rooms/" + this.otherRoom + "/bills", this.finance)
			.json()
			.get(0)
			.get("id")
			.asLong();
	}

	private long count(String sql, Object param) {
		return this.jdbc.sql(sql).param(param).query(Long.class).single();
	}

	private void bill(YearMonth period, long item) {
		Api.Response started = this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance,
				Map.of("period", period.toString(), "feeItemIds", List.of(item)));
		assertThat(started).hasStatus(202);
		for (int i = 0; i < 200; i++) {
			this.runs.pickUp();
			String status = this.api.get("/api/v1/billing-runs/" + started.id(), this.finance)
				.json()
				.get("status")
				.asString();
			if ("COMPLETED".equals(status)) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("The run did not finish");
	}

	static String text(byte[] pdf) throws Exception {
		PdfReader reader = new PdfReader(pdf);
		StringBuilder text = new StringBuilder();
		PdfTextExtractor extractor = new PdfTextExtractor(reader);
		for (int page = 1; page <= reader.getNumberOfPages(); page++) {
			text.append(extractor.getTextFromPage(page));
		}
		return text.toString();
	}

}
