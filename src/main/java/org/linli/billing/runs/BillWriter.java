package org.linli.billing.runs;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.Tier;

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

	BillWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What is the same for every line of an item in a run. */
	record Terms(FeeItemView item, YearMonth period, int months, LocalDate due) {

		static Terms of(FeeItemView item, YearMonth period, LocalDate due) {
			int months = "ONE_TIME".equals(item.method()) ? 1 : Cycle.valueOf(item.cycle()).months();
			return new Terms(item, period, months, due);
		}

		boolean parkingSpaces() {
			return "PARKING_SPACES".equals(this.item.appliesToCode());
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

	/**
	 * The lines of one item for the rooms or parking spaces with ids in [from, to];
	 * answers how many were new. {@code skipExisting} false writes them with a plain
	 * INSERT, which is faster and fails on the first line that exists (the caller then
	 * rolls back and writes again, skipping them).
	 */
	int write(long runId, long communityId, Terms terms, long from, long to, Timestamp now, boolean skipExisting) {
		String conflict = skipExisting ? " ON CONFLICT ON CONSTRAINT bill_once DO NOTHING" : "";
		FeeItemView item = terms.item();
		List<Object> params = new ArrayList<>();
		String sql;
		if (terms.parkingSpaces()) {
			boolean once = "ONE_TIME".equals(item.method());
			BigDecimal price = item.amount();
			sql = insert() + "SELECT s.community_id, NULL, s.id, ?, ?, ?, " + (once ? "1" : "?")
					+ ", ?, round(? * ?, 2), NULL, ?,"
					+ " NULL, ?, ? FROM estate_parking_space s WHERE s.community_id = ? AND s.id BETWEEN ? AND ?"
					+ conflict;
			add(params, item.id(), date(terms.period()), terms.months());
			if (!once) {
				params.add(terms.months());
			}
			add(params, price, price, terms.months(), Date.valueOf(terms.due()), runId, now, communityId, from, to);
			return update(sql, params);
		}
		String quantity;
		String unitPrice;
		String amount;
		String tiers = "NULL";
		String join = "";
		switch (item.method()) {
			case "AREA" -> {
				quantity = "USABLE".equals(item.area()) ? "coalesce(r.usable_area, r.building_area)"
						: "r.building_area";
				unitPrice = "CAST(? AS numeric)";
				amount = "round(" + quantity + " * CAST(? AS numeric) * ?, 2)";
				add(params, item.unitPrice(), item.unitPrice(), terms.months());
			}
			case "METERED" -> {
				join = " JOIN meter_reading m ON m.room_id = r.id AND m.period = ? AND m.meter_type = ? AND m.usage IS NOT NULL";
				quantity = "m.usage";
				BigDecimal price = terms.meteredPrice();
				if (price != null) {
					unitPrice = "CAST(? AS numeric)";
					amount = "round(m.usage * CAST(? AS numeric), 2)";
					add(params, price, price);
				}
				else {
					unitPrice = "NULL";
					Tiered tiered = tiered(item.tiers());
					amount = tiered.amount();
					tiers = tiered.json();
					params.addAll(tiered.params());
				}
			}
			case "FIXED" -> {
				quantity = "CAST(? AS numeric)";
				unitPrice = "CAST(? AS numeric)";
				amount = "round(CAST(? AS numeric) * ?, 2)";
				add(params, terms.months(), item.amount(), item.amount(), terms.months());
			}
			default -> {
				quantity = "1";
				unitPrice = "CAST(? AS numeric)";
				amount = "CAST(? AS numeric)";
				add(params, item.amount(), item.amount());
			}
		}
		List<Object> head = new ArrayList<>(List.of(item.id(), date(terms.period()), terms.months()));
		head.addAll(params);
		add(head, Date.valueOf(terms.due()), runId, now);
		if (!join.isEmpty()) {
			add(head, date(terms.period()), item.meterType());
		}
		add(head, runId, communityId, from, to);
		StringBuilder where = new StringBuilder(" WHERE r.community_id = ? AND r.id BETWEEN ? AND ?");
		switch (item.appliesToCode()) {
			case "BUILDINGS" -> {
				where.append(" AND r.building_id IN (SELECT building_id FROM fee_item_target WHERE fee_item_id = ?)");
				head.add(item.id());
			}
			case "ROOM_TYPES" -> {
				where.append(" AND r.type IN (SELECT room_type FROM fee_item_target WHERE fee_item_id = ?)");
				head.add(item.id());
			}
			default -> {
			}
		}
		if ("ONE_TIME".equals(item.method())) {
			where.append(" AND NOT EXISTS (SELECT 1 FROM bill o WHERE o.room_id = r.id AND o.fee_item_id = ?)");
			head.add(item.id());
		}
		sql = insert() + "SELECT r.community_id, r.id, NULL, ?, ?, ?, " + quantity + ", " + unitPrice + ", " + amount
				+ ", " + tiers + ", ?, p.payer_ids, ?, ? FROM estate_room r" + join
				+ " LEFT JOIN billing_run_payer p ON p.run_id = ? AND p.room_id = r.id" + where + conflict;
		return update(sql, head);
	}

	/**
	 * The rooms an item applies to that have no usage for the period on its meter
	 * (listed, not billed).
	 */
	List<Long> withoutReading(long communityId, Terms terms) {
		FeeItemView item = terms.item();
		StringBuilder sql = new StringBuilder("""
				SELECT r.id FROM estate_room r
				WHERE r.community_id = ? AND NOT EXISTS (
				    SELECT 1 FROM meter_reading m
				    WHERE m.room_id = r.id AND m.period = ? AND m.meter_type = ? AND m.usage IS NOT NULL)""");
		List<Object> params = new ArrayList<>(List.of(communityId, date(terms.period()), item.meterType()));
		if ("BUILDINGS".equals(item.appliesToCode())) {
			sql.append(" AND r.building_id IN (SELECT building_id FROM fee_item_target WHERE fee_item_id = ?)");
			params.add(item.id());
		}
		else if ("ROOM_TYPES".equals(item.appliesToCode())) {
			sql.append(" AND r.type IN (SELECT room_type FROM fee_item_target WHERE fee_item_id = ?)");
			params.add(item.id());
		}
		return this.jdbc.sql(sql.append(" ORDER BY r.id").toString()).params(params).query(Long.class).list();
	}

	/**
	 * A tiered price in SQL: band i takes
	 * {@code greatest(least(usage, upTo_i) - upTo_(i-1), 0)} at its price, with trailing
	 * zeros trimmed as {@code Pricing.split} does; a band is listed when it is the first
	 * or usage passes the band below it. The amount is the rounded sum of the exact
	 * products.
	 */
	private static Tiered tiered(List<Tier> tiers) {
		List<Object> params = new ArrayList<>();
		List<String> quantities = new ArrayList<>();
		for (int i = 0; i < tiers.size(); i++) {
			Tier tier = tiers.get(i);
			String upper = (tier.upTo() != null) ? "least(m.usage, CAST(? AS numeric))" : "m.usage";
			String lower = (i > 0) ? "CAST(? AS numeric)" : "0";
			quantities.add("trim_scale(greatest(" + upper + " - " + lower + ", 0))");
		}
		// amount: round(q0 * p0 + q1 * p1 + ..., 2)
		StringBuilder amount = new StringBuilder("round(");
		for (int i = 0; i < tiers.size(); i++) {
			amount.append((i > 0) ? " + " : "").append(quantities.get(i)).append(" * CAST(? AS numeric(12,4))");
			bandParams(params, tiers, i);
			params.add(tiers.get(i).unitPrice());
		}
		amount.append(", 2)");
		// tiers: '[' || band0 || CASE WHEN usage > upTo0 THEN ',' || band1 ELSE '' END ||
		// ... || ']'
		StringBuilder json = new StringBuilder("'[' || ");
		for (int i = 0; i < tiers.size(); i++) {
			String q = quantities.get(i);
			String band = "'{\"quantity\":\"' || " + q + " || '\",\"unitPrice\":\"' || CAST(? AS numeric(12,4))"
					+ " || '\",\"amount\":\"' || (" + q + " * CAST(? AS numeric(12,4))) || '\"}'";
			if (i == 0) {
				json.append(band);
				bandParams(params, tiers, i);
				params.add(tiers.get(i).unitPrice());
				bandParams(params, tiers, i);
				params.add(tiers.get(i).unitPrice());
			}
			else {
				json.append(" || CASE WHEN m.usage > CAST(? AS numeric) THEN ',' || ")
					.append(band)
					.append(" ELSE '' END");
				params.add(tiers.get(i - 1).upTo());
				bandParams(params, tiers, i);
				params.add(tiers.get(i).unitPrice());
				bandParams(params, tiers, i);
				params.add(tiers.get(i).unitPrice());
			}
		}
		json.append(" || ']'");
		return new Tiered(amount.toString(), json.toString(), params);
	}

	/**
	 * The parameters of band i's quantity expression: its upper bound (unless open), then
	 * its lower bound.
	 */
	private static void bandParams(List<Object> params, List<Tier> tiers, int i) {
		if (tiers.get(i).upTo() != null) {
			params.add(tiers.get(i).upTo());
		}
		if (i > 0) {
			params.add(tiers.get(i - 1).upTo());
		}
	}

	private record Tiered(String amount, String json, List<Object> params) {
	}

	private int update(String sql, List<Object> params) {
		return this.jdbc.sql(sql).params(params).update();
	}

	private static String insert() {
		return "INSERT INTO bill (community_id, room_id, parking_space_id, fee_item_id, period, months, quantity,"
				+ " unit_price, amount, tiers, due_date, payer_ids, run_id, created_at) ";
	}

	private static Date date(YearMonth period) {
		return Date.valueOf(period.atDay(1));
	}

	private static void add(List<Object> params, Object... values) {
		params.addAll(java.util.Arrays.asList(values));
	}

}
