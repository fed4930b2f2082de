package org.linli.billing.runs;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.linli.billing.fees.AppliesTo;
import org.linli.billing.fees.AreaBasis;
import org.linli.billing.fees.Charge;
import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.DueDates;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.MeterType;
import org.linli.billing.fees.Pricing;
import org.linli.billing.fees.Tier;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.residents.Residents;
import org.linli.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Works out the bill lines of a community, a period and fee items: who each item applies
 * to, their quantity (area, metered usage, months) and amount, the due date and the
 * payers. Reads everything it needs in a few set-based queries; rooms without the
 * period's meter reading are listed, not billed.
 */
@Component
class BillingCalculator {

	private final Estate estate;

	private final Residents residents;

	private final JdbcClient jdbc;

	BillingCalculator(Estate estate, Residents residents, JdbcClient jdbc) {
		this.estate = estate;
		this.residents = residents;
		this.jdbc = jdbc;
	}

	/**
	 * A room not billed on a meter's item: no reading, or (flagged) a reading far above
	 * the room's average that the run was told to leave out.
	 */
	record Missing(long roomId, String room, MeterType meterType, boolean flagged) {

		Missing(long roomId, String room, MeterType meterType) {
			this(roomId, room, meterType, false);
		}

	}

	record Plan(List<BillDraft> drafts, List<Missing> missing) {
	}

	Plan plan(long communityId, YearMonth period, List<FeeItemView> items, LocalDate issued) {
		return plan(communityId, period, items, issued, (lines) -> {
		});
	}

	/**
	 * The same, handing each fee item's lines to {@code onItem} as soon as they are
	 * worked out.
	 */
	Plan plan(long communityId, YearMonth period, List<FeeItemView> items, LocalDate issued,
			Consumer<List<BillDraft>> onItem) {
		List<RoomRef> rooms = this.estate.roomsIn(communityId);
		Map<Long, List<Long>> owners = this.residents.ownersInCommunityDuring(communityId, period.atDay(1),
				period.plusMonths(1).atDay(1));
		List<BillDraft> drafts = new ArrayList<>();
		List<Missing> missing = new ArrayList<>();
		for (FeeItemView item : items) {
			int before = drafts.size();
			planItem(communityId, period, item, issued, rooms, owners, drafts, missing);
			onItem.accept(List.copyOf(drafts.subList(before, drafts.size())));
		}
		return new Plan(drafts, missing);
	}

	private void planItem(long communityId, YearMonth period, FeeItemView item, LocalDate issued, List<RoomRef> rooms,
			Map<Long, List<Long>> owners, List<BillDraft> drafts, List<Missing> missing) {
		List<CommunityDirectory.CommunityRef> spaces = null;
		{
			Cycle cycle = item.cycle();
			LocalDate due = DueDates.of(item, period, issued);
			int months = item.months();
			if (item.appliesToCode() == AppliesTo.PARKING_SPACES) {
				if (spaces == null) {
					spaces = this.estate.parkingSpacesIn(communityId);
				}
				Charge charge = charge(item, cycle, null, null);
				for (CommunityDirectory.CommunityRef space : spaces) {
					drafts.add(new BillDraft(null, space.id(), item.id(), months, charge, due, List.of()));
				}
				return;
			}
			Map<Long, BigDecimal> usage = (item.method() == FeeMethod.METERED)
					? usage(communityId, period, item.meterType()) : Map.of();
			Set<Long> alreadyOnce = (item.method() == FeeMethod.ONE_TIME) ? billedOnce(item.id()) : Set.of();
			LocalDate start = period.atDay(1);
			LocalDate end = period.plusMonths(months).atDay(1);
			for (RoomRef room : rooms) {
				if (!applies(item, room) || alreadyOnce.contains(room.id()) || !room.handoverDate().isBefore(end)) {
					continue;
				}
				Charge charge;
				if (item.method() == FeeMethod.METERED) {
					BigDecimal used = usage.get(room.id());
					if (used == null) {
						missing.add(new Missing(room.id(), room.code(), item.meterType()));
						continue;
					}
					charge = charge(item, cycle, null, used);
				}
				else {
					BigDecimal area = (item.area() == AreaBasis.USABLE) && room.usableArea() != null ? room.usableArea()
							: room.buildingArea();
					charge = charge(item, cycle, area, null);
					if (item.prorateFirstPeriod() && room.handoverDate().isAfter(start)) {
						charge = Pricing.prorated(charge, item, area, cycle,
								ChronoUnit.DAYS.between(room.handoverDate(), end), ChronoUnit.DAYS.between(start, end));
					}
				}
				drafts.add(new BillDraft(room.id(), null, item.id(), months, charge, due,
						owners.getOrDefault(room.id(), List.of())));
			}
		}
	}

	static Charge charge(FeeItemView item, Cycle cycle, BigDecimal area, BigDecimal usage) {
		return switch (item.method()) {
			case AREA -> Pricing.byArea(area, item.unitPrice(), cycle);
			case METERED -> Pricing.metered(usage,
					(item.unitPrice() != null) ? List.of(new Tier(null, item.unitPrice())) : item.tiers());
			case FIXED -> Pricing.fixed(Money.of(item.amount()), cycle);
			case ONE_TIME -> Pricing.oneTime(Money.of(item.amount()));
			case CHARGE -> throw new IllegalArgumentException("Charges are not billed by runs");
		};
	}

	static boolean applies(FeeItemView item, RoomRef room) {
		return switch (item.appliesToCode()) {
			case ALL_ROOMS -> true;
			case BUILDINGS -> item.targets().contains(room.buildingId());
			case ROOM_TYPES -> item.targets().contains(room.type().name());
			case PARKING_SPACES -> false;
		};
	}

	/**
	 * The period's usage of every room of the community on one meter; baselines (no
	 * usage) are absent.
	 */
	private Map<Long, BigDecimal> usage(long communityId, YearMonth period, MeterType meterType) {
		Map<Long, BigDecimal> usage = new HashMap<>();
		this.jdbc.sql("""
				SELECT room_id, usage FROM meter_reading
				WHERE community_id = ? AND period = ? AND meter_type = ? AND usage IS NOT NULL""")
			.params(communityId, Date.valueOf(period.atDay(1)), meterType.name())
			.query((rs, n) -> usage.put(rs.getLong(1), rs.getBigDecimal(2)))
			.list();
		return usage;
	}

	private Set<Long> billedOnce(long feeItemId) {
		return new HashSet<>(this.jdbc.sql("SELECT room_id FROM bill WHERE fee_item_id = ? AND room_id IS NOT NULL")
			.param(feeItemId)
			.query(Long.class)
			.list());
	}

}
