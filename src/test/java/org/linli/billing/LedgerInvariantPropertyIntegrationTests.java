package org.linli.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.support.Seeds;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The money invariant under generated sequences of bill / pay / partial pay / deposit /
 * refund / waive (late fees from each line's history, overdue since 2020), driven through
 * the API against the embedded database. After every sequence, for the room: billed +
 * late fees − waivers − payments + refunds = outstanding, no line is paid beyond what it
 * owes, and the prepaid balance equals deposits − deductions − refunds and is never below
 * zero. Requests the rules refuse (paying more than is owed, refunding more than was
 * paid) must be refused and change nothing.
 */
class LedgerInvariantPropertyIntegrationTests extends IntegrationTest {

	/** Generated sequences per run (jqwik ran 25). */
	private static final int SEQUENCES = 30;

	private static final BigDecimal MIN = new BigDecimal("0.01");

	private static final BigDecimal MAX = new BigDecimal("400.00");

	private String admin;

	private String finance;

	private String manager;

	private long building;

	private int rooms;

	private void start() {
		this.admin = admin();
		long community = createCommunity();
		this.building = createBuilding(community, "1栋");
		this.finance = staffToken(List.of("FINANCE"), List.of(community));
		this.manager = staffToken(List.of("MANAGER"), List.of(community));
	}

	sealed interface Op permits Bill, Pay, Deposit, Refund, RefundPrepaid, Waive {

	}

	record Bill(BigDecimal amount) implements Op {
	}

	record Pay(BigDecimal amount, boolean toPrepaid, boolean oneLine) implements Op {
	}

	record Deposit(BigDecimal amount) implements Op {
	}

	record Refund(int payment, BigDecimal amount) implements Op {
	}

	record RefundPrepaid(BigDecimal amount) implements Op {
	}

	record Waive(int bill, BigDecimal amount) implements Op {
	}

	/**
	 * An amount between 0.01 and 400.00 with two decimals; the bounds themselves come up
	 * now and then.
	 */
	private static BigDecimal money(RandomGenerator random) {
		int pick = random.nextInt(20);
		if (pick == 0) {
			return MIN;
		}
		if (pick == 1) {
			return MAX;
		}
		return BigDecimal.valueOf(random.nextLong(1, 40_001), 2);
	}

	/** A sequence of 3 to 14 operations, each kind equally likely. */
	static List<Op> operations(RandomGenerator random) {
		int size = random.nextInt(3, 15);
		List<Op> ops = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			ops.add(switch (random.nextInt(7)) {
				case 0 -> new Bill(money(random));
				case 1 -> new Pay(money(random), random.nextBoolean(), random.nextBoolean());
				case 2 -> new Deposit(money(random));
				case 3 -> new Refund(random.nextInt(10), money(random));
				case 4 -> new RefundPrepaid(money(random));
				default -> new Waive(random.nextInt(10), money(random));
			});
		}
		return ops;
	}

	@Test
	void billedPlusLateFeesLessWaiversLessPaymentsPlusRefundsIsOutstanding() {
		start();
		Seeds.forAll(SEQUENCES, (random, n) -> {
			List<Op> ops = operations(random);
			try {
				holdsFor(ops);
			}
			catch (AssertionError ex) {
				throw new AssertionError("Operations " + ops + ": " + ex.getMessage(), ex);
			}
		});
	}

	private void holdsFor(List<Op> ops) {
		long room = api
			.post("/api/v1/buildings/" + building + "/rooms", admin, Map.of("unit", "1单元", "floor", 1, "number",
					"P" + (++rooms) + "-" + UUID.randomUUID().toString().substring(0, 6), "buildingArea", "80.00"))
			.id();
		long community = jdbc.sql("SELECT community_id FROM room WHERE id = ?").param(room).query(Long.class).single();
		long item = jdbc.sql("SELECT id FROM fee_item WHERE community_id = ? AND name = '性质测试'")
			.param(community)
			.query(Long.class)
			.optional()
			.orElseGet(() -> jdbc
				.sql("""
						INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
						                      effective_from, created_at)
						VALUES (?, '性质测试', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0.0005, DATE '2020-01-01', now())
						RETURNING id""")
				.param(community)
				.query(Long.class)
				.single());
		List<Long> bills = new ArrayList<>();
		List<Long> payments = new ArrayList<>();
		int month = 0;
		for (Op op : ops) {
			apply(op, room, community, item, bills, payments, month);
			month++;
		}
		BigDecimal billed = sum("SELECT coalesce(sum(amount), 0) FROM bill WHERE room_id = ?", room);
		// late fees from the lines' history (overdue since 2020: up to their cap)
		BigDecimal late = BigDecimal.ZERO;
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			late = late.add(new BigDecimal(line.get("lateFee").asString()));
		}
		BigDecimal waived = sum(
				"SELECT coalesce(sum(a.amount), 0) FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ? AND a.kind IN ('WAIVER', 'LATE_FEE_WAIVER', 'CANCELLATION')",
				room);
		BigDecimal paid = sum(
				"SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ?",
				room);
		BigDecimal refunded = sum(
				"SELECT coalesce(sum(a.amount), 0) FROM refund_allocation a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ?",
				room);
		assertThat(billed.add(late).subtract(waived).subtract(paid).add(refunded))
			.isEqualByComparingTo(outstanding(room));
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			BigDecimal exact = new BigDecimal(line.get("amount").asString())
				.add(new BigDecimal(line.get("lateFee").asString()))
				.subtract(new BigDecimal(line.get("waived").asString()))
				.subtract(new BigDecimal(line.get("paid").asString()));
			assertThat(exact).as("line %s", line)
				.isEqualByComparingTo(new BigDecimal(line.get("outstanding").asString()));
		}
		BigDecimal deposits = sum(
				"SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'DEPOSIT'", room);
		BigDecimal deductions = sum(
				"SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'DEDUCTION'", room);
		BigDecimal prepaidRefunds = sum(
				"SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'REFUND'", room);
		BigDecimal balance = new BigDecimal(
				api.get("/api/v1/rooms/" + room + "/prepaid-account", finance).json().get("balance").asString());
		assertThat(balance).isEqualByComparingTo(deposits.subtract(deductions).subtract(prepaidRefunds));
		assertThat(balance.signum()).isGreaterThanOrEqualTo(0);
		assertThat(sum("SELECT coalesce(sum(to_prepaid), 0) FROM payment WHERE room_id = ?", room))
			.isEqualByComparingTo(deposits);
	}

	private void apply(Op op, long room, long community, long item, List<Long> bills, List<Long> payments, int month) {
		if (op instanceof Bill b) {
			bills.add(jdbc
				.sql("""
						INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount, due_date,
						                  issued_on, created_at)
						VALUES (?, ?, ?, DATE '2020-01-01' + make_interval(months => ?), 1, 1, ?, ?, DATE '2020-01-15',
						        DATE '2020-01-01', now()) RETURNING id""")
				.params(community, room, item, month, b.amount(), b.amount())
				.query(Long.class)
				.single());
		}
		else if (op instanceof Pay p) {
			BigDecimal owed = outstanding(room);
			Map<String, Object> body = new HashMap<>(Map.of("roomId", room, "amount", p.amount().toPlainString(),
					"method", "CASH", "toPrepaid", p.toPrepaid()));
			List<Long> open = openBills(room);
			if (p.oneLine() && !open.isEmpty()) {
				body.put("billIds", List.of(open.get(open.size() - 1)));
				owed = lineOutstanding(room, open.get(open.size() - 1));
			}
			Api.Response response = api.post("/api/v1/payments", finance, body, "Idempotency-Key",
					UUID.randomUUID().toString());
			boolean allowed = p.toPrepaid() || p.amount().compareTo(owed) <= 0;
			assertThat(response).as("%s owed %s", p, owed).hasStatus(allowed ? 201 : 400);
			if (allowed) {
				payments.add(response.id());
			}
		}
		else if (op instanceof Deposit d) {
			assertThat(api.post("/api/v1/rooms/" + room + "/prepaid-account/deposits", finance,
					Map.of("amount", d.amount().toPlainString(), "method", "CASH"), "Idempotency-Key",
					UUID.randomUUID().toString()))
				.hasStatus(201);
		}
		else if (op instanceof Refund r) {
			if (payments.isEmpty()) {
				return;
			}
			long payment = payments.get(r.payment() % payments.size());
			approveIfAccepted(api.post("/api/v1/payments/" + payment + "/refunds", finance,
					Map.of("amount", r.amount().toPlainString(), "reason", "性质测试")));
		}
		else if (op instanceof RefundPrepaid r) {
			approveIfAccepted(api.post("/api/v1/rooms/" + room + "/prepaid-account/refunds", finance,
					Map.of("amount", r.amount().toPlainString(), "reason", "性质测试")));
		}
		else if (op instanceof Waive w && !bills.isEmpty()) {
			long bill = bills.get(w.bill() % bills.size());
			int status = api
				.post("/api/v1/bills/" + bill + "/waive", finance,
						Map.of("amount", w.amount().toPlainString(), "reason", "性质测试"))
				.status();
			assertThat(status).isIn(200, 400);
		}
	}

	/**
	 * A refund the rules allow is approved by the manager; one they refuse is a 400 and
	 * changes nothing.
	 */
	private void approveIfAccepted(Api.Response requested) {
		if (requested.status() == 201) {
			assertThat(api.post("/api/v1/refunds/" + requested.id() + "/approve", manager, Map.of())).hasStatus(200);
		}
		else {
			assertThat(requested).hasStatus(400);
		}
	}

	private BigDecimal outstanding(long room) {
		BigDecimal total = BigDecimal.ZERO;
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			total = total.add(new BigDecimal(line.get("outstanding").asString()));
		}
		return total;
	}

	private BigDecimal lineOutstanding(long room, long bill) {
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			if (line.get("id").asLong() == bill) {
				return new BigDecimal(line.get("outstanding").asString());
			}
		}
		throw new AssertionError("No bill " + bill);
	}

	private List<Long> openBills(long room) {
		List<Long> open = new ArrayList<>();
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			if (new BigDecimal(line.get("outstanding").asString()).signum() > 0) {
				open.add(line.get("id").asLong());
			}
		}
		return open;
	}

	private BigDecimal sum(String sql, long room) {
		return jdbc.sql(sql).param(room).query(BigDecimal.class).single();
	}

}
