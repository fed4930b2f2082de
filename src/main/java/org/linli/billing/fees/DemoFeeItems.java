package org.linli.billing.fees;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import org.linli.identity.CommunityDirectory;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The billing module's share of the demo data: the fee items a typical community charges
 * — property fee by building area, tiered residential electricity, water, and a parking
 * management fee — in force from January.
 */
@Component
@Order(70)
class DemoFeeItems implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoFeeItems.class);

	private final JdbcClient jdbc;

	private final CommunityDirectory communities;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoFeeItems(JdbcClient jdbc, CommunityDirectory communities, TransactionTemplate transactions, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.communities = communities;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		long items = this.jdbc.sql("SELECT count(*) FROM fee_item").query(Long.class).single();
		if (!this.enabled || items > 0 || this.communities.allCommunities().isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			Timestamp now = Timestamp.from(Instant.now(this.clock));
			Date from = Date.valueOf(YearMonth.from(LocalDate.now(this.clock)).minusMonths(1).withMonth(1).atDay(1));
			for (CommunityDirectory.CommunityRef community : this.communities.allCommunities()) {
				insert(community.id(), DemoItem.byArea("物业费", "2.5000"), from, now);
				long electricity = insert(community.id(), DemoItem.metered("电费", MeterType.ELECTRICITY, null, true),
						from, now);
				tier(electricity, 0, "240", "0.4883");
				tier(electricity, 1, "400", "0.5383");
				tier(electricity, 2, null, "0.7883");
				insert(community.id(), DemoItem.metered("水费", MeterType.WATER, "2.9000", false), from, now);
				insert(community.id(), DemoItem.parking("车位管理费", "150.00"), from, now);
			}
			log.info("Seeded demo fee items for {} communities", this.communities.allCommunities().size());
		});
	}

	/**
	 * A demo fee item: monthly, due on the 15th, late fees of 0.05% a day where it has
	 * them.
	 */
	record DemoItem(String name, FeeMethod method, AreaBasis area, String unitPrice, String amount, MeterType meter,
			AppliesTo appliesTo, String lateRate) {

		static DemoItem byArea(String name, String unitPrice) {
			return new DemoItem(name, FeeMethod.AREA, AreaBasis.BUILDING, unitPrice, null, null, AppliesTo.ALL_ROOMS,
					"0.000500");
		}

		/** Tiered when no unit price is given (the tiers follow). */
		static DemoItem metered(String name, MeterType meter, String unitPrice, boolean lateFees) {
			return new DemoItem(name, FeeMethod.METERED, null, unitPrice, null, meter, AppliesTo.ALL_ROOMS,
					lateFees ? "0.000500" : null);
		}

		static DemoItem parking(String name, String amount) {
			return new DemoItem(name, FeeMethod.FIXED, null, null, amount, null, AppliesTo.PARKING_SPACES, null);
		}

	}

	private long insert(long community, DemoItem item, Date from, Timestamp now) {
		return this.jdbc
			.sql("""
					INSERT INTO fee_item (community_id, name, method, area_basis, unit_price, amount, meter_type, cycle, due_day,
					                      applies_to, late_daily_rate, late_grace_days, late_cap, effective_from, created_at)
					VALUES (:community, :name, :method, :area, CAST(:unitPrice AS numeric), CAST(:amount AS numeric), :meter,
					        'MONTHLY', 15, :appliesTo, CAST(:lateRate AS numeric), 0, TRUE, :from, :now)
					RETURNING id""")
			.param("community", community)
			.param("name", item.name())
			.param("method", item.method().name())
			.param("area", (item.area() != null) ? item.area().name() : null)
			.param("unitPrice", item.unitPrice())
			.param("amount", item.amount())
			.param("meter", (item.meter() != null) ? item.meter().name() : null)
			.param("appliesTo", item.appliesTo().name())
			.param("lateRate", item.lateRate())
			.param("from", from)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	private void tier(long item, int seq, String upTo, String price) {
		this.jdbc.sql(
				"INSERT INTO fee_item_tier (fee_item_id, seq, up_to, unit_price) VALUES (?, ?, CAST(? AS numeric), CAST(? AS numeric))")
			.params(item, seq, upTo, price)
			.update();
	}

}
