package org.linli.workorders.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.CurrentStaff;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.WorkOrderSource;
import org.linli.workorders.WorkOrderStatus;
import org.linli.workorders.WorkOrderStatus.Step;
import org.linli.workorders.internal.Dispatching;
import org.linli.workorders.internal.Settings;
import org.linli.workorders.internal.WorkOrderPhotos;
import org.linli.workorders.internal.WorkOrderService;
import org.linli.workorders.internal.WorkOrderView;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Repair work orders for staff through the API: intake for callers, the community's list,
 * every step, completion, photos, the technician's own orders and the pool, the manager's
 * overview, and the community's rules and price list.
 */
@RestController
@Tag(name = "Work orders")
class WorkOrderApiController {

	private final WorkOrderService orders;

	private final WorkOrderPhotos photos;

	private final Dispatching dispatching;

	private final Settings settings;

	private final CurrentStaff current;

	WorkOrderApiController(WorkOrderService orders, WorkOrderPhotos photos, Dispatching dispatching, Settings settings,
			CurrentStaff current) {
		this.orders = orders;
		this.photos = photos;
		this.dispatching = dispatching;
		this.settings = settings;
		this.current = current;
	}

	@PostMapping("/api/v1/communities/{id}/work-orders")
	@Operation(summary = "Customer service registers a repair for a caller or walk-in (代客报修): roomId, deviceId or "
			+ "location; category, urgency (EMERGENCY|URGENT|NORMAL), description, reporterName, reporterPhone")
	ResponseEntity<WorkOrderView> register(@PathVariable long id, @RequestBody WorkOrderService.StaffReport body) {
		WorkOrderView order = this.orders.register(id, body);
		return ResponseEntity.created(URI.create("/api/v1/work-orders/" + order.id())).body(order);
	}

