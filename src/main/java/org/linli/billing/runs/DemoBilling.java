package org.linli.billing.runs;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.linli.billing.fees.MeterType;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The billing module's demo data, after the demo fee items: three months of electricity
 * and water readings of every demo room (a few rooms left unread this month, as happens),
 * and last month's and this month's billing runs, so the first start shows real bills
 * with their breakdown, lines already overdue whatever the day of the month — and a run
 * that lists rooms without readings.
 */
@Component
@Order(80)
class DemoBilling implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoBilling.class);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final BillingRuns runs;

	private final Clock clock;

	private final boolean enabled;

	DemoBilling(JdbcClient jdbc, JdbcTemplate template, Estate estate, CommunityDirectory communities, BillingRuns runs,
			Clock clock, @Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.template = template;
		this.estate = estate;
		this.communities = communities;
		this.runs = runs;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		long readings = this.jdbc.sql("SELECT count(*) FROM meter_reading").query(Long.class).single();
		long items = this.jdbc.sql("SELECT count(*) FROM fee_item").query(Long.class).single();
		if (!this.enabled || readings > 0 || items == 0) {
			return;
		}
		YearMonth now = YearMonth.now(this.clock);
		Random random = new Random(7);
		Timestamp created = Timestamp.from(Instant.now(this.clock));
		boolean first = true;
		for (CommunityDirectory.CommunityRef community : this.communities.allCommunities()) {
			List<Object[]> rows = new ArrayList<>();
			Long flaggedRoom = null;
			for (RoomRef room : this.estate.roomsIn(community.id())) {
				for (MeterType meter : new MeterType[] { MeterType.ELECTRICITY, MeterType.WATER }) {
					BigDecimal reading = BigDecimal.valueOf(1000 + random.nextInt(9000));
					rows.add(new Object[] { room.id(), community.id(), meter.name(),
							Date.valueOf(now.minusMonths(2).atDay(1)), reading, null, null, false, created });
					for (YearMonth month : List.of(now.minusMonths(1), now)) {
						if (month.equals(now) && random.nextInt(40) == 0) {
							continue; // the meter reader did not get in: this room shows
										// up
										// as missing
						}
						BigDecimal usage = (meter == MeterType.ELECTRICITY)
								? BigDecimal.valueOf(80 + random.nextInt(480))
								: BigDecimal.valueOf(4 + random.nextInt(18));
						// in 阳光花园 one electricity reading this month is far above the
						// room's average (a misread meter): flagged, and left out of the
						// run
						boolean flagged = first && flaggedRoom == null && month.equals(now)
								&& meter == MeterType.ELECTRICITY;
						if (flagged) {
							usage = BigDecimal.valueOf(9_800);
							flaggedRoom = room.id();
						}
						rows.add(new Object[] { room.id(), community.id(), meter.name(), Date.valueOf(month.atDay(1)),
								reading.add(usage), reading, usage, flagged, created });
						reading = reading.add(usage);
					}
				}
			}
			this.template.batchUpdate(
					"""
							INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, previous, usage, flagged,
							                           created_at)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
					rows);
			if (first) {
				// one reading the meter reader typed wrong, corrected before billing
				this.jdbc
					.sql("""
							UPDATE meter_reading SET corrected_at = ?, corrected_by = 'demo', correction_reason = '抄表员把 6 看成了 8，已按表盘更正'
							WHERE id = (SELECT id FROM meter_reading WHERE community_id = ? AND meter_type = 'WATER' AND period = ?
							            AND usage IS NOT NULL ORDER BY room_id LIMIT 1)""")
					.params(created, community.id(), Date.valueOf(now.atDay(1)))
					.update();
			}
			List<Long> itemIds = this.jdbc.sql("SELECT id FROM fee_item WHERE community_id = ? ORDER BY id")
				.param(community.id())
				.query(Long.class)
				.list();
			for (YearMonth period : List.of(now.minusMonths(1), now)) {
				// issued on the first of its month, as a real run would have been
				long run = this.jdbc
					.sql("""
							INSERT INTO billing_run (community_id, period, fee_item_ids, status, issued_on, leave_out_flagged, created_at)
							VALUES (?, ?, ?, 'QUEUED', ?, true, ?) RETURNING id""")
					.params(community.id(), Date.valueOf(period.atDay(1)),
							itemIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
							Date.valueOf(period.atDay(1)), created)
					.query(Long.class)
					.single();
				this.runs.execute(run);
			}
			if (first) {
				voidOneLine(community.id(), now, created);
			}
			first = false;
		}
		log.info("Seeded demo meter readings and last and this month's bills");
	}

	/**
	 * One of this month's water lines was issued by mistake (the room's water is billed
	 * by the water company) and voided with a reason: out of receivable, not a waiver.
	 */
	private void voidOneLine(long communityId, YearMonth now, Timestamp created) {
		this.jdbc.sql("""
				INSERT INTO bill_adjustment (bill_id, kind, amount, reason, as_of, created_at)
				SELECT b.id, 'CANCELLATION', b.amount, '开错账单：该户用水由自来水公司直接收费', ?, ?
				FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
				WHERE b.community_id = ? AND b.period = ? AND f.method = 'METERED' AND f.meter_type = 'WATER'
				ORDER BY b.room_id DESC LIMIT 1""")
			.params(Date.valueOf(now.atDay(1)), created, communityId, Date.valueOf(now.atDay(1)))
			.update();
	}

}
