package org.linli.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.BillStatus;
import org.linli.billing.bills.Bills;
import org.linli.billing.runs.BillingRuns;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billing runs and bills through the API.
 */
@RestController
@Tag(name = "Billing: runs and bills")
class BillingApiController {

	private final BillingRuns runs;

	private final Bills bills;

	BillingApiController(BillingRuns runs, Bills bills) {
		this.runs = runs;
		this.bills = bills;
	}

	@PostMapping("/api/v1/communities/{id}/billing-runs")
	@Operation(summary = "Start a billing run for a period and fee items; answers 202 with the run, which works in "
			+ "the background. While readings of its meters are flagged (see the preview) it needs flagged: BILL "
			+ "(bill them as read) or LEAVE_OUT (leave those rooms out, listed with the rooms without readings); "
			+ "without it, 409")
	ResponseEntity<BillingRuns.RunView> start(@PathVariable long id, @RequestBody RunRequest request) {
		BillingRuns.RunView run = this.runs.start(id, request.period(), request.feeItemIds(), request.flagged());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/billing-runs/" + run.id()))
			.body(run);
	}

	@PostMapping("/api/v1/communities/{id}/billing-runs/preview")
	@Operation(summary = "What a run would bill: lines and totals per fee item, rooms without readings, and flagged "
			+ "readings (usage far above the room's average) with the line each would make")
	BillingRuns.Preview preview(@PathVariable long id, @RequestBody RunRequest request) {
		return this.runs.preview(id, request.period(), request.feeItemIds());
	}

	@GetMapping("/api/v1/communities/{id}/billing-runs")
	List<BillingRuns.RunView> recent(@PathVariable long id) {
		return this.runs.recent(id);
	}

	@GetMapping("/api/v1/billing-runs/{id}")
	@Operation(summary = "A run's status and progress: processed of total, bills written, rooms without readings")
	BillingRuns.RunView run(@PathVariable long id) {
		return this.runs.get(id);
	}

	@GetMapping("/api/v1/rooms/{id}/bills")
	@Operation(summary = "A room's bill lines, oldest first, with breakdown, late fee so far, paid and outstanding")
	List<Bills.BillLine> ofRoom(@PathVariable long id, @RequestParam(required = false) BillStatus status) {
		return this.bills.ofRoom(id, status);
	}

	@GetMapping("/api/v1/bills/{id}")
	Bills.BillLine bill(@PathVariable long id) {
		return this.bills.get(id);
	}

	@PostMapping("/api/v1/bills/{id}/waive")
	@Operation(summary = "Waive part or all of what is owed of the principal or of the late fee (part PRINCIPAL or "
			+ "LATE_FEE; without it, the late fee when some is owed), with a reason (a new adjustment row)")
	Bills.BillLine waive(@PathVariable long id, @RequestBody WaiveRequest request) {
		return this.bills.waive(id, request.amount(), request.part(), request.reason());
	}

	@PostMapping("/api/v1/bills/{id}/cancel")
	@Operation(summary = "Cancel a bill nothing was paid on, with a reason (a new adjustment row)")
	Bills.BillLine cancel(@PathVariable long id, @RequestBody CancelRequest request) {
		return this.bills.cancel(id, request.reason());
	}

	record RunRequest(YearMonth period, List<Long> feeItemIds, BillingRuns.FlaggedChoice flagged) {
	}

	record WaiveRequest(BigDecimal amount, Bills.WaiverPart part, String reason) {
	}

	record CancelRequest(String reason) {
	}

}
