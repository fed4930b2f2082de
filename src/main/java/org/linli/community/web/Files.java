package org.linli.community.web;

import java.nio.charset.StandardCharsets;

import org.linli.community.internal.Announcements;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** An attachment as a download of its real type, never sniffed or cached by others. */
final class Files {

	private Files() {
	}

	static ResponseEntity<StreamingResponseBody> serve(Announcements.File file) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
			.contentLength(file.size())
			.body((out) -> file.content().writeTo(out));
	}

}
