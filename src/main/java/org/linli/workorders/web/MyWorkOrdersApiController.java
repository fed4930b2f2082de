package org.linli.workorders.web;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.ResidentUser;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.workorders.internal.WorkOrderPhotos;
import org.linli.workorders.internal.WorkOrderService;
import org.linli.workorders.internal.WorkOrderView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * A resident's repairs: report one for their home or a public area, add photos, follow
 * it, withdraw it before work begins, and rate it when done.
 */
@RestController
@Tag(name = "Resident: me")
class MyWorkOrdersApiController {

	private final WorkOrderService orders;

	private final WorkOrderPhotos photos;

	MyWorkOrdersApiController(WorkOrderService orders, WorkOrderPhotos photos) {
		this.orders = orders;
		this.photos = photos;
	}

	@PostMapping("/api/v1/me/work-orders")
	@Operation(summary = "Reports a repair: roomId (one of the resident's), area IN_HOME|PUBLIC (with a location), "
			+ "category, description, preferredTime")
	ResponseEntity<WorkOrderView> report(@AuthenticationPrincipal ResidentUser user,
			@RequestBody WorkOrderService.ResidentReport body) {
		WorkOrderView order = this.orders.report(user.getResidentId(), body);
		return ResponseEntity.created(URI.create("/api/v1/me/work-orders/" + order.id())).body(order);
	}

	@GetMapping("/api/v1/me/work-orders")
	@Operation(summary = "The orders the resident reported and those of the rooms they live in, newest first")
	PageView<WorkOrderService.Row> mine(@AuthenticationPrincipal ResidentUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.orders.ofResident(user.getResidentId(), new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/me/work-orders/{id}")
	WorkOrderView get(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.orders.findForResident(user.getResidentId(), id);
	}

	@PostMapping("/api/v1/me/work-orders/{id}/photos")
	@Operation(summary = "Adds a photo (PNG, JPEG or WebP, multipart part 'file'), up to 6")
	ResponseEntity<WorkOrderView.Photo> addPhoto(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam("file") MultipartFile file) throws IOException {
		WorkOrderView.Photo photo = this.photos.addForResident(user.getResidentId(), id, file.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/me/work-orders/" + id + "/photos/" + photo.id())).body(photo);
	}

	@GetMapping("/api/v1/me/work-orders/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return WorkOrderApiController.serve(photoId, this.photos.forResident(user.getResidentId(), id, photoId));
	}

	record Evaluation(Integer stars, String comment) {
	}

	@PostMapping("/api/v1/me/work-orders/{id}/evaluation")
	@Operation(summary = "Rates a completed repair (stars 1–5, comment), which closes it")
	WorkOrderView evaluate(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestBody Evaluation body) {
		return this.orders.rate(user.getResidentId(), id, body.stars(), body.comment());
	}

	@PostMapping("/api/v1/me/work-orders/{id}/withdraw")
	@Operation(summary = "Withdraws the resident's own order before work begins")
	WorkOrderView withdraw(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.orders.withdraw(user.getResidentId(), id);
	}

}
