package org.linli.community.web;

import java.nio.charset.StandardCharsets;

import org.linli.community.internal.Announcements;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An attachment as a download of its real type, never sniffed or cached by others. */
final class Files {

	private Files() {
	}

	static ResponseEntity<byte[]> serve(Announcements.File file) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
			.body(file.content());
	}

}
