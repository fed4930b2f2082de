package org.linli.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.linli.LinliApplication;
import org.linli.support.Api;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money invariant under generated sequences of bill / pay / partial pay / deposit / refund / late fee / waive,
 * driven through the API against the embedded database. After every sequence, for the room: billed + late fees −
 * waivers − payments + refunds = outstanding, no line is paid beyond what it owes, and the prepaid balance equals
 * deposits − deductions − refunds and is never below zero. Requests the rules refuse (paying more than is owed,
 * refunding more than was paid) must be refused and change nothing.
 */
class LedgerInvariantPropertyTests {

	private static ConfigurableApplicationContext context;

	private static Api api;

	private static JdbcClient jdbc;

	private static String admin;

	private static String finance;

	private static String manager;

	private static long building;

	private static int rooms;

	@BeforeContainer
	static void start() {
		context = new SpringApplicationBuilder(LinliApplication.class).properties("server.port=0",
				"linli.billing.poll=PT1H", "linli.billing.poll-initial-delay=PT1H").run();
		api = new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
		jdbc = context.getBean(JdbcClient.class);
		admin = api.token("admin", "test-admin-password");
		long community = api.post("/api/v1/communities", admin, Map.of("name", "性质小区-" + UUID.randomUUID(), "address", "x")).id();
		building = api.post("/api/v1/communities/" + community + "/buildings", admin, Map.of("name", "1栋", "floors", 30)).id();
		finance = staff(community, "FINANCE");
		manager = staff(community, "MANAGER");
	}

	@AfterContainer
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	sealed interface Op permits Bill, Pay, Deposit, Refund, RefundPrepaid, LateFee, Waive {
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

	record LateFee(int bill, BigDecimal amount) implements Op {
	}

	record Waive(int bill, BigDecimal amount) implements Op {
	}

	@Provide
	Arbitrary<List<Op>> operations() {
		Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("400.00")).ofScale(2);
		Arbitrary<Integer> index = Arbitraries.integers().between(0, 9);
		Arbitrary<Op> op = Arbitraries.oneOf(
				money.map(Bill::new),
				Combinators.combine(money, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Pay::new),
				money.map(Deposit::new),
				Combinators.combine(index, money).as(Refund::new),
				money.map(RefundPrepaid::new),
				Combinators.combine(index, money.map((m) -> m.divide(BigDecimal.TEN, 2, java.math.RoundingMode.HALF_UP)
					.max(new BigDecimal("0.01")))).as(LateFee::new),
				Combinators.combine(index, money).as(Waive::new));
		return op.list().ofMinSize(3).ofMaxSize(14);
	}

