package org.linli.workorders.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.shared.FileTypes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.files.FileStore;
import org.linli.workorders.WorkOrderStatus;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The photos of a repair order: the reporter's (before, up to six) and the technician's
 * (after, up to six). Images only, by their first bytes; at most
 * {@code linli.workorders.max-photo-bytes} each; kept in the database under an id, never
 * under the name they came with; served only to those who may see the order.
 */
@Service
@Transactional(readOnly = true)
public class WorkOrderPhotos {

	private final JdbcClient jdbc;

	private final WorkOrderService orders;

	private final AuditLog audit;

	private final Clock clock;

	private final int maxBytes;

	private final FileStore store;

	WorkOrderPhotos(FileStore store, JdbcClient jdbc, WorkOrderService orders, AuditLog audit, Clock clock,
			@Value("${linli.workorders.max-photo-bytes:5242880}") int maxBytes) {
		this.store = store;
		this.jdbc = jdbc;
		this.orders = orders;
		this.audit = audit;
		this.clock = clock;
		this.maxBytes = maxBytes;
	}

	/** A photo to send: its type and size, and its content from the file store. */
	public record Download(String contentType, long size, String storedName, FileStore.Content content) {
	}

	/** The reporting resident adds a photo to their order, while it is not finished. */
	@Transactional
	public WorkOrderView.Photo addForResident(long residentId, long orderId, byte[] content) {
		WorkOrderView order = this.orders.findForResident(residentId, orderId);
		Long reporter = this.jdbc.sql("SELECT reporter_resident_id FROM work_order WHERE id = ?")
			.param(orderId)
			.query((rs, n) -> (Long) rs.getObject(1))
			.single();
		if (!Long.valueOf(residentId).equals(reporter)) {
			throw new NotFoundException("workOrder", orderId);
		}
		return add(order, "BEFORE", content, "resident#" + residentId);
	}

	/**
	 * Staff add a photo: an after-photo once work has begun, a before-photo until then.
	 */
	@Transactional
	@PreAuthorize(Access.REPAIRS)
	public WorkOrderView.Photo addForStaff(long orderId, byte[] content, String by) {
		WorkOrderView order = this.orders.find(orderId);
		if (!this.orders.mayWorkOn(order)) {
			throw new AccessDeniedException("Only dispatchers and the order's technician add photos");
		}
		boolean after = order.status() == WorkOrderStatus.IN_PROGRESS || order.status() == WorkOrderStatus.ON_HOLD
				|| order.status() == WorkOrderStatus.COMPLETED;
		return add(order, after ? "AFTER" : "BEFORE", content, by);
	}

	private WorkOrderView.Photo add(WorkOrderView order, String kind, byte[] content, String by) {
		WorkOrderStatus status = WorkOrderStatus
			.valueOf(this.jdbc.sql("SELECT status FROM work_order WHERE id = ? FOR UPDATE")
				.param(order.id())
				.query(String.class)
				.single());
		if (status == WorkOrderStatus.CLOSED || status == WorkOrderStatus.CANCELLED) {
			throw InvalidInputException.conflict("file", "workorders.photo.finished");
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
		long count = this.jdbc.sql("SELECT count(*) FROM work_order_photo WHERE work_order_id = ? AND kind = ?")
			.params(order.id(), kind)
			.query(Long.class)
			.single();
		if (count >= WorkOrderService.MAX_PHOTOS) {
			throw InvalidInputException.conflict("file", "workorders.photo.tooMany", WorkOrderService.MAX_PHOTOS);
		}
		java.time.Instant now = this.clock.instant();
		String stored = java.util.UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, content);
		long id = this.jdbc
			.sql("""
					INSERT INTO work_order_photo (community_id, work_order_id, kind, content_type, size, stored_name, uploaded_by, uploaded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(order.communityId(), order.id(), kind, type, content.length, stored, by, Timestamp.from(now))
			.query(Long.class)
			.single();
		this.audit.record("WORK_ORDER_PHOTO_ADDED", "workOrder", order.id(), order.communityId(),
				AuditLog.Changes.of().set("photoId", id).set("kind", kind).set("size", content.length));
		return new WorkOrderView.Photo(id, kind, now);
	}

	@PreAuthorize(Access.REPAIRS)
	public Download forStaff(long orderId, long photoId) {
		this.orders.find(orderId);
		return load(orderId, photoId);
	}

	public Download forResident(long residentId, long orderId, long photoId) {
		this.orders.findForResident(residentId, orderId);
		return load(orderId, photoId);
	}

	private Download load(long orderId, long photoId) {
		List<Download> found = this.jdbc
			.sql("SELECT content_type, size, stored_name FROM work_order_photo WHERE id = ? AND work_order_id = ?")
			.params(photoId, orderId)
			.query((rs, n) -> new Download(rs.getString(1), rs.getLong(2), rs.getString(3),
					this.store.content(rs.getString(3))))
			.list();
		if (found.isEmpty() || !this.store.exists(found.get(0).storedName())) {
			throw new NotFoundException("photo", photoId);
		}
		return found.get(0);
	}

}
