package org.linli.billing.runs;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linli.billing.fees.AppliesTo;
import org.linli.billing.fees.AreaBasis;
import org.linli.billing.fees.DueDates;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.Tier;
import org.linli.shared.Messages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a fee item's bill lines for a range of rooms (or parking spaces) in one
 * {@code INSERT ... SELECT}: the same rules as {@link org.linli.billing.fees.Pricing},
 * expressed in SQL so the database does the work where the data is. Every product is
 * exact and the line is rounded once ({@code round(x, 2)} rounds half away from zero,
 * which is HALF_UP for amounts that are never negative).
 * {@code BillingRunSqlMatchesPricingIntegrationTests} holds the two to the same lines.
 * Lines that exist are skipped by the bill's unique key, so the statement can run again,
 * and alongside a parallel run.
 */
@Component
class BillWriter {

	private final JdbcClient jdbc;

	private final Messages messages;

	BillWriter(JdbcClient jdbc, Messages messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/** What is the same for every line of an item in a run. */
	record Terms(FeeItemView item, YearMonth period, int months, LocalDate issued, LocalDate due,
			boolean leaveOutFlagged) {

		static Terms of(FeeItemView item, YearMonth period, LocalDate issued) {
			return new Terms(item, period, item.months(), issued, DueDates.of(item, period, issued), false);
		}

		/**
		 * The same, leaving out the rooms whose reading on the item's meter is flagged.
		 */
		Terms leavingOutFlagged(boolean leaveOut) {
			return new Terms(this.item, this.period, this.months, this.issued, this.due, leaveOut);
		}

		boolean parkingSpaces() {
			return this.item.appliesToCode() == AppliesTo.PARKING_SPACES;
		}

		/**
		 * The single price of a metered item (its unit price, or its only band), or null
		 * when tiered.
		 */
		BigDecimal meteredPrice() {
			if (this.item.unitPrice() != null) {
				return this.item.unitPrice();
			}
			return (this.item.tiers().size() == 1) ? this.item.tiers().get(0).unitPrice() : null;
		}

	}

	private static final String INSERT = """
			INSERT INTO bill (community_id, room_id, parking_space_id, fee_item_id, period, months, quantity, unit_price,
			                  amount, tiers, due_date, payer_ids, run_id, issued_on, created_at)
			""";

	private static final String PARKING_SPACES = INSERT
			+ """
					SELECT s.community_id, NULL, s.id, :item, :period, :months, :months, :amount, round(:amount * :months, 2), NULL,
					       :due, NULL, :run, :issued, :now
					FROM estate_parking_space s
					WHERE s.community_id = :community AND s.id BETWEEN :from AND :to""";

	/**
	 * The lines of one item for the rooms or parking spaces with ids in [from, to];
	 * answers how many were new. {@code skipExisting} false writes them with a plain
	 * INSERT, which is faster and fails on the first line that exists (the caller then
	 * rolls back and writes again, skipping them).
	 */
	int write(long runId, long communityId, Terms terms, long from, long to, Timestamp now, boolean skipExisting) {
		FeeItemView item = terms.item();
		String conflict = skipExisting ? " ON CONFLICT ON CONSTRAINT bill_once DO NOTHING" : "";
		Map<String, Object> params = new HashMap<>();
		params.put("item", item.id());
		params.put("period", date(terms.period()));
		params.put("months", terms.months());
		params.put("due", Date.valueOf(terms.due()));
		params.put("issued", Date.valueOf(terms.issued()));
		params.put("run", runId);
		params.put("now", now);
		params.put("community", communityId);
		params.put("from", from);
		params.put("to", to);
		if (terms.parkingSpaces()) {
			params.put("amount", item.amount());
			return this.jdbc.sql(PARKING_SPACES + conflict).params(params).update();
		}
		Line line = line(terms, params);
		params.put("periodEnd", date(terms.period().plusMonths(terms.months())));
		String amount = line.amount();
		String description = "NULL";
		if (item.prorateFirstPeriod() && line.exact() != null) {
			// the period of the handover, by the days from it (rounded once)
			String days = "(:periodEnd - r.handover_date)";
			String total = "(:periodEnd - CAST(:period AS date))";
			amount = "round(CASE WHEN r.handover_date > :period THEN " + line.exact() + " * " + days + " / " + total
					+ " ELSE " + line.exact() + " END, 2)";
			description = "CASE WHEN r.handover_date > :period THEN replace(replace(:prorated, '{0}', " + days
					+ "::text), '{1}', " + total + "::text) END";
			params.put("prorated", this.messages.get(Locale.SIMPLIFIED_CHINESE, "billing.bill.prorated"));
		}
		String reissue = "0";
		if (item.method() == FeeMethod.METERED) {
			// a line voided before its reading was corrected is issued again, as the next
			// reissue of that room, item and period; one voided for any other reason
			// stays void
			reissue = "CASE WHEN m.corrected_at IS NULL THEN 0 ELSE (SELECT count(*) FROM bill o WHERE o.room_id = r.id"
					+ " AND o.fee_item_id = :item AND o.period = :period AND o.source_key IS NULL AND EXISTS"
					+ " (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = o.id AND a.kind = 'CANCELLATION'"
					+ " AND a.created_at <= m.corrected_at)) END";
			description = "CASE WHEN (" + reissue + ") > 0 THEN :reissued END";
			params.put("reissued", this.messages.get(Locale.SIMPLIFIED_CHINESE, "billing.bill.reissued"));
		}
		String sql = "INSERT INTO bill (community_id, room_id, parking_space_id, fee_item_id, period, months, quantity, "
				+ "unit_price, amount, tiers, due_date, payer_ids, run_id, issued_on, created_at, description, reissue)\n"
				+ "SELECT r.community_id, r.id, NULL, :item, :period, :months, " + line.quantity() + ", "
				+ line.unitPrice() + ", " + amount + ", " + line.tiers() + """
						, :due, p.payer_ids, :run, :issued, :now, """ + description + ", " + reissue + """

						FROM estate_room r""" + line.join() + """

						LEFT JOIN billing_run_payer p ON p.run_id = :run AND p.room_id = r.id
						WHERE r.community_id = :community AND r.id BETWEEN :from AND :to
						  AND r.handover_date < :periodEnd""" + targets(item) + conflict;
		return this.jdbc.sql(sql).params(params).update();
	}

	/**
	 * The expressions of a room's line: quantity, unit price, amount, tiers, and the
	 * reading it needs; {@code exact} is the amount before rounding, where a line may be
	 * prorated.
	 */
	private record Line(String quantity, String unitPrice, String amount, String tiers, String join, String exact) {

		Line(String quantity, String unitPrice, String amount, String tiers, String join) {
			this(quantity, unitPrice, amount, tiers, join, null);
		}

	}

	private static Line line(Terms terms, Map<String, Object> params) {
		FeeItemView item = terms.item();
		return switch (item.method()) {
			case AREA -> {
				params.put("unitPrice", item.unitPrice());
				String area = (item.area() == AreaBasis.USABLE) ? "coalesce(r.usable_area, r.building_area)"
						: "r.building_area";
				String exact = area + " * CAST(:unitPrice AS numeric) * :months";
				yield new Line(area, "CAST(:unitPrice AS numeric)", "round(" + exact + ", 2)", "NULL", "", exact);
			}
			case METERED -> {
				params.put("meterType", item.meterType().name());
				// the batch's range named on the readings too (the planner does not carry
				// it over the join): the readings of its rooms are read, not the period's
				String reading = """

						JOIN meter_reading m ON m.room_id = r.id AND m.period = :period AND m.meter_type = :meterType
						                    AND m.usage IS NOT NULL AND m.room_id BETWEEN :from AND :to"""
						+ (terms.leaveOutFlagged() ? " AND (NOT m.flagged OR m.verified_at IS NOT NULL)" : "");
				BigDecimal price = terms.meteredPrice();
				if (price != null) {
					params.put("unitPrice", price);
					yield new Line("m.usage", "CAST(:unitPrice AS numeric)",
							"round(m.usage * CAST(:unitPrice AS numeric), 2)", "NULL", reading);
				}
				Tiered tiered = tiered(item.tiers(), params);
				yield new Line("m.usage", "NULL", tiered.amount(), tiered.json(), reading);
			}
			case FIXED -> {
				params.put("amount", item.amount());
				String exact = "CAST(:amount AS numeric) * :months";
				yield new Line("CAST(:months AS numeric)", "CAST(:amount AS numeric)", "round(" + exact + ", 2)",
						"NULL", "", exact);
			}
			case ONE_TIME -> {
				params.put("amount", item.amount());
				yield new Line("1", "CAST(:amount AS numeric)", "CAST(:amount AS numeric)", "NULL", "");
			}
			case CHARGE -> throw new IllegalArgumentException("Charges are not billed by runs");
		};
	}

	/**
	 * The rooms an item is limited to, and a one-time item's rooms billed before, as AND
	 * clauses on r.
	 */
	private static String targets(FeeItemView item) {
		String where = switch (item.appliesToCode()) {
			case BUILDINGS ->
				" AND r.building_id IN (SELECT building_id FROM fee_item_target WHERE fee_item_id = :item)";
			case ROOM_TYPES -> " AND r.type IN (SELECT room_type FROM fee_item_target WHERE fee_item_id = :item)";
			case ALL_ROOMS, PARKING_SPACES -> "";
		};
		if (item.method() == FeeMethod.ONE_TIME) {
			where += " AND NOT EXISTS (SELECT 1 FROM bill o WHERE o.room_id = r.id AND o.fee_item_id = :item)";
		}
		return where;
	}

	/**
	 * The rooms an item applies to whose flagged reading for the period was left out of
	 * the run (listed, not billed).
	 */
	List<Long> leftOutFlagged(long communityId, Terms terms) {
		if (!terms.leaveOutFlagged()) {
			return List.of();
		}
		FeeItemView item = terms.item();
		return this.jdbc
			.sql("""
					SELECT r.id FROM estate_room r
					JOIN meter_reading m ON m.room_id = r.id AND m.period = :period AND m.meter_type = :meterType
					                    AND m.usage IS NOT NULL AND m.flagged AND m.verified_at IS NULL
					WHERE r.community_id = :community AND r.handover_date < :periodEnd
					  AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.room_id = r.id AND b.fee_item_id = :item AND b.period = :period
					                    AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION'))"""
					+ targets(item) + " ORDER BY r.id")
			.param("community", communityId)
			.param("period", date(terms.period()))
			.param("periodEnd", date(terms.period().plusMonths(terms.months())))
			.param("meterType", item.meterType().name())
			.param("item", item.id())
			.query(Long.class)
			.list();
	}

	/**
	 * The rooms an item applies to that have no usage for the period on its meter
	 * (listed, not billed).
	 */
	List<Long> withoutReading(long communityId, Terms terms) {
		FeeItemView item = terms.item();
		return this.jdbc
			.sql("""
					SELECT r.id FROM estate_room r
					WHERE r.community_id = :community AND r.handover_date < :periodEnd AND NOT EXISTS (
					    SELECT 1 FROM meter_reading m
					    WHERE m.room_id = r.id AND m.period = :period AND m.meter_type = :meterType AND m.usage IS NOT NULL)"""
					+ targets(item) + " ORDER BY r.id")
			.param("community", communityId)
			.param("period", date(terms.period()))
			.param("periodEnd", date(terms.period().plusMonths(terms.months())))
			.param("meterType", item.meterType().name())
			.param("item", item.id())
			.query(Long.class)
			.list();
	}

	/**
	 * A tiered price in SQL, with the named parameters {@code :upToN} and {@code :priceN}
	 * of band N: band N takes {@code greatest(least(usage, upToN) - upTo(N-1), 0)} at its
	 * price, with trailing zeros trimmed as {@code Pricing.split} does; a band is listed
	 * when it is the first or usage passes the band below it. The amount is the rounded
	 * sum of the exact products.
	 */
	private static Tiered tiered(List<Tier> tiers, Map<String, Object> params) {
		String[] quantities = new String[tiers.size()];
		StringBuilder amount = new StringBuilder("round(");
		StringBuilder json = new StringBuilder("'[' || ");
		for (int i = 0; i < tiers.size(); i++) {
			params.put("upTo" + i, tiers.get(i).upTo());
			params.put("price" + i, tiers.get(i).unitPrice());
			String upper = (tiers.get(i).upTo() != null) ? "least(m.usage, CAST(:upTo" + i + " AS numeric))"
					: "m.usage";
			String lower = (i > 0) ? "CAST(:upTo" + (i - 1) + " AS numeric)" : "0";
			quantities[i] = "trim_scale(greatest(" + upper + " - " + lower + ", 0))";
			String price = "CAST(:price" + i + " AS numeric(12,4))";
			amount.append((i > 0) ? " + " : "").append(quantities[i]).append(" * ").append(price);
			String band = "'{\"quantity\":\"' || " + quantities[i] + " || '\",\"unitPrice\":\"' || " + price
					+ " || '\",\"amount\":\"' || (" + quantities[i] + " * " + price + ") || '\"}'";
			if (i == 0) {
				json.append(band);
			}
			else {
				json.append(" || CASE WHEN m.usage > CAST(:upTo" + (i - 1) + " AS numeric) THEN ',' || ")
					.append(band)
					.append(" ELSE '' END");
			}
		}
		amount.append(", 2)");
		json.append(" || ']'");
		return new Tiered(amount.toString(), json.toString());
	}

	private record Tiered(String amount, String json) {
	}

	private static Date date(YearMonth period) {
		return Date.valueOf(period.atDay(1));
	}

}
