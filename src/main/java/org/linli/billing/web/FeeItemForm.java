package org.linli.billing.web;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.linli.billing.fees.AppliesTo;
import org.linli.billing.fees.AreaBasis;
import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.FeeItemCommand;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.LateFees;
import org.linli.billing.fees.MeterType;
import org.linli.billing.fees.Tier;
import org.linli.estate.RoomType;
import org.linli.shared.web.FormValues;

/**
 * The fee item form of the staff console, as typed: up to four tiered bands, the last one
 * open-ended. Kept as text so that a refused form shows exactly what was entered.
 */
public record FeeItemForm(String name, String method, String area, String unitPrice, String amount, String meterType,
		String tier1UpTo, String tier1Price, String tier2UpTo, String tier2Price, String tier3UpTo, String tier3Price,
		String tierLastPrice, String cycle, String dueDay, String dueDaysAfterIssue, String appliesTo,
		List<Long> buildingIds, List<String> roomTypes, Boolean lateFeeOn, String lateDailyRate, String lateGraceDays,
		Boolean lateCap, Boolean autoDeduct, String effectiveFrom, String effectiveTo, Boolean prorateFirstPeriod) {

	public FeeItemForm {
		buildingIds = (buildingIds != null) ? buildingIds : List.of();
		roomTypes = (roomTypes != null) ? roomTypes : List.of();
	}

	/**
	 * A new item: by building area, monthly, due on the 15th, every room, from this
	 * month.
	 */
	static FeeItemForm blank(YearMonth month) {
		return new FeeItemForm(null, FeeMethod.AREA.name(), AreaBasis.BUILDING.name(), null, null, null, null, null,
				null, null, null, null, null, Cycle.MONTHLY.name(), "15", null, AppliesTo.ALL_ROOMS.name(), List.of(),
				List.of(), false, null, null, true, false, month.toString(), null, false);
	}

	/** The command, or every unreadable value refused naming its field. */
	FeeItemCommand command() {
		FormValues values = new FormValues();
		FeeMethod feeMethod = values.choice(FeeMethod.class, "method", this.method);
		List<Tier> tiers = new ArrayList<>();
		BigDecimal last = values.decimal("tierLastPrice", this.tierLastPrice);
		boolean anyTier = !blank(this.tier1UpTo) || !blank(this.tier1Price) || !blank(this.tier2UpTo)
				|| !blank(this.tier2Price) || !blank(this.tier3UpTo) || !blank(this.tier3Price)
				|| !blank(this.tierLastPrice);
		if (feeMethod == FeeMethod.METERED && anyTier) {
			// nothing typed is dropped: a half-filled band, a missing last price or a
			// unit
			// price beside tiers is named
			addTier(tiers, values, "tier1", this.tier1UpTo, this.tier1Price);
			addTier(tiers, values, "tier2", this.tier2UpTo, this.tier2Price);
			addTier(tiers, values, "tier3", this.tier3UpTo, this.tier3Price);
			if (blank(this.tierLastPrice)) {
				values.reject("tierLastPrice", "billing.feeItem.tierLastRequired");
			}
			else if (last != null) {
				tiers.add(new Tier(null, last));
			}
			if (!blank(this.unitPrice)) {
				values.reject("unitPrice", "billing.feeItem.priceOrTiers");
			}
		}
		LateFees late = null;
		if (Boolean.TRUE.equals(this.lateFeeOn)) {
			BigDecimal rate = values.decimal("lateDailyRate", this.lateDailyRate);
			Integer grace = values.integer("lateGraceDays", this.lateGraceDays);
			if (this.lateDailyRate == null || this.lateDailyRate.isBlank()) {
				values.reject("lateDailyRate", "validation.required");
			}
			else if (rate != null) {
				try {
					late = new LateFees(rate, (grace != null) ? grace : 0, Boolean.TRUE.equals(this.lateCap));
				}
				catch (IllegalArgumentException ex) {
					values.reject("lateDailyRate", "validation.invalidValue");
				}
			}
		}
		AppliesTo target = values.choice(AppliesTo.class, "appliesTo", this.appliesTo);
		List<RoomType> types = new ArrayList<>();
		if (target == AppliesTo.ROOM_TYPES) {
			this.roomTypes.forEach((t) -> types.add(values.choice(RoomType.class, "appliesTo", t)));
		}
		AreaBasis areaBasis = values.choice(AreaBasis.class, "area", this.area);
		BigDecimal price = (feeMethod == FeeMethod.METERED && !tiers.isEmpty()) ? null
				: values.decimal("unitPrice", this.unitPrice);
		BigDecimal fixed = values.decimal("amount", this.amount);
		MeterType meter = values.choice(MeterType.class, "meterType", this.meterType);
		Cycle every = values.choice(Cycle.class, "cycle", this.cycle);
		Integer day = values.integer("dueDay", this.dueDay);
		Integer daysAfter = values.integer("dueDaysAfterIssue", this.dueDaysAfterIssue);
		YearMonth from = values.month("effectiveFrom", this.effectiveFrom);
		YearMonth to = values.month("effectiveTo", this.effectiveTo);
		values.throwIfAny();
		return new FeeItemCommand(this.name, feeMethod, areaBasis, price, fixed, meter, tiers, every, day, daysAfter,
				target, (target == AppliesTo.BUILDINGS) ? this.buildingIds : List.of(), types, late, from, to,
				Boolean.TRUE.equals(this.autoDeduct), Boolean.TRUE.equals(this.prorateFirstPeriod));
	}

	private static void addTier(List<Tier> tiers, FormValues values, String band, String upToText, String priceText) {
		if (blank(upToText) && blank(priceText)) {
			return;
		}
		if (blank(upToText)) {
			values.reject(band + "UpTo", "billing.feeItem.tierIncomplete");
			return;
		}
		if (blank(priceText)) {
			values.reject(band + "Price", "billing.feeItem.tierIncomplete");
			return;
		}
		BigDecimal upTo = values.decimal(band + "UpTo", upToText);
		BigDecimal price = values.decimal(band + "Price", priceText);
		if (upTo != null && price != null) {
			tiers.add(new Tier(upTo, price));
		}
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
