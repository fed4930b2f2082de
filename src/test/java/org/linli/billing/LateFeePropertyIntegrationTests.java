package org.linli.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * A line's late fee under random sequences of partial payments, refunds, waivers of the
 * principal and of the late fee, and days passing, through the API on a settable clock,
 * against an independent day-by-day sum kept here: for every day from the due date up to
 * the day before today, the principal unpaid at the end of that day × the daily rate,
 * rounded once, capped at the amount billed.
 */
class LateFeePropertyIntegrationTests extends IntegrationTest {

	private static final int SEQUENCES = 12;

	private static final BigDecimal RATE = new BigDecimal("0.0005");

	private static final LocalDate DUE = LocalDate.of(2026, 3, 15);

	private long community;

	private long room;

	private String finance;

	/** What the line's history is, as the model knows it. */
	private static final class Model {

		final BigDecimal amount;

		/**
		 * Principal-lowering moves by day (payments +, refunds −, principal waivers +).
		 */
		final List<Map.Entry<LocalDate, BigDecimal>> moves = new ArrayList<>();

		BigDecimal paid = BigDecimal.ZERO;

		BigDecimal waived = BigDecimal.ZERO;

		BigDecimal principalWaived = BigDecimal.ZERO;

		final List<long[]> payments = new ArrayList<>();

		final List<BigDecimal> refundable = new ArrayList<>();

		Model(BigDecimal amount) {
			this.amount = amount;
		}

		BigDecimal lateFee(LocalDate today) {
			BigDecimal sum = BigDecimal.ZERO;
			for (LocalDate day = DUE; day.isBefore(today); day = day.plusDays(1)) {
				BigDecimal lowered = BigDecimal.ZERO;
				for (Map.Entry<LocalDate, BigDecimal> move : this.moves) {
					if (!move.getKey().isAfter(day)) {
						lowered = lowered.add(move.getValue());
					}
				}
				sum = sum.add(this.amount.subtract(lowered).max(BigDecimal.ZERO));
			}
			return sum.multiply(RATE).setScale(2, RoundingMode.HALF_UP).min(this.amount);
		}

	}

