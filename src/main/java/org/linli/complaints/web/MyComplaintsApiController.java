package org.linli.complaints.web;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.complaints.internal.ComplaintPhotos;
import org.linli.complaints.internal.ComplaintService;
import org.linli.complaints.internal.ComplaintView;
import org.linli.identity.ResidentUser;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

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
 * A resident's complaints, suggestions and praise: bring one (anonymously if they wish),
 * add photos, follow it, withdraw it before it is resolved, and say whether the
 * resolution satisfies them.
 */
@RestController
@Tag(name = "Resident: me")
class MyComplaintsApiController {

	private final ComplaintService complaints;

	private final ComplaintPhotos photos;

	MyComplaintsApiController(ComplaintService complaints, ComplaintPhotos photos) {
		this.complaints = complaints;
		this.photos = photos;
	}

	@PostMapping("/api/v1/me/complaints")
	@Operation(summary = "Brings a complaint, suggestion or praise: kind, category, description, roomId (one of the "
			+ "resident's, or none), anonymous")
	ResponseEntity<ComplaintView> submit(@AuthenticationPrincipal ResidentUser user,
			@RequestBody ComplaintService.Submission body) {
		ComplaintView item = this.complaints.submit(user.getResidentId(), body);
		return ResponseEntity.created(URI.create("/api/v1/me/complaints/" + item.id())).body(item);
	}

	@GetMapping("/api/v1/me/complaints")
	@Operation(summary = "The items the resident brought, newest first")
	PageView<ComplaintService.Row> mine(@AuthenticationPrincipal ResidentUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.complaints.ofResident(user.getResidentId(), new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/me/complaints/{id}")
	ComplaintView get(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.complaints.findForResident(user.getResidentId(), id);
	}

	record Confirmation(Boolean satisfied, String comment) {
	}

	@PostMapping("/api/v1/me/complaints/{id}/confirmation")
	@Operation(summary = "Satisfied (closes it) or not (reopens it and tells the manager), with a comment")
	ComplaintView confirm(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestBody Confirmation body) {
		return this.complaints.confirm(user.getResidentId(), id, body.satisfied(), body.comment());
	}

	@PostMapping("/api/v1/me/complaints/{id}/withdraw")
	@Operation(summary = "Withdraws the resident's own item before it is resolved")
	ComplaintView withdraw(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.complaints.withdraw(user.getResidentId(), id);
	}

	@PostMapping("/api/v1/me/complaints/{id}/photos")
	@Operation(summary = "Adds a photo (PNG, JPEG or WebP, multipart part 'file'), up to 6, while the item is open")
	ResponseEntity<ComplaintView.Photo> addPhoto(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@RequestParam("file") MultipartFile file) throws IOException {
		ComplaintView.Photo photo = this.photos.add(user.getResidentId(), id, file.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/me/complaints/" + id + "/photos/" + photo.id())).body(photo);
	}

	@GetMapping("/api/v1/me/complaints/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@AuthenticationPrincipal ResidentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return PhotoResponses.serve(photoId, this.photos.forResident(user.getResidentId(), id, photoId));
	}

}
