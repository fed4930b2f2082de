package org.linli.operations.web;

import java.net.URI;
import java.util.List;

import org.linli.identity.Access;
import org.linli.operations.internal.Backups;
import org.linli.operations.internal.Backups.BackupFile;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backups through the API, for the administrator: {@code POST /api/v1/backups} makes one
 * now and answers it once it is complete; {@code GET} lists them, newest first. With an
 * external database the list is empty and a backup is refused (409): it is the database's
 * to make.
 */
@RestController
@RequestMapping("/api/v1/backups")
@PreAuthorize(Access.ADMIN)
class BackupApiController {

	private final Backups backups;

	BackupApiController(Backups backups) {
		this.backups = backups;
	}

	@GetMapping
	List<BackupFile> list() {
		return this.backups.list();
	}

	@PostMapping
	ResponseEntity<BackupFile> create() {
		BackupFile made = this.backups.create();
		return ResponseEntity.created(URI.create("/api/v1/backups/" + made.id())).body(made);
	}

}
