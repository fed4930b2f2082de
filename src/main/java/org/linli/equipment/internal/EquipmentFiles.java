package org.linli.equipment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.FileTypes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.files.FileStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A device's photos and documents, and the photos taken on the job, in the
 * {@link FileStore} (PostgreSQL), where every node reads them. Only images (PNG, JPEG,
 * WebP) and PDFs are taken, known by their first bytes rather than by their name; at most
 * {@code linli.equipment.max-file-bytes}; stored under a name Linli makes up, so nothing
 * is ever read from or written to a path the uploader chose; the original name is kept,
 * cleaned, for the download.
 */
@Service
@Transactional(readOnly = true)
public class EquipmentFiles {

	private final JdbcClient jdbc;

	private final EquipmentService equipment;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	private final FileStore store;

	private final long maxBytes;

	EquipmentFiles(JdbcClient jdbc, EquipmentService equipment, CurrentStaff current, AuditLog audit, Clock clock,
			FileStore store, @Value("${linli.equipment.max-file-bytes:10485760}") long maxBytes) {
		this.jdbc = jdbc;
		this.equipment = equipment;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
		this.store = store;
		this.maxBytes = maxBytes;
	}

	public record FileView(long id, long equipmentId, String name, String contentType, long size, Instant uploadedAt) {

		public boolean image() {
			return this.contentType.startsWith("image/");
		}

	}

	/** A file to send: what it is, and its content from the file store. */
	public record Download(FileView file, FileStore.Content content) {
	}

	@Transactional
	@PreAuthorize(Access.TECHNICIANS)
	public FileView upload(long equipmentId, String originalName, byte[] content) {
		EquipmentService.EquipmentView device = this.equipment.get(equipmentId);
		if (content == null || content.length == 0) {
			throw InvalidInputException.field("file", "validation.required");
		}
		if (content.length > this.maxBytes) {
			throw InvalidInputException.field("file", "equipment.file.tooLarge", this.maxBytes / (1024 * 1024));
		}
		String type = FileTypes.sniff(content);
		if (type == null) {
			throw InvalidInputException.field("file", "equipment.file.type");
		}
		String stored = UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, content);
		String name = clean(originalName, FileTypes.extension(type));
		long id = this.jdbc
			.sql("""
					INSERT INTO equipment_file (equipment_id, original_name, stored_name, content_type, size, uploaded_by, uploaded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(equipmentId, name, stored, type, content.length, this.current.require().getAccountId(),
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
		this.audit.record("EQUIPMENT_FILE_ADDED", "equipment", equipmentId, device.communityId(),
				AuditLog.Changes.of().set("file", name).set("size", content.length));
		return find(equipmentId, id);
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<FileView> of(long equipmentId) {
		this.equipment.get(equipmentId);
		return this.jdbc.sql(SELECT + " WHERE equipment_id = ? ORDER BY id").param(equipmentId).query(this::row).list();
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public Download download(long equipmentId, long fileId) {
		this.equipment.get(equipmentId);
		FileView file = find(equipmentId, fileId);
		String stored = this.jdbc.sql("SELECT stored_name FROM equipment_file WHERE id = ?")
			.param(fileId)
			.query(String.class)
			.single();
		if (!this.store.exists(stored)) {
			throw new NotFoundException("equipmentFile", fileId);
		}
		return new Download(file, this.store.content(stored));
	}

	/**
	 * The name without any folder, control or reserved characters, ending in the
	 * extension of what it really is.
	 */
	static String clean(String name, String extension) {
		String base = (name != null) ? name : "";
		base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
		base = base.replaceAll("[\\p{Cntrl}<>:\"|?*]", "").trim();
		int dot = base.lastIndexOf('.');
		if (dot >= 0) {
			base = base.substring(0, dot);
		}
		base = base.replaceAll("^\\.+", "");
		if (base.isBlank()) {
			base = "file";
		}
		return (base.length() > 150 ? base.substring(0, 150) : base) + extension;
	}

	private FileView find(long equipmentId, long id) {
		return this.jdbc.sql(SELECT + " WHERE id = ? AND equipment_id = ?")
			.params(id, equipmentId)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("equipmentFile", id));
	}

	private static final String SELECT = """
			SELECT id, equipment_id, original_name, content_type, size, uploaded_at FROM equipment_file""";

	private FileView row(ResultSet rs, int n) throws SQLException {
		return new FileView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
				rs.getTimestamp(6).toInstant());
	}

	/**
	 * A photo taken on the job (images only), linked to a maintenance task or to an
	 * inspection result of the community; the caller has checked that the user may add
	 * it.
	 */
	@Transactional
	public long addPhoto(long communityId, Long taskId, Long resultId, byte[] content) {
		if (content == null || content.length == 0) {
			throw InvalidInputException.field("photo", "validation.required");
		}
		if (content.length > this.maxBytes) {
			throw InvalidInputException.field("photo", "equipment.file.tooLarge", this.maxBytes / (1024 * 1024));
		}
		String type = FileTypes.sniff(content);
		if (type == null || !type.startsWith("image/")) {
			throw InvalidInputException.field("photo", "equipment.file.photoType");
		}
		String stored = UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, content);
		return this.jdbc
			.sql("""
					INSERT INTO equipment_photo (community_id, maintenance_task_id, inspection_result_id, stored_name, content_type, size,
					                             uploaded_by, uploaded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, taskId, resultId, stored, type, content.length, this.current.require().getAccountId(),
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
	}

	/** A job photo, for staff of its community. */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public Download photo(long id) {
		Object[] row = this.jdbc
			.sql("SELECT community_id, stored_name, content_type, size, uploaded_at FROM equipment_photo WHERE id = ?")
			.param(id)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
							rs.getTimestamp(5).toInstant() })
			.optional()
			.orElseThrow(() -> new NotFoundException("photo", id));
		this.current.requireCommunity((Long) row[0], "photo", id);
		String stored = (String) row[1];
		if (!this.store.exists(stored)) {
			throw new NotFoundException("photo", id);
		}
		return new Download(new FileView(id, 0, "photo-" + id + FileTypes.extension((String) row[2]), (String) row[2],
				(Long) row[3], (Instant) row[4]), this.store.content(stored));
	}

	/** The photos of tasks or of results, by their owner's id. */
	@SqlRead
	public Map<Long, List<Long>> photosOf(String column, Collection<Long> owners) {
		Map<Long, List<Long>> photos = new HashMap<>();
		if (owners.isEmpty()) {
			return photos;
		}
		String owner = "task".equals(column) ? "maintenance_task_id" : "inspection_result_id";
		this.jdbc.sql("SELECT " + owner + ", id FROM equipment_photo WHERE " + owner + " IN (:ids) ORDER BY id")
			.param("ids", List.copyOf(owners))
			.query((rs, n) -> photos.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return photos;
	}

}