	@GetMapping("/api/v1/communities/{id}/work-orders")
	@Operation(summary = "A community's orders, newest first; filter by status, assigneeId, overdue, source, "
			+ "category, callbackDue, q, open (not yet completed), pool (waiting for a technician); sort by number, createdAt, resolveBy, status, category or urgency")
	PageView<WorkOrderService.Row> list(@PathVariable long id, @RequestParam(required = false) WorkOrderStatus status,
			@RequestParam(required = false) Long assigneeId, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) WorkOrderSource source,
			@RequestParam(required = false) RepairCategory category,
			@RequestParam(required = false) Boolean callbackDue, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean open, @RequestParam(required = false) Boolean pool,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.orders.list(id,
				new WorkOrderService.Filter(status, assigneeId, overdue, source, category, callbackDue, q, open, pool),
				new PageQuery(page, size, sort, dir));
	}

	@GetMapping("/api/v1/work-orders/{id}")
	WorkOrderView get(@PathVariable long id) {
		return this.orders.find(id);
	}

	@GetMapping("/api/v1/work-orders/mine")
	@Operation(summary = "The signed-in technician's orders and the pool of their communities")
	WorkOrderService.Mine mine() {
		return this.orders.mine();
	}

	@GetMapping("/api/v1/work-orders/{id}/candidates")
	@Operation(summary = "The technicians who could take the order, the suggested one first (skill in the "
			+ "category, then open load)")
	List<Dispatching.Candidate> candidates(@PathVariable long id) {
		return this.dispatching.candidates(id);
	}

	record AssignBody(Long assigneeId) {
	}

	record NoteBody(String note) {
	}

	@PostMapping("/api/v1/work-orders/{id}/assign")
	WorkOrderView assign(@PathVariable long id, @RequestBody AssignBody body) {
		return this.orders.assign(id, body.assigneeId());
	}

	@PostMapping("/api/v1/work-orders/{id}/take")
	@Operation(summary = "A technician takes an order from the pool (抢单), when the community allows it")
	WorkOrderView take(@PathVariable long id) {
		return this.orders.take(id);
	}

	@PostMapping("/api/v1/work-orders/{id}/accept")
	WorkOrderView accept(@PathVariable long id) {
		return this.orders.advance(id, Step.ACCEPT, null);
	}

	@PostMapping("/api/v1/work-orders/{id}/start")
	WorkOrderView start(@PathVariable long id) {
		return this.orders.advance(id, Step.START, null);
	}

	@PostMapping("/api/v1/work-orders/{id}/hold")
	WorkOrderView hold(@PathVariable long id, @RequestBody NoteBody body) {
		return this.orders.advance(id, Step.HOLD, body.note());
	}

	@PostMapping("/api/v1/work-orders/{id}/resume")
	WorkOrderView resume(@PathVariable long id) {
		return this.orders.advance(id, Step.RESUME, null);
	}

	@PostMapping("/api/v1/work-orders/{id}/return")
	WorkOrderView giveBack(@PathVariable long id, @RequestBody NoteBody body) {
		return this.orders.advance(id, Step.RETURN, body.note());
	}

	@PostMapping("/api/v1/work-orders/{id}/complete")
	@Operation(summary = "Completes the repair: note, labour, materials [{name, quantity, unitPrice}], chargeable "
			+ "(in-home repairs only: one bill line of labour + materials); a retry charges nothing twice")
	WorkOrderView complete(@PathVariable long id, @RequestBody WorkOrderService.Completion body) {
		return this.orders.complete(id, body);
	}

	@PostMapping("/api/v1/work-orders/{id}/cancel")
	@Operation(summary = "Cancels with a reason; a completed order's unpaid charge is cancelled with it")
	WorkOrderView cancel(@PathVariable long id, @RequestBody NoteBody body) {
		return this.orders.cancel(id, body.note());
	}

	@PostMapping("/api/v1/work-orders/{id}/callback")
	@Operation(summary = "A manager's call-back (回访) to a resident who rated the repair 1 or 2 stars")
	WorkOrderView callback(@PathVariable long id, @RequestBody NoteBody body) {
		return this.orders.callback(id, body.note());
	}

	@PostMapping("/api/v1/work-orders/{id}/photos")
	@Operation(summary = "Adds a photo (PNG, JPEG or WebP, multipart part 'file'): after-photos once work began")
	ResponseEntity<WorkOrderView.Photo> addPhoto(@PathVariable long id, @RequestParam("file") MultipartFile file)
			throws IOException {
		WorkOrderView.Photo photo = this.photos.addForStaff(id, file.getBytes(), this.current.require().getUsername());
		return ResponseEntity.created(URI.create("/api/v1/work-orders/" + id + "/photos/" + photo.id())).body(photo);
	}

	@GetMapping("/api/v1/work-orders/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id, @PathVariable long photoId) {
		return serve(photoId, this.photos.forStaff(id, photoId));
	}

	/** A photo as an attachment of its real type, never sniffed or cached by others. */
	static ResponseEntity<StreamingResponseBody> serve(long photoId, WorkOrderPhotos.Download photo) {
		String extension = photo.contentType().substring(photo.contentType().indexOf('/') + 1);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("photo-" + photoId + "." + extension).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
			.contentLength(photo.size())
			.body((out) -> photo.content().writeTo(out));
	}

	@GetMapping("/api/v1/communities/{id}/work-order-overview")
	@Operation(summary = "Open, overdue and pool counts, call-backs due, average rating by technician and category")
	Dispatching.Overview overview(@PathVariable long id) {
		return this.dispatching.overview(id);
	}

	@GetMapping("/api/v1/communities/{id}/work-order-settings")
	Settings.Rules rules(@PathVariable long id) {
		return this.settings.of(id);
	}

	@PutMapping("/api/v1/communities/{id}/work-order-settings")
	@Operation(summary = "poolEnabled, and limits by urgency: {\"EMERGENCY\":{\"respondMinutes\":30,"
			+ "\"resolveMinutes\":240},…}")
	Settings.Rules changeRules(@PathVariable long id, @RequestBody Settings.Rules body) {
		return this.settings.change(id, body);
	}

	@GetMapping("/api/v1/communities/{id}/work-order-prices")
	List<Settings.Price> prices(@PathVariable long id) {
		return this.settings.prices(id);
	}

	@PostMapping("/api/v1/communities/{id}/work-order-prices")
	@Operation(summary = "Adds a material to the price list, or prices it again: name, unit, unitPrice")
	ResponseEntity<Settings.Price> putPrice(@PathVariable long id, @RequestBody Settings.PriceCommand body) {
		return ResponseEntity.status(201).body(this.settings.putPrice(id, body));
	}

	@DeleteMapping("/api/v1/work-order-prices/{id}")
	ResponseEntity<Void> removePrice(@PathVariable long id) {
		this.settings.removePrice(id);
		return ResponseEntity.noContent().build();
	}

}
