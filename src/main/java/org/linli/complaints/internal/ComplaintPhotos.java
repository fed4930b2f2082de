package org.linli.complaints.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.linli.complaints.ComplaintStatus;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.shared.FileTypes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.files.FileStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos of an item, added by its author while it is open: up to six images (checked
 * by their first bytes, at most {@code linli.complaints.max-photo-bytes} each), kept in
 * the database under an id and served only to those who may read the item.
 */
@Service
@Transactional(readOnly = true)
public class ComplaintPhotos {

	static final int MAX_PHOTOS = 6;

	private final JdbcClient jdbc;

	private final ComplaintService complaints;

	private final AuditLog audit;

	private final Clock clock;

	private final int maxBytes;

	private final FileStore store;

	ComplaintPhotos(FileStore store, JdbcClient jdbc, ComplaintService complaints, AuditLog audit, Clock clock,
			@Value("${linli.complaints.max-photo-bytes:5242880}") int maxBytes) {
		this.store = store;
		this.jdbc = jdbc;
		this.complaints = complaints;
		this.audit = audit;
		this.clock = clock;
		this.maxBytes = maxBytes;
	}

	/** A photo to send: its type and size, and its content from the file store. */
	public record Download(String contentType, long size, String storedName, FileStore.Content content) {
	}

	@Transactional
	public ComplaintView.Photo add(long residentId, long id, byte[] content) {
		ComplaintView item = this.complaints.findForResident(residentId, id);
		ComplaintStatus status = ComplaintStatus
			.valueOf(this.jdbc.sql("SELECT status FROM complaint WHERE id = ? FOR UPDATE")
				.param(id)
				.query(String.class)
				.single());
		if (!status.isOpen()) {
			throw InvalidInputException.conflict("file", "complaints.photo.finished");
		}
		if (content == null || content.length == 0) {
			throw InvalidInputException.field("file", "validation.required");
		}
		if (content.length > this.maxBytes) {
			throw InvalidInputException.field("file", "equipment.file.tooLarge", this.maxBytes / (1024 * 1024));
		}
		String type = FileTypes.image(content);
		if (type == null) {
			throw InvalidInputException.field("file", "equipment.file.photoType");
		}
		// where and by whom it was taken stays out of it
		content = FileTypes.withoutMetadata(content);
		long count = this.jdbc.sql("SELECT count(*) FROM complaint_photo WHERE complaint_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		if (count >= MAX_PHOTOS) {
			throw InvalidInputException.conflict("file", "complaints.photo.tooMany", MAX_PHOTOS);
		}
		Instant now = this.clock.instant();
		String stored = java.util.UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, content);
		long photoId = this.jdbc.sql("""
				INSERT INTO complaint_photo (community_id, complaint_id, content_type, size, stored_name, uploaded_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(item.communityId(), id, type, content.length, stored, Timestamp.from(now))
			.query(Long.class)
			.single();
		AuditLog.Changes changes = AuditLog.Changes.of().set("photoId", photoId).set("size", content.length);
		if (item.anonymous()) {
			this.audit.recordWithoutAddress("COMPLAINT_PHOTO_ADDED", "complaint", id, item.communityId(), changes);
		}
		else {
			this.audit.record("COMPLAINT_PHOTO_ADDED", "complaint", id, item.communityId(), changes);
		}
		return new ComplaintView.Photo(photoId, now);
	}

	@PreAuthorize(Access.COMPLAINTS)
	public Download forStaff(long id, long photoId) {
		this.complaints.find(id);
		return load(id, photoId);
	}

	public Download forResident(long residentId, long id, long photoId) {
		this.complaints.findForResident(residentId, id);
		return load(id, photoId);
	}

	private Download load(long id, long photoId) {
		List<Download> found = this.jdbc
			.sql("SELECT content_type, size, stored_name FROM complaint_photo WHERE id = ? AND complaint_id = ?")
			.params(photoId, id)
			.query((rs, n) -> new Download(rs.getString(1), rs.getLong(2), rs.getString(3),
					this.store.content(rs.getString(3))))
			.list();
		if (found.isEmpty() || !this.store.exists(found.get(0).storedName())) {
			throw new NotFoundException("photo", photoId);
		}
		return found.get(0);
	}

}
