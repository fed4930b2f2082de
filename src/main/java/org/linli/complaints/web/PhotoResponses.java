package org.linli.complaints.web;

import org.linli.complaints.internal.ComplaintPhotos;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A photo as an attachment of its real type, never sniffed or cached by others. */
final class PhotoResponses {

	private PhotoResponses() {
	}

	static ResponseEntity<StreamingResponseBody> serve(long photoId, ComplaintPhotos.Download photo) {
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

}