	@Test
	void theLateFeeIsTheDayByDaySumOfThePrincipalLeftUnpaid() {
		this.clock.set(LocalDate.of(2026, 3, 1), 9, 0);
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.finance = token();
		long item = this.api
			.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
					Map.of("name", "物业费", "method", "FIXED", "amount", "1", "cycle", "MONTHLY", "dueDay", 15,
							"appliesTo", "PARKING_SPACES", "effectiveFrom", "2026-01", "lateFee",
							Map.of("dailyRate", "0.0005")))
			.id();
		Seeds.forAll(SEQUENCES, (random, n) -> {
			this.clock.set(LocalDate.of(2026, 3, 1), 9, 0);
			this.room = createRoom(building, "1单元", 1, "P" + n + "-" + UUID.randomUUID().toString().substring(0, 6));
			BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(200_000), 2);
			long line = this.jdbc.sql("""
					INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, unit_price, amount,
					                  due_date, issued_on, created_at)
					VALUES (?, ?, ?, DATE '2026-03-01', 1, 1, ?, ?, ?, DATE '2026-03-01', now()) RETURNING id""")
				.params(this.community, this.room, item, amount, amount, DUE)
				.query(Long.class)
				.single();
			Model model = new Model(amount);
			this.clock.set(DUE.plusDays(random.nextInt(5)), 10, 0);
			this.finance = token();
			List<String> steps = new ArrayList<>();
			for (int step = 0; step < 10; step++) {
				String done = step(random, line, model);
				steps.add(done);
				LocalDate today = this.clock.today();
				JsonNode read = this.api.get("/api/v1/bills/" + line, this.finance).json();
				BigDecimal fee = model.lateFee(today);
				assertThat(new BigDecimal(read.get("lateFee").asString())).as("%s on %s", steps, today)
					.isEqualByComparingTo(fee);
				BigDecimal owed = amount.add(fee).subtract(model.waived).subtract(model.paid).max(BigDecimal.ZERO);
				assertThat(new BigDecimal(read.get("outstanding").asString())).as("%s on %s", steps, today)
					.isEqualByComparingTo(owed);
			}
		});
	}

	/** One random step, applied through the API and to the model. */
	private String step(RandomGenerator random, long line, Model model) {
		JsonNode read = this.api.get("/api/v1/bills/" + line, this.finance).json();
		BigDecimal outstanding = new BigDecimal(read.get("outstanding").asString());
		BigDecimal principalOwed = model.amount.subtract(model.principalWaived)
			.subtract(model.paid)
			.max(BigDecimal.ZERO);
		LocalDate today = this.clock.today();
		switch (random.nextInt(6)) {
			case 0, 1 -> {
				int days = 1 + random.nextInt(40);
				this.clock.advanceDays(days);
				this.finance = token();
				return "+" + days + "d";
			}
			case 2 -> {
				if (outstanding.signum() <= 0) {
					return "nothing to pay";
				}
				BigDecimal part = part(random, outstanding);
				Api.Response paid = this.api.post(
						"/api/v1/payments", this.finance, Map.of("roomId", this.room, "amount", part.toPlainString(),
								"method", "CASH", "billIds", List.of(line)),
						"Idempotency-Key", UUID.randomUUID().toString());
				assertThat(paid).hasStatus(201);
				model.paid = model.paid.add(part);
				model.moves.add(Map.entry(today, part));
				model.payments.add(new long[] { paid.id() });
				model.refundable.add(part);
				return "pay " + part;
			}
			case 3 -> {
				if (model.payments.isEmpty()) {
					return "nothing to refund";
				}
				int which = random.nextInt(model.payments.size());
				BigDecimal left = model.refundable.get(which);
				if (left.signum() <= 0) {
					return "refunded already";
				}
				BigDecimal part = part(random, left);
				long refund = this.api
					.post("/api/v1/payments/" + model.payments.get(which)[0] + "/refunds", this.finance,
							Map.of("amount", part.toPlainString(), "reason", "性质测试"))
					.id();
				assertThat(this.api.post("/api/v1/refunds/" + refund + "/approve", approver(), Map.of()))
					.hasStatus(200);
				model.refundable.set(which, left.subtract(part));
				model.paid = model.paid.subtract(part);
				model.moves.add(Map.entry(today, part.negate()));
				return "refund " + part;
			}
			case 4 -> {
				if (principalOwed.signum() <= 0) {
					return "no principal to waive";
				}
				BigDecimal part = part(random, principalOwed);
				assertThat(this.api.post("/api/v1/bills/" + line + "/waive", this.finance,
						Map.of("amount", part.toPlainString(), "part", "PRINCIPAL", "reason", "性质测试")))
					.hasStatus(200);
				model.waived = model.waived.add(part);
				model.moves.add(Map.entry(today, part));
				model.principalWaived = model.principalWaived.add(part);
				return "waive principal " + part;
			}
			default -> {
				BigDecimal lateOwed = outstanding.subtract(principalOwed);
				if (lateOwed.signum() <= 0) {
					return "no late fee to waive";
				}
				BigDecimal part = part(random, lateOwed);
				assertThat(this.api.post("/api/v1/bills/" + line + "/waive", this.finance,
						Map.of("amount", part.toPlainString(), "part", "LATE_FEE", "reason", "性质测试")))
					.hasStatus(200);
				model.waived = model.waived.add(part);
				return "waive late fee " + part;
			}
		}
	}

	/** Part or all of an amount, at least 0.01. */
	private static BigDecimal part(RandomGenerator random, BigDecimal of) {
		if (random.nextInt(4) == 0) {
			return of;
		}
		long cents = of.movePointRight(2).longValueExact();
		return BigDecimal.valueOf(1 + random.nextLong(Math.max(cents, 1)), 2);
	}

	private String token() {
		return staffToken(List.of("FINANCE"), List.of(this.community));
	}

	private String approver() {
		return staffToken(List.of("MANAGER"), List.of(this.community));
	}

}
