package org.linli.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.fees.AppliesTo;
import org.linli.billing.fees.AreaBasis;
import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.FeeItemCommand;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.LateFees;
import org.linli.billing.fees.MeterType;
import org.linli.billing.fees.Tier;
import org.linli.estate.RoomType;
import org.linli.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fee items through the API: finance and managers of the community configure how each fee
 * is priced.
 */
@RestController
@Tag(name = "Billing: fee items")
class FeeItemApiController {

	private final FeeItems feeItems;

	FeeItemApiController(FeeItems feeItems) {
		this.feeItems = feeItems;
	}

	@GetMapping("/api/v1/communities/{id}/fee-items")
	@Operation(summary = "A community's fee items, every price version")
	List<FeeItemView> list(@PathVariable long id) {
		return this.feeItems.list(id);
	}

	@GetMapping("/api/v1/fee-items/{id}")
	FeeItemView get(@PathVariable long id) {
		return this.feeItems.get(id);
	}

	@PostMapping("/api/v1/communities/{id}/fee-items")
	@Operation(summary = "Create a fee item; an existing name gets a new price version from effectiveFrom")
	ResponseEntity<FeeItemView> create(@PathVariable long id, @RequestBody FeeItemRequest request) {
		FeeItemView created = this.feeItems.create(id, request.command());
		return ResponseEntity.created(URI.create("/api/v1/fee-items/" + created.id())).body(created);
	}

	@org.springframework.web.bind.annotation.PutMapping("/api/v1/fee-items/{id}")
	@Operation(summary = "Change a fee item's name (every version) and its due rule (dueDay or dueDaysAfterIssue) "
			+ "for lines billed from now on; a price or late-fee change is a new version")
	FeeItemView edit(@PathVariable long id, @RequestBody FeeItems.Edit request) {
		return this.feeItems.edit(id, request);
	}

	record StopRequest(YearMonth lastMonth) {
	}

	@PostMapping("/api/v1/fee-items/{id}/stop")
	@Operation(summary = "Stop a fee item after lastMonth (\"2026-12\"): billed up to that month, never after")
	FeeItemView stop(@PathVariable long id, @RequestBody StopRequest request) {
		return this.feeItems.stop(id, request.lastMonth());
	}

	record TierRequest(BigDecimal upTo, BigDecimal unitPrice) {
	}

	record LateFeeRequest(BigDecimal dailyRate, Integer graceDays, Boolean capAtPrincipal) {
	}

	record FeeItemRequest(String name, FeeMethod method, AreaBasis area, BigDecimal unitPrice, BigDecimal amount,
			MeterType meterType, List<TierRequest> tiers, Cycle cycle, Integer dueDay, Integer dueDaysAfterIssue,
			JsonNode appliesTo, LateFeeRequest lateFee, YearMonth effectiveFrom, YearMonth effectiveTo,
			Boolean autoDeduct, Boolean prorateFirstPeriod) {

		FeeItemCommand command() {
			AppliesTo target = null;
			List<Long> buildings = new ArrayList<>();
			List<RoomType> types = new ArrayList<>();
			if (this.appliesTo != null && this.appliesTo.isString()) {
				target = choice(AppliesTo.class, this.appliesTo.asString());
				if (target == AppliesTo.BUILDINGS || target == AppliesTo.ROOM_TYPES) {
					throw InvalidInputException.field("appliesTo", "validation.invalidValue");
				}
			}
			else if (this.appliesTo != null && this.appliesTo.has("buildingIds")) {
				target = AppliesTo.BUILDINGS;
				this.appliesTo.get("buildingIds").forEach((b) -> buildings.add(b.isNumber() ? b.asLong() : null));
			}
			else if (this.appliesTo != null && this.appliesTo.has("roomTypes")) {
				target = AppliesTo.ROOM_TYPES;
				this.appliesTo.get("roomTypes").forEach((t) -> types.add(choice(RoomType.class, t.asString())));
			}
			else if (this.appliesTo != null && !this.appliesTo.isNull()) {
				throw InvalidInputException.field("appliesTo", "validation.invalidValue");
			}
			LateFees late = null;
			if (this.lateFee != null && this.lateFee.dailyRate() != null) {
				try {
					late = new LateFees(this.lateFee.dailyRate(),
							(this.lateFee.graceDays() != null) ? this.lateFee.graceDays() : 0,
							!Boolean.FALSE.equals(this.lateFee.capAtPrincipal()));
				}
				catch (IllegalArgumentException ex) {
					throw InvalidInputException.field("lateFee", "validation.invalidValue");
				}
			}
			List<Tier> tierList = (this.tiers != null)
					? this.tiers.stream().map((t) -> new Tier(t.upTo(), t.unitPrice())).toList() : List.of();
			return new FeeItemCommand(this.name, this.method, this.area, this.unitPrice, this.amount, this.meterType,
					tierList, this.cycle, this.dueDay, this.dueDaysAfterIssue, target, buildings, types, late,
					this.effectiveFrom, this.effectiveTo, Boolean.TRUE.equals(this.autoDeduct),
					Boolean.TRUE.equals(this.prorateFirstPeriod));
		}

		private static <E extends Enum<E>> E choice(Class<E> type, String value) {
			try {
				return Enum.valueOf(type, value);
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInputException.field("appliesTo", "validation.invalidValue");
			}
		}

	}

}
