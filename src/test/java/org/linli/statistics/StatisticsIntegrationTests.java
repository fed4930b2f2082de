package org.linli.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.Billing;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Fee statistics against the ledger, on generated data (seeded): every figure equals a
 * direct SQL sum over the ledger's rows; buildings and fee items add up to the total;
 * quarters and the year are sums of months; a payment, refund or waiver changes the
 * figures of its own period and no other; late fees and the recovery of earlier arrears
 * stay out of the rate; arrears aging by day; expenses never edited and reversed once.
 */
@TestPropertySource(properties = { "linli.billing.figures-every=PT1H", "linli.billing.figures-initial-delay=PT1H" })
class StatisticsIntegrationTests extends IntegrationTest {

	private static final long SEED = 20261128L;

	private long community;

	private List<Long> buildings;

	private List<Long> rooms;

	private long propertyFee;

	private long waterFee;

	private String finance;

	private String manager;

	private int year;

	@Autowired
	Billing billing;

	@Autowired
	Statistics statistics;

	@BeforeEach
	void aCommunityWithTwoBuildingsAndTwoFeeItems() {
		// a day late in the year: the months generated below are all past
		this.clock.set(LocalDate.of(2026, 11, 28), 10, 0);
		this.community = createCommunity();
		this.buildings = List.of(createBuilding(this.community, "1栋"), createBuilding(this.community, "2栋"));
		this.rooms = new ArrayList<>();
		for (long building : this.buildings) {
			for (int i = 1; i <= 3; i++) {
				this.rooms.add(createRoom(building, "1单元", i, "10" + i));
			}
		}
		this.propertyFee = feeItem("物业费", "0");
		this.waterFee = feeItem("水费", "0");
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
		this.manager = staffToken(List.of("MANAGER"), List.of(this.community));
		this.year = 2026;
	}

	private long feeItem(String name, String lateRate) {
		return this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, ?, 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', ?, DATE '2020-01-01', now()) RETURNING id""")
			.params(this.community, name, new BigDecimal(lateRate))
			.query(Long.class)
			.single();
	}