	@Property(tries = 25)
	void billedPlusLateFeesLessWaiversLessPaymentsPlusRefundsIsOutstanding(@ForAll("operations") List<Op> ops) {
		long room = api.post("/api/v1/buildings/" + building + "/rooms", admin,
				Map.of("unit", "1单元", "floor", 1, "number", "P" + (++rooms) + "-" + UUID.randomUUID().toString().substring(0, 6),
						"buildingArea", "80.00")).id();
		long community = jdbc.sql("SELECT community_id FROM room WHERE id = ?").param(room).query(Long.class).single();
		long item = jdbc.sql("SELECT id FROM fee_item WHERE community_id = ? AND name = '性质测试'").param(community)
			.query(Long.class).optional().orElseGet(() -> jdbc.sql("""
					INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, effective_from, created_at)
					VALUES (?, '性质测试', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', DATE '2020-01-01', now()) RETURNING id""")
				.param(community).query(Long.class).single());
		List<Long> bills = new ArrayList<>();
		List<Long> payments = new ArrayList<>();
		int month = 0;
		for (Op op : ops) {
			apply(op, room, community, item, bills, payments, month);
			month++;
		}
		BigDecimal billed = sum("SELECT coalesce(sum(amount), 0) FROM bill WHERE room_id = ?", room);
		BigDecimal late = sum("SELECT coalesce(sum(a.amount), 0) FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ? AND a.kind = 'LATE_FEE'", room);
		BigDecimal waived = sum("SELECT coalesce(sum(a.amount), 0) FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ? AND a.kind IN ('WAIVER', 'CANCELLATION')", room);
		BigDecimal paid = sum("SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ?", room);
		BigDecimal refunded = sum("SELECT coalesce(sum(a.amount), 0) FROM refund_allocation a JOIN bill b ON b.id = a.bill_id WHERE b.room_id = ?", room);
		assertThat(billed.add(late).subtract(waived).subtract(paid).add(refunded)).isEqualByComparingTo(outstanding(room));
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			BigDecimal exact = new BigDecimal(line.get("amount").asString()).add(new BigDecimal(line.get("lateFee").asString()))
				.subtract(new BigDecimal(line.get("waived").asString())).subtract(new BigDecimal(line.get("paid").asString()));
			assertThat(exact).as("line %s", line).isEqualByComparingTo(new BigDecimal(line.get("outstanding").asString()));
		}
		BigDecimal deposits = sum("SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'DEPOSIT'", room);
		BigDecimal deductions = sum("SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'DEDUCTION'", room);
		BigDecimal prepaidRefunds = sum("SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE room_id = ? AND kind = 'REFUND'", room);
		BigDecimal balance = new BigDecimal(api.get("/api/v1/rooms/" + room + "/prepaid-account", finance).json().get("balance").asString());
		assertThat(balance).isEqualByComparingTo(deposits.subtract(deductions).subtract(prepaidRefunds));
		assertThat(balance.signum()).isGreaterThanOrEqualTo(0);
		assertThat(sum("SELECT coalesce(sum(to_prepaid), 0) FROM payment WHERE room_id = ?", room)).isEqualByComparingTo(deposits);
	}

	private static void apply(Op op, long room, long community, long item, List<Long> bills, List<Long> payments, int month) {
		if (op instanceof Bill b) {
			bills.add(jdbc.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount, due_date, created_at)
					VALUES (?, ?, ?, DATE '2020-01-01' + make_interval(months => ?), 1, 1, ?, ?, DATE '2020-01-15', now()) RETURNING id""")
				.params(community, room, item, month, b.amount(), b.amount()).query(Long.class).single());
		}
		else if (op instanceof Pay p) {
			BigDecimal owed = outstanding(room);
			Map<String, Object> body = new java.util.HashMap<>(Map.of("roomId", room, "amount", p.amount().toPlainString(),
					"method", "CASH", "toPrepaid", p.toPrepaid()));
			List<Long> open = openBills(room);
			if (p.oneLine() && !open.isEmpty()) {
				body.put("billIds", List.of(open.get(open.size() - 1)));
				owed = lineOutstanding(room, open.get(open.size() - 1));
			}
			Api.Response response = api.post("/api/v1/payments", finance, body, "Idempotency-Key", UUID.randomUUID().toString());
			boolean allowed = p.toPrepaid() || p.amount().compareTo(owed) <= 0;
			assertThat(response.status()).as("%s owed %s: %s", p, owed, response.body()).isEqualTo(allowed ? 201 : 400);
			if (allowed) {
				payments.add(response.id());
			}
		}
		else if (op instanceof Deposit d) {
			assertThat(api.post("/api/v1/rooms/" + room + "/prepaid-account/deposits", finance,
					Map.of("amount", d.amount().toPlainString(), "method", "CASH"), "Idempotency-Key", UUID.randomUUID().toString())
				.status()).isEqualTo(201);
		}
		else if (op instanceof Refund r) {
			if (payments.isEmpty()) {
				return;
			}
			long payment = payments.get(r.payment() % payments.size());
			Api.Response requested = api.post("/api/v1/payments/" + payment + "/refunds", finance,
					Map.of("amount", r.amount().toPlainString(), "reason", "性质测试"));
			if (requested.status() == 201) {
				assertThat(api.post("/api/v1/refunds/" + requested.id() + "/approve", manager, Map.of()).status()).isEqualTo(200);
			}
			else {
				assertThat(requested.status()).as(requested.body()).isEqualTo(400);
			}
		}
		else if (op instanceof RefundPrepaid r) {
			Api.Response requested = api.post("/api/v1/rooms/" + room + "/prepaid-account/refunds", finance,
					Map.of("amount", r.amount().toPlainString(), "reason", "性质测试"));
			if (requested.status() == 201) {
				assertThat(api.post("/api/v1/refunds/" + requested.id() + "/approve", manager, Map.of()).status()).isEqualTo(200);
			}
			else {
				assertThat(requested.status()).isEqualTo(400);
			}
		}
		else if (op instanceof LateFee l) {
			if (!bills.isEmpty()) {
				jdbc.sql("INSERT INTO bill_adjustment (bill_id, kind, amount, as_of, created_at) VALUES (?, 'LATE_FEE', ?, now()::date + ?, now())")
					.params(bills.get(l.bill() % bills.size()), l.amount(), month)
					.update();
			}
		}
		else if (op instanceof Waive w && !bills.isEmpty()) {
			long bill = bills.get(w.bill() % bills.size());
			int status = api.post("/api/v1/bills/" + bill + "/waive", finance,
					Map.of("amount", w.amount().toPlainString(), "reason", "性质测试")).status();
			assertThat(status).isIn(200, 400);
		}
	}

	private static BigDecimal outstanding(long room) {
		BigDecimal total = BigDecimal.ZERO;
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			total = total.add(new BigDecimal(line.get("outstanding").asString()));
		}
		return total;
	}

	private static BigDecimal lineOutstanding(long room, long bill) {
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			if (line.get("id").asLong() == bill) {
				return new BigDecimal(line.get("outstanding").asString());
			}
		}
		throw new AssertionError("No bill " + bill);
	}

	private static List<Long> openBills(long room) {
		List<Long> open = new ArrayList<>();
		for (JsonNode line : api.get("/api/v1/rooms/" + room + "/bills", finance).json()) {
			if (new BigDecimal(line.get("outstanding").asString()).signum() > 0) {
				open.add(line.get("id").asLong());
			}
		}
		return open;
	}

	private static BigDecimal sum(String sql, long room) {
		return jdbc.sql(sql).param(room).query(BigDecimal.class).single();
	}

	private static String staff(long community, String role) {
		String username = ("prop-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
		api.post("/api/v1/staff", admin, Map.of("username", username, "password", "password-123", "name", role,
				"roles", List.of(role), "communityIds", List.of(community)));
		return api.token(username, "password-123");
	}

}
