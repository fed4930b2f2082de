package org.linli.community.web;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.community.internal.AnnouncementView;
import org.linli.community.internal.Announcements;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Announcements for staff: publish, list with read households, withdraw, attach files.
 */
@RestController
@Tag(name = "Community")
class AnnouncementApiController {

	private final Announcements announcements;

	AnnouncementApiController(Announcements announcements) {
		this.announcements = announcements;
	}

	@PostMapping("/api/v1/communities/{id}/announcements")
	@Operation(summary = "Publishes an announcement: title, body (rich text, sanitized), buildingIds (none: the whole "
			+ "community), publishAt (none: now), expiresAt, pinned, urgent (also by SMS)")
	ResponseEntity<AnnouncementView> publish(@PathVariable long id, @RequestBody Announcements.Draft body) {
		AnnouncementView created = this.announcements.publish(id, body);
		return ResponseEntity.created(URI.create("/api/v1/announcements/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/communities/{id}/announcements")
	@Operation(summary = "A community's announcements, pinned then newest first, each with how many households read "
			+ "it; filter by state (SCHEDULED|CURRENT|EXPIRED|WITHDRAWN)")
	PageView<AnnouncementView> list(@PathVariable long id, @RequestParam(required = false) AnnouncementView.State state,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.announcements.list(id, state, new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/announcements/{id}")
	@Operation(summary = "An announcement with its households addressed and read")
	AnnouncementView get(@PathVariable long id) {
		return this.announcements.find(id);
	}

	@PostMapping("/api/v1/announcements/{id}/withdraw")
	AnnouncementView withdraw(@PathVariable long id) {
		return this.announcements.withdraw(id);
	}

	@PostMapping("/api/v1/announcements/{id}/attachments")
	@Operation(summary = "Attaches a file (PDF or image, multipart part 'file'), up to 6")
	ResponseEntity<AnnouncementView.Attachment> attach(@PathVariable long id, @RequestParam("file") MultipartFile file)
			throws IOException {
		AnnouncementView.Attachment attachment = this.announcements.attach(id, file.getOriginalFilename(),
				file.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/announcements/" + id + "/attachments/" + attachment.id()))
			.body(attachment);
	}

	@GetMapping("/api/v1/announcements/{id}/attachments/{attachmentId}")
	ResponseEntity<StreamingResponseBody> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		return Files.serve(this.announcements.attachment(id, attachmentId));
	}

}