	private long bill(long room, long item, YearMonth period, BigDecimal amount, LocalDate due) {
		return this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount, due_date,
					                  issued_on, created_at)
					VALUES (?, ?, ?, ?, 1, 1, ?, ?, ?, ?, now()) RETURNING id""")
			.params(this.community, room, item, period.atDay(1), amount, amount, due, period.atDay(1))
			.query(Long.class)
			.single();
	}

	private long pay(long room, long bill, BigDecimal amount) {
		Api.Response paid = this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", room, "amount", amount.toPlainString(), "method", "CASH", "billIds", List.of(bill)),
				"Idempotency-Key", UUID.randomUUID().toString());
		assertThat(paid).hasStatus(201);
		return paid.id();
	}

	private JsonNode collection(String query) {
		this.billing.refreshFigures();
		Api.Response response = this.api.get("/api/v1/communities/" + this.community + "/stats/collection?" + query,
				this.finance);
		assertThat(response).hasStatus(200);
		return response.json();
	}

	private static BigDecimal dec(JsonNode node) {
		return (node == null || node.isNull()) ? null : new BigDecimal(node.asString());
	}

	private BigDecimal sql(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(BigDecimal.class).single();
	}

	/** January to June of this year, generated: lines, payments, waivers, a refund. */
	private void generated() {
		RandomGenerator random = new java.util.Random(SEED);
		List<Long> fullPayments = new ArrayList<>();
		for (int m = 1; m <= 6; m++) {
			YearMonth period = YearMonth.of(this.year, m);
			for (long room : this.rooms) {
				for (long item : List.of(this.propertyFee, this.waterFee)) {
					BigDecimal amount = BigDecimal.valueOf(random.nextLong(1_000, 60_000), 2);
					long bill = bill(room, item, period, amount, period.atDay(15));
					int fate = random.nextInt(10);
					if (fate < 5) {
						fullPayments.add(pay(room, bill, amount));
					}
					else if (fate < 7) {
						BigDecimal part = amount.multiply(BigDecimal.valueOf(random.nextInt(10, 90)))
							.divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
						pay(room, bill, part);
					}
					else if (fate == 7) {
						assertThat(this.api.post("/api/v1/bills/" + bill + "/waive", this.finance,
								Map.of("amount", "5.00", "reason", "统计测试")))
							.hasStatus(200);
					}
				}
			}
		}
		// one approved refund of part of a payment
		long payment = fullPayments.get(0);
		Api.Response refund = this.api.post("/api/v1/payments/" + payment + "/refunds", this.finance,
				Map.of("amount", "3.00", "reason", "统计测试"));
		assertThat(refund).hasStatus(201);
		assertThat(this.api.post("/api/v1/refunds/" + refund.id() + "/approve", this.manager, Map.of())).hasStatus(200);
	}

	@Test
	void everyFigureIsTheLedgersSumAndBuildingsAndFeeItemsAddUpToTheTotal() {
		generated();
		String span = "from=" + this.year + "-01&to=" + this.year + "-06";
		JsonNode total = collection(span + "&groupBy=month");
		JsonNode byBuilding = collection(span + "&groupBy=month&by=building");
		JsonNode byItem = collection(span + "&groupBy=month&by=feeItem");
		assertThat(total.get("rows")).hasSize(6);
		for (JsonNode row : total.get("rows")) {
			String period = row.get("period").asString();
			LocalDate first = YearMonth.parse(period).atDay(1);
			// straight from the rows: principal less waivers; paid less refunds (no late
			// fees
			// here)
			BigDecimal receivable = sql(
					"""
							SELECT sum(b.amount) - coalesce((SELECT sum(a.amount) FROM bill_adjustment a JOIN bill x ON x.id = a.bill_id
							  WHERE x.community_id = ? AND x.period = ? AND a.kind = 'WAIVER'), 0)
							FROM bill b WHERE b.community_id = ? AND b.period = ?""",
					this.community, first, this.community, first);
			BigDecimal received = sql("""
					SELECT coalesce((SELECT sum(pa.amount) FROM payment_allocation pa JOIN bill b ON b.id = pa.bill_id
					  WHERE b.community_id = ? AND b.period = ?), 0)
					 - coalesce((SELECT sum(ra.amount) FROM refund_allocation ra JOIN bill b ON b.id = ra.bill_id
					  WHERE b.community_id = ? AND b.period = ?), 0)""", this.community, first, this.community, first);
			assertThat(dec(row.get("receivable"))).as(period).isEqualByComparingTo(receivable);
			assertThat(dec(row.get("received"))).as(period).isEqualByComparingTo(received);
			assertThat(dec(row.get("rate"))).as(period)
				.isEqualByComparingTo(received.divide(receivable, 4, RoundingMode.HALF_UP));
			// the workbench's tile: the same month's figures, summed in the database
			Statistics.MonthCollection tile = this.statistics.collectionOf(this.community, YearMonth.parse(period));
			assertThat(tile.receivable().amount()).as(period).isEqualByComparingTo(receivable);
			assertThat(tile.received().amount()).as(period).isEqualByComparingTo(received);
			assertThat(tile.rate()).as(period).isEqualByComparingTo(dec(row.get("rate")));
			for (JsonNode breakdown : List.of(byBuilding, byItem)) {
				BigDecimal r = BigDecimal.ZERO;
				BigDecimal p = BigDecimal.ZERO;
				int keys = 0;
				for (JsonNode part : breakdown.get("rows")) {
					if (part.get("period").asString().equals(period)) {
						r = r.add(dec(part.get("receivable")));
						p = p.add(dec(part.get("received")));
						keys++;
					}
				}
				assertThat(keys).isEqualTo(2);
				assertThat(r).as(period).isEqualByComparingTo(receivable);
				assertThat(p).as(period).isEqualByComparingTo(received);
			}
		}
		assertThat(dec(byBuilding.get("total").get("receivable")))
			.isEqualByComparingTo(dec(total.get("total").get("receivable")));
		// quarters and the year are sums of their months
		JsonNode quarters = collection(span + "&groupBy=quarter");
		JsonNode whole = collection(span + "&groupBy=year");
		assertThat(quarters.get("rows").findValuesAsString("period")).containsExactly(this.year + "-Q1",
				this.year + "-Q2");
		BigDecimal firstQuarter = BigDecimal.ZERO;
		for (int i = 0; i < 3; i++) {
			firstQuarter = firstQuarter.add(dec(total.get("rows").get(i).get("received")));
		}
		assertThat(dec(quarters.get("rows").get(0).get("received"))).isEqualByComparingTo(firstQuarter);
		// a quarter's report covers whole quarters
		JsonNode widened = collection("from=" + this.year + "-02&to=" + this.year + "-05&groupBy=quarter");
		assertThat(widened.get("from").asString()).isEqualTo(this.year + "-01");
		assertThat(widened.get("to").asString()).isEqualTo(this.year + "-06");
		assertThat(dec(widened.get("total").get("receivable")))
			.isEqualByComparingTo(dec(quarters.get("total").get("receivable")));
		assertThat(dec(whole.get("rows").get(0).get("receivable")))
			.isEqualByComparingTo(dec(total.get("total").get("receivable")));
		// everything was paid this month: recovered then, never inside a rate
		YearMonth now = YearMonth.from(this.clock.today());
		JsonNode thisMonth = collection("from=" + now + "&to=" + now);
		assertThat(dec(thisMonth.get("total").get("recovered")))
			.isEqualByComparingTo(dec(total.get("total").get("received")));
		assertThat(dec(total.get("total").get("recovered"))).isZero();
	}

	@Test
	void aPaymentRefundOrWaiverChangesItsOwnPeriodAndNoOther() {
		generated();
		String span = "from=" + this.year + "-01&to=" + this.year + "-06";
		JsonNode before = collection(span);
		long room = this.rooms.get(0);
		long extra = feeItem("公摊电费", "0");
		long march = bill(room, extra, YearMonth.of(this.year, 3), new BigDecimal("100.00"),
				LocalDate.of(this.year, 3, 15));
		JsonNode billed = collection(span);
		assertChangedOnly(before, billed, 2, "receivable", new BigDecimal("100.00"));
		long payment = pay(room, march, new BigDecimal("60.00"));
		JsonNode paid = collection(span);
		assertChangedOnly(billed, paid, 2, "received", new BigDecimal("60.00"));
		Api.Response refund = this.api.post("/api/v1/payments/" + payment + "/refunds", this.finance,
				Map.of("amount", "10.00", "reason", "退部分"));
		this.api.post("/api/v1/refunds/" + refund.id() + "/approve", this.manager, Map.of());
		JsonNode refunded = collection(span);
		assertChangedOnly(paid, refunded, 2, "received", new BigDecimal("-10.00"));
		long april = bill(room, extra, YearMonth.of(this.year, 4), new BigDecimal("50.00"),
				LocalDate.of(this.year, 4, 15));
		JsonNode april1 = collection(span);
		assertThat(this.api.post("/api/v1/bills/" + april + "/waive", this.finance,
				Map.of("amount", "20.00", "reason", "减免")))
			.hasStatus(200);
		assertChangedOnly(april1, collection(span), 3, "receivable", new BigDecimal("-20.00"));
	}

	private static void assertChangedOnly(JsonNode before, JsonNode after, int row, String field, BigDecimal by) {
		for (int i = 0; i < before.get("rows").size(); i++) {
			for (String f : List.of("receivable", "received", "recovered", "lateFees")) {
				BigDecimal was = dec(before.get("rows").get(i).get(f));
				BigDecimal is = dec(after.get("rows").get(i).get(f));
				BigDecimal expected = (i == row && f.equals(field)) ? was.add(by) : was;
				assertThat(is).as("row %d %s", i, f).isEqualByComparingTo(expected);
			}
		}
	}

	@Test
	void lateFeesAreTheirOwnLineAndRecoveryOfEarlierArrearsStaysOutOfTheRate() {
		long late = feeItem("停车费", "0.001");
		long room = this.rooms.get(0);
		YearMonth may = YearMonth.of(this.year, 5);
		long line = bill(room, late, may, new BigDecimal("200.00"), may.atDay(15));
		BigDecimal owed = new BigDecimal(
				this.api.get("/api/v1/bills/" + line, this.finance).json().get("outstanding").asString());
		assertThat(owed).isGreaterThan(new BigDecimal("200.00"));
		pay(room, line, owed);
		JsonNode report = collection("from=" + may + "&to=" + may);
		JsonNode row = report.get("rows").get(0);
		assertThat(dec(row.get("receivable"))).isEqualByComparingTo("200.00");
		assertThat(dec(row.get("received"))).isEqualByComparingTo("200.00");
		assertThat(dec(row.get("rate"))).isEqualByComparingTo("1.0000");
		assertThat(dec(row.get("lateFees"))).isEqualByComparingTo(owed.subtract(new BigDecimal("200.00")));
		YearMonth now = YearMonth.from(this.clock.today());
		JsonNode thisMonth = collection("from=" + now + "&to=" + now);
		assertThat(dec(thisMonth.get("rows").get(0).get("recovered"))).isEqualByComparingTo("200.00");
		assertThat(dec(thisMonth.get("rows").get(0).get("received"))).isZero();
	}

	@Test
	void arrearsAgeByTheDaysSinceTheirDueDateAsOfAnyDay() {
		LocalDate today = this.clock.today();
		long room = this.rooms.get(0);
		long other = this.rooms.get(4);
		int[] ages = { 10, 45, 100, 200, 400 };
		List<Long> lines = new ArrayList<>();
		for (int age : ages) {
			LocalDate due = today.minusDays(age);
			lines.add(bill(room, this.propertyFee, YearMonth.from(due.minusDays(20)), new BigDecimal("10.00"), due));
		}
		bill(other, this.waterFee, YearMonth.from(today.minusDays(60)), new BigDecimal("7.50"), today.minusDays(40));
		// paid today: overdue yesterday, not today
		pay(room, lines.get(0), new BigDecimal("10.00"));
		JsonNode now = this.api.get("/api/v1/communities/" + this.community + "/stats/arrears-aging", this.finance)
			.json();
		assertThat(now.get("buckets").findValuesAsString("bucket")).containsExactly("D1_30", "D31_90", "D91_180",
				"D181_365", "OVER_365");
		assertThat(dec(now.get("buckets").get(0).get("amount"))).isZero();
		assertThat(dec(now.get("buckets").get(1).get("amount"))).isEqualByComparingTo("17.50");
		assertThat(now.get("buckets").get(1).get("rooms")).hasSize(2);
		assertThat(dec(now.get("total"))).isEqualByComparingTo("47.50");
		assertThat(now.get("buckets").get(1).get("roomCount").asInt()).isEqualTo(2);
		JsonNode yesterday = this.api
			.get("/api/v1/communities/" + this.community + "/stats/arrears-aging?asOf=" + today.minusDays(1),
					this.finance)
			.json();
		assertThat(dec(yesterday.get("buckets").get(0).get("amount"))).isEqualByComparingTo("10.00");
		assertThat(yesterday.get("buckets").get(0).get("rooms").get(0).get("code").asString()).isEqualTo("1栋-1单元-101");
		// the same once the figures are up to date: worked back from the lines' standing
		assertThat(this.billing.refreshFigures()).isPositive();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/stats/arrears-aging", this.finance).json())
			.isEqualTo(now);
		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/stats/arrears-aging?asOf=" + today.minusDays(1),
					this.finance)
			.json()).isEqualTo(yesterday);
		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/stats/arrears-aging?asOf=" + today.plusDays(1),
					this.finance)
			.fieldMessage("asOf")).isNotBlank();
	}

	@Test
	void aPastMonthsEndIsKeptAndWorkedOutAgainWhenABackDatedChangeReachesIt() {
		LocalDate monthEnd = LocalDate.of(2026, 10, 31);
		long room = this.rooms.get(0);
		long other = this.rooms.get(4);
		long september = bill(room, this.propertyFee, YearMonth.of(2026, 9), new BigDecimal("100.00"),
				LocalDate.of(2026, 9, 15));
		long october = bill(other, this.waterFee, YearMonth.of(2026, 10), new BigDecimal("40.00"),
				LocalDate.of(2026, 10, 15));
		JsonNode kept = aging(monthEnd);
		assertThat(dec(kept.get("total"))).isEqualByComparingTo("140.00");
		assertThat(dec(kept.get("buckets").get(0).get("amount"))).isEqualByComparingTo("40.00");
		assertThat(dec(kept.get("buckets").get(1).get("amount"))).isEqualByComparingTo("100.00");
		// nothing is written by asking; the refresh keeps the past months' ends
		assertThat(keptDays(monthEnd)).isZero();
		assertThat(this.billing.refreshFigures()).isPositive();
		assertThat(keptDays(monthEnd)).isOne();
		assertThat(aging(monthEnd)).isEqualTo(kept);
		// paid today: the month's end still owed it, and stays kept
		pay(room, september, new BigDecimal("100.00"));
		assertThat(keptDays(monthEnd)).isOne();
		assertThat(aging(monthEnd)).isEqualTo(kept);
		assertThat(dec(aging(this.clock.today()).get("total"))).isEqualByComparingTo("40.00");
		// a transfer received on 20 October, recorded today: the month's end no longer
		// owed it, kept or not
		long transfer = this.jdbc
			.sql("""
					INSERT INTO payment (community_id, room_id, amount, method, channel, reference, receipt_number, actor,
					                     created_at, value_date)
					VALUES (?, ?, 40.00, 'BANK_TRANSFER', 'COUNTER', 'B20261020', 'T2026-1020', 'test', now(), DATE '2026-10-20')
					RETURNING id""")
			.params(this.community, other)
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO payment_allocation (payment_id, bill_id, amount) VALUES (?, ?, 40.00)")
			.params(transfer, october)
			.update();
		assertThat(keptDays(monthEnd)).isZero();
		JsonNode again = aging(monthEnd);
		assertThat(dec(again.get("total"))).isEqualByComparingTo("100.00");
		assertThat(dec(again.get("buckets").get(0).get("amount"))).isZero();
		this.billing.refreshFigures();
		assertThat(keptDays(monthEnd)).isOne();
		assertThat(aging(monthEnd)).isEqualTo(again);
		// a line issued on 1 October, billed only now, reaches it too; a day after it
		// does not
		bill(other, this.propertyFee, YearMonth.of(2026, 10), new BigDecimal("25.00"), LocalDate.of(2026, 10, 20));
		assertThat(keptDays(monthEnd)).isZero();
		assertThat(dec(aging(monthEnd).get("total"))).isEqualByComparingTo("125.00");
		this.billing.refreshFigures();
		assertThat(keptDays(monthEnd)).isOne();
		bill(other, this.waterFee, YearMonth.of(2026, 11), new BigDecimal("9.00"), LocalDate.of(2026, 11, 15));
		assertThat(keptDays(monthEnd)).isOne();
		// and the same figures once the ledger's are up to date, today's from what is
		// kept of the open lines, the day before the month's end worked back from it
		assertThat(this.billing.refreshFigures()).isPositive();
		assertThat(dec(aging(monthEnd).get("total"))).isEqualByComparingTo("125.00");
		assertThat(dec(aging(this.clock.today()).get("total"))).isEqualByComparingTo("34.00");
		assertThat(dec(aging(LocalDate.of(2026, 10, 30)).get("total"))).isEqualByComparingTo("125.00");
		assertThat(dec(aging(LocalDate.of(2026, 10, 19)).get("total"))).isEqualByComparingTo("140.00");
	}

	private JsonNode aging(LocalDate asOf) {
		Api.Response response = this.api
			.get("/api/v1/communities/" + this.community + "/stats/arrears-aging?asOf=" + asOf, this.finance);
		assertThat(response).hasStatus(200);
		return response.json();
	}

	private long keptDays(LocalDate asOf) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_owed_snapshot WHERE community_id = ? AND as_of = ?")
			.params(this.community, asOf)
			.query(Long.class)
			.single();
	}

	@Test
	void expensesAreNeverEditedAreReversedOnceAndCountWithTheRepairsTheCommunityBore() {
		String path = "/api/v1/communities/" + this.community + "/expenses";
		LocalDate today = this.clock.today();
		Api.Response refused = this.api.post(path, this.finance,
				Map.of("date", today.plusDays(1).toString(), "amount", "-3", "payee", "x"));
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("date")).isNotBlank();
		assertThat(refused.fieldMessage("category")).isNotBlank();
		assertThat(refused.fieldMessage("amount")).isNotBlank();
		Api.Response greening = this.api.post(path, this.finance, Map.of("date", today.toString(), "category",
				"GREENING", "amount", "300.00", "payee", "绿源园林", "note", "补植"));
		assertThat(greening).hasStatus(201);
		this.api.post(path, this.finance,
				Map.of("date", today.toString(), "category", "CLEANING", "amount", "880.00", "payee", "洁美"));
		Api.Response reversal = this.api.post("/api/v1/expenses/" + greening.id() + "/reversal", this.finance,
				Map.of("reason", "重复登记"));
		assertThat(reversal).hasStatus(201);
		assertThat(dec(reversal.json().get("amount"))).isEqualByComparingTo("-300.00");
		assertThat(this.api.post("/api/v1/expenses/" + greening.id() + "/reversal", this.finance,
				Map.of("reason", "再来一次")))
			.hasStatus(409);
		assertThat(
				this.api.post("/api/v1/expenses/" + reversal.id() + "/reversal", this.finance, Map.of("reason", "x")))
			.hasStatus(409);
		assertThat(this.api.post("/api/v1/expenses/" + greening.id() + "/reversal", this.finance, Map.of())
			.fieldMessage("reason")).isNotBlank();
		// the rows stay as they were written
		assertThat(this.jdbc.sql("SELECT count(*) FROM expense WHERE community_id = ?")
			.param(this.community)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(this.api.get(path + "?category=GREENING", this.finance).json().get("totalElements").asInt())
			.isEqualTo(2);

		// a public repair the community bore, completed this year
		String deskUser = createStaff(List.of("MANAGER", "SERVICE", "TECHNICIAN"), List.of(this.community));
		String desk = this.api.token(deskUser, "password-123");
		long order = this.api
			.post("/api/v1/communities/" + this.community + "/work-orders", desk,
					Map.of("location", "大堂", "category", "LIGHTING", "description", "大堂灯不亮"))
			.id();
		long me = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(deskUser)
			.query(Long.class)
			.single();
		this.api.post("/api/v1/work-orders/" + order + "/assign", desk, Map.of("assigneeId", me));
		this.api.post("/api/v1/work-orders/" + order + "/accept", desk, Map.of());
		this.api.post("/api/v1/work-orders/" + order + "/start", desk, Map.of());
		assertThat(this.api.post("/api/v1/work-orders/" + order + "/complete", desk,
				Map.of("note", "换灯管", "labour", "120.00")))
			.hasStatus(200);

		// and a household's payment this year
		long line = bill(this.rooms.get(0), this.propertyFee, YearMonth.of(this.year, 10), new BigDecimal("200.00"),
				LocalDate.of(this.year, 10, 15));
		pay(this.rooms.get(0), line, new BigDecimal("200.00"));
		this.billing.refreshFigures();
		JsonNode report = this.api
			.get("/api/v1/communities/" + this.community + "/stats/income-expense?year=" + this.year + "&groupBy=year",
					this.finance)
			.json();
		BigDecimal received = sql("""
				SELECT coalesce(sum(pa.amount), 0) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id
				WHERE p.community_id = ? AND extract(year FROM p.value_date) = ?""", this.community, this.year);
		assertThat(dec(report.get("total").get("incomeTotal"))).isEqualByComparingTo(received)
			.isEqualByComparingTo("200.00");
		JsonNode total = report.get("total");
		Map<String, BigDecimal> expense = new HashMap<>();
		for (JsonNode a : total.get("expense")) {
			expense.put(a.get("category").asString(), dec(a.get("amount")));
		}
		assertThat(expense.get("GREENING")).isEqualByComparingTo("0.00");
		assertThat(expense.get("CLEANING")).isEqualByComparingTo("880.00");
		assertThat(expense.get("REPAIR")).isEqualByComparingTo("120.00");
		assertThat(dec(total.get("expenseTotal"))).isEqualByComparingTo("1000.00");
		assertThat(dec(total.get("balance"))).isEqualByComparingTo("-800.00");

		// a receipt, attached once, served back as it is
		byte[] pdf = "%PDF-1.4 receipt".getBytes();
		Api.Response attached = this.api.upload("/api/v1/expenses/" + greening.id() + "/attachment", this.finance,
				"r.pdf", pdf);
		assertThat(attached).hasStatus(200);
		assertThat(attached.json().get("attachment").asBoolean()).isTrue();
		assertThat(this.api.download("/api/v1/expenses/" + greening.id() + "/attachment", this.finance).bytes())
			.isEqualTo(pdf);
		assertThat(this.api.upload("/api/v1/expenses/" + greening.id() + "/attachment", this.finance, "s.pdf", pdf))
			.hasStatus(409);
		assertThat(this.api
			.upload("/api/v1/expenses/" + reversal.id() + "/attachment", this.finance, "t.txt", "plain".getBytes())
			.fieldMessage("file")).isNotBlank();
		assertThat(report.get("previousTotal").get("period").asString()).isEqualTo(String.valueOf(this.year - 1));
	}

	@Test
	void theCollectionOfAllAMembersCommunitiesAddsUpTheirs() {
		generated();
		long other = createCommunity();
		long room = createRoom(createBuilding(other, "9栋"), "1单元", 1, "101");
		long item = this.jdbc.sql("""
				INSERT INTO fee_item (community_id, name, method, amount, cycle, due_day, applies_to, late_daily_rate,
				                      effective_from, created_at)
				VALUES (?, '物业费', 'FIXED', 1, 'MONTHLY', 15, 'ALL_ROOMS', 0, DATE '2020-01-01', now()) RETURNING id""")
			.param(other)
			.query(Long.class)
			.single();
		this.jdbc
			.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount, due_date,
					                  issued_on, created_at)
					VALUES (?, ?, ?, ?, 1, 1, 77, 77.00, ?, ?, now())""")
			.params(other, room, item, YearMonth.of(this.year, 2).atDay(1), LocalDate.of(this.year, 2, 15),
					LocalDate.of(this.year, 2, 1))
			.update();
		String both = staffToken(List.of("FINANCE"), List.of(this.community, other));
		String span = "from=" + this.year + "-01&to=" + this.year + "-06";
		this.billing.refreshFigures();
		JsonNode all = this.api.get("/api/v1/stats/collection?" + span, both).json();
		JsonNode mine = collection(span);
		assertThat(dec(all.get("total").get("receivable")))
			.isEqualByComparingTo(dec(mine.get("total").get("receivable")).add(new BigDecimal("77.00")));
		assertThat(dec(all.get("total").get("received"))).isEqualByComparingTo(dec(mine.get("total").get("received")));
		JsonNode byCommunity = this.api.get("/api/v1/stats/collection?" + span + "&by=community", both).json();
		assertThat(byCommunity.get("rows")).hasSize(12);
		// a member of one community sees only it
		JsonNode one = this.api.get("/api/v1/stats/collection?" + span, this.finance).json();
		assertThat(dec(one.get("total").get("receivable")))
			.isEqualByComparingTo(dec(mine.get("total").get("receivable")));
		assertThat(this.api.get("/api/v1/stats/collection?" + span + "&by=building", both).fieldMessage("by"))
			.isNotBlank();
	}

}
