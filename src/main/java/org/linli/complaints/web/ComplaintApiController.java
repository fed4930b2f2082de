package org.linli.complaints.web;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.internal.ComplaintPhotos;
import org.linli.complaints.internal.ComplaintReports;
import org.linli.complaints.internal.ComplaintService;
import org.linli.complaints.internal.ComplaintView;
import org.linli.complaints.internal.Limits;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Complaints and suggestions for staff through the API: registering callers and walk-ins,
 * a community's list, an item with its timeline, every step, links, the repair an item
 * opens, the figures, and the community's limits.
 */
@RestController
@Tag(name = "Complaints")
class ComplaintApiController {

	private final ComplaintService complaints;

	private final ComplaintPhotos photos;

	private final ComplaintReports reports;

	private final Limits limits;

	ComplaintApiController(ComplaintService complaints, ComplaintPhotos photos, ComplaintReports reports,
			Limits limits) {
		this.complaints = complaints;
		this.photos = photos;
		this.reports = reports;
		this.limits = limits;
	}

	@PostMapping("/api/v1/communities/{id}/complaints")
	@Operation(summary = "Customer service registers a caller's or walk-in's item: kind (COMPLAINT|SUGGESTION|PRAISE), "
			+ "category, channel (PHONE|WALK_IN), description, roomId, callerName, callerPhone, anonymous")
	ResponseEntity<ComplaintView> register(@PathVariable long id, @RequestBody ComplaintService.Registration body) {
		ComplaintView item = this.complaints.register(id, body);
		return ResponseEntity.created(URI.create("/api/v1/complaints/" + item.id())).body(item);
	}

	@GetMapping("/api/v1/communities/{id}/complaints")
	@Operation(summary = "A community's items, newest first; filter by status, category, kind, overdue, open, "
			+ "handlerId, q; sort by number, createdAt, resolveBy, category, kind or status")
	PageView<ComplaintService.Row> list(@PathVariable long id, @RequestParam(required = false) ComplaintStatus status,
			@RequestParam(required = false) ComplaintCategory category,
			@RequestParam(required = false) ComplaintKind kind, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean open, @RequestParam(required = false) Long handlerId,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.complaints.list(id,
				new ComplaintService.Filter(status, category, kind, overdue, open, handlerId, q),
				new PageQuery(page, size, sort, dir));
	}

	@GetMapping("/api/v1/complaints/{id}")
	ComplaintView get(@PathVariable long id) {
		return this.complaints.find(id);
	}

	@GetMapping("/api/v1/complaints/mine")
	@Operation(summary = "The open items given to the signed-in staff member")
	List<ComplaintService.Row> mine() {
		return this.complaints.mine();
	}

	@GetMapping("/api/v1/communities/{id}/complaint-handlers")
	@Operation(summary = "Who an item may be given to, fewest open items first")
	List<ComplaintService.Handler> handlers(@PathVariable long id) {
		return this.complaints.handlers(id);
	}

	record AssignBody(Long handlerId) {
	}

	record ResolveBody(String result) {
	}

	record LinkBody(Long relatedId) {
	}

	@PostMapping("/api/v1/complaints/{id}/assign")
	ComplaintView assign(@PathVariable long id, @RequestBody AssignBody body) {
		return this.complaints.assign(id, body.handlerId());
	}

	@PostMapping("/api/v1/complaints/{id}/follow-ups")
	@Operation(summary = "A follow-up (跟进) by the handler: note, contacted, nextStep")
	ResponseEntity<ComplaintView> followUp(@PathVariable long id, @RequestBody ComplaintService.FollowUp body) {
		return ResponseEntity.status(201).body(this.complaints.followUp(id, body));
	}

	@PostMapping("/api/v1/complaints/{id}/resolve")
	@Operation(summary = "Resolves with a result the resident reads (a suggestion's reply)")
	ComplaintView resolve(@PathVariable long id, @RequestBody ResolveBody body) {
		return this.complaints.resolve(id, body.result());
	}

	@PostMapping("/api/v1/complaints/{id}/links")
	@Operation(summary = "Links a related item of the same community (relatedId)")
	ComplaintView link(@PathVariable long id, @RequestBody LinkBody body) {
		return this.complaints.link(id, body.relatedId());
	}

	@PostMapping("/api/v1/complaints/{id}/work-order")
	@Operation(summary = "Opens a repair order for an item that is really a fault: category (a repair category), "
			+ "urgency, description, location, inRoom; once per item")
	ComplaintView openRepair(@PathVariable long id, @RequestBody ComplaintService.RepairRequest body) {
		return this.complaints.openRepair(id, body);
	}

	@GetMapping("/api/v1/complaints/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id, @PathVariable long photoId) {
		return PhotoResponses.serve(photoId, this.photos.forStaff(id, photoId));
	}

	@GetMapping("/api/v1/communities/{id}/complaint-report")
	@Operation(summary = "Counts by kind, category, building and month, average hours to accept and resolve, "
			+ "satisfaction rate, repeat rooms and topics: from=2026-01&to=2026-12")
	ComplaintReports.Report report(@PathVariable long id, @RequestParam YearMonth from, @RequestParam YearMonth to) {
		return this.reports.report(id, from, to);
	}

	@GetMapping("/api/v1/communities/{id}/complaint-settings")
	Map<ComplaintCategory, Limits.Limit> limits(@PathVariable long id) {
		return this.limits.of(id);
	}

	@PutMapping("/api/v1/communities/{id}/complaint-settings")
	@Operation(
			summary = "Limits per category in minutes: {\"NOISE\":{\"acceptMinutes\":120,\"resolveMinutes\":2880},…}")
	Map<ComplaintCategory, Limits.Limit> changeLimits(@PathVariable long id,
			@RequestBody Map<ComplaintCategory, Limits.Limit> body) {
		return this.limits.change(id, body);
	}

}
