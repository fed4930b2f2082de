package org.linli.community.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linli.community.AnnouncementPublished;
import org.linli.community.Community;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.FileTypes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.RichText;
import org.linli.shared.SqlArrays;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.shared.files.FileStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announcements (公告): staff publish to a community or some of its buildings, now or at a
 * time, until a time or for good, pinned or not, urgent ones also by SMS; residents read
 * those addressed to their homes, and each reading marks the household as having read it.
 * The publishing job ({@link CommunityJobs}) notifies the addressees once the time comes.
 */
@Service
@Transactional(readOnly = true)
public class Announcements {

	static final int MAX_BODY = 20_000;

	private static final String STATE = """
			CASE WHEN a.withdrawn_at IS NOT NULL THEN 'WITHDRAWN' WHEN a.publish_at > :now THEN 'SCHEDULED'
			     WHEN a.expires_at IS NOT NULL AND a.expires_at <= :now THEN 'EXPIRED' ELSE 'CURRENT' END""";

	/**
	 * The households that read it, among those it reaches today ({@code :occupied}): a
	 * household that read it and moved out no longer counts.
	 */
	private static final String READ = "(SELECT count(DISTINCT r.room_id) FROM announcement_read r "
			+ "WHERE r.announcement_id = a.id AND r.room_id = ANY (CAST(:occupied AS bigint[]))) AS read";

	private static final String VISIBLE = " AND a.withdrawn_at IS NULL AND a.publish_at <= :now "
			+ "AND (a.expires_at IS NULL OR a.expires_at > :now)";

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final Residents residents;

	private final Homes homes;

	private final CommunityNotices notices;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int maxAttachmentBytes;

	private final FileStore store;

	Announcements(FileStore store, JdbcClient jdbc, CurrentStaff current, Estate estate, Residents residents,
			Homes homes, CommunityNotices notices, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			@Value("${linli.community.max-attachment-bytes:10485760}") int maxAttachmentBytes) {
		this.store = store;
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.residents = residents;
		this.homes = homes;
		this.notices = notices;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.maxAttachmentBytes = maxAttachmentBytes;
	}

	/**
	 * What staff publish: {@code body} is rich text (sanitized), no buildings means the
	 * whole community, no publishing time means now, no expiry means it stays.
	 */
	public record Draft(String title, String body, List<Long> buildingIds, OffsetDateTime publishAt,
			OffsetDateTime expiresAt, Boolean pinned, Boolean urgent) {
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public AnnouncementView publish(long communityId, Draft draft) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		String body = RichText.clean(draft.body());
		Checks checks = new Checks().required("title", blank(draft.title()))
			.maxLength("title", draft.title(), 200)
			.maxLength("body", draft.body(), MAX_BODY);
		if (!checks.has("body") && RichText.plain(body).isEmpty()) {
			checks.add("body", "validation.required");
		}
		List<Long> buildings = buildings(communityId, draft.buildingIds(), checks);
		Instant now = this.clock.instant();
		Instant publishAt = (draft.publishAt() == null || draft.publishAt().toInstant().isBefore(now)) ? now
				: draft.publishAt().toInstant();
		Instant expiresAt = (draft.expiresAt() != null) ? draft.expiresAt().toInstant() : null;
		if (expiresAt != null && !expiresAt.isAfter(publishAt)) {
			checks.add("expiresAt", "community.announcement.expiresBeforePublished");
		}
		checks.throwIfAny();
		long id = this.jdbc
			.sql("""
					INSERT INTO announcement (community_id, title, body, building_ids, publish_at, expires_at, pinned, urgent,
					                          created_by, created_at)
					VALUES (:community, :title, :body, CAST(:buildings AS bigint[]), :publishAt, :expiresAt, :pinned, :urgent,
					        :by, :now) RETURNING id""")
			.param("community", communityId)
			.param("title", draft.title().strip())
			.param("body", body)
			.param("buildings", SqlArrays.bigints(buildings))
			.param("publishAt", Timestamp.from(publishAt))
			.param("expiresAt", (expiresAt != null) ? Timestamp.from(expiresAt) : null)
			.param("pinned", Boolean.TRUE.equals(draft.pinned()))
			.param("urgent", Boolean.TRUE.equals(draft.urgent()))
			.param("by", this.current.require().getDisplayName())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		this.audit.record("ANNOUNCEMENT_PUBLISHED", "announcement", id, communityId,
				AuditLog.Changes.of()
					.set("title", draft.title().strip())
					.set("buildings", buildings)
					.set("publishAt", publishAt)
					.set("expiresAt", expiresAt)
					.set("urgent", Boolean.TRUE.equals(draft.urgent())));
		return find(id);
	}

	/** Takes a published or scheduled announcement down; residents no longer see it. */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public AnnouncementView withdraw(long id) {
		AnnouncementView announcement = find(id);
		if (announcement.state() == AnnouncementView.State.WITHDRAWN) {
			throw InvalidInputException.conflict("state", "community.announcement.withdrawn");
		}
		this.jdbc
			.sql("UPDATE announcement SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), this.current.require().getDisplayName(), id)
			.update();
		this.audit.record("ANNOUNCEMENT_WITHDRAWN", "announcement", id, announcement.communityId(),
				AuditLog.Changes.of().set("title", announcement.title()));
		return find(id);
	}

	@PreAuthorize(Access.SERVICE)
	public AnnouncementView find(long id) {
		long communityId = this.jdbc.sql("SELECT community_id FROM announcement WHERE id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("announcement", id));
		this.current.requireCommunity(communityId, "announcement", id);
		Instant now = this.clock.instant();
		AnnouncementView row = this.jdbc
			.sql("SELECT a.*, " + STATE + " AS state, " + READ + " FROM announcement a WHERE a.id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.param("occupied", SqlArrays.bigints(occupied(communityId, id)))
			.query((rs, n) -> view(rs, 0, List.of()))
			.single();
		long households = occupied(communityId, id).size();
		return new AnnouncementView(row.id(), row.communityId(), row.title(), row.body(), row.buildingIds(),
				buildingNames(communityId, row.buildingIds()), row.publishAt(), row.expiresAt(), row.pinned(),
				row.urgent(), row.state(), households, row.readHouseholds(), attachments(id), row.createdBy(),
				row.createdAt(), row.notifiedAt());
	}

	/**
	 * The households an announcement is addressed to today: the rooms of its buildings
	 * (or of the community) someone lives in. Reading is counted among them only, so that
	 * a household that read it and moved out is not counted.
	 */
	private List<Long> occupied(long communityId, Long announcementId) {
		List<Long> buildings = (announcementId == null) ? List.of()
				: this.jdbc.sql("SELECT building_ids FROM announcement WHERE id = ?")
					.param(announcementId)
					.query((rs, n) -> SqlArrays.longs(rs.getArray(1)))
					.single();
		return this.residents.occupiedRoomsIn(communityId, buildings, Times.today(this.clock));
	}

	/** A community's announcements, newest first, each with its read households. */
	@PreAuthorize(Access.SERVICE)
	public PageView<AnnouncementView> list(long communityId, AnnouncementView.State state, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		Map<Long, Long> lived = this.residents.occupiedRoomBuildings(communityId, Times.today(this.clock));
		PageView<AnnouncementView> page = select(communityId, state)
			.param("occupied", SqlArrays.bigints(lived.keySet()))
			.page(this.jdbc, "SELECT a.*, " + STATE + " AS state, " + READ, query, (rs, n) -> view(rs, 0, List.of()));
		// each row's households: the rooms lived in within its buildings, counted here
		return new PageView<>(page.content()
			.stream()
			.map((a) -> a.withHouseholds(a.buildingIds().isEmpty() ? lived.size()
					: lived.values().stream().filter(a.buildingIds()::contains).count()))
			.toList(), page.page(), page.size(), page.totalElements(), page.totalPages());
	}

	private SqlList select(long communityId, AnnouncementView.State state) {
		return SqlList.from("FROM announcement a")
			.where("a.community_id = :community")
			.param("community", communityId)
			.param("now", Timestamp.from(this.clock.instant()))
			.when(state, STATE + " = :state", "state", (state != null) ? state.name() : null)
			.orderBy("a.pinned DESC, a.publish_at DESC, a.id DESC");
	}

	// ------------------------------------------------------------------ residents

	/** What a resident reads in the portal and through the API. */
	public record ForResident(long id, String title, String body, Instant publishedAt, Instant expiresAt,
			boolean pinned, boolean urgent, boolean read, List<AnnouncementView.Attachment> attachments) {
	}

	public PageView<ForResident> forResident(long residentId, PageQuery query) {
		Homes.Of homes = this.homes.of(residentId);
		if (homes.isEmpty()) {
			return new PageView<>(List.of(), query.page(), query.size(), 0, 0);
		}
		return visible(homes, residentId).page(this.jdbc, RESIDENT_SELECT, query,
				(rs, n) -> forResident(rs, List.of()));
	}

	@SqlRead
	List<Community.NoticeLine> latest(long residentId, int max) {
		Homes.Of homes = this.homes.of(residentId);
		if (homes.isEmpty()) {
			return List.of();
		}
		return visible(homes, residentId)
			.page(this.jdbc, RESIDENT_SELECT, new PageQuery(0, max, null, null), (rs, n) -> forResident(rs, List.of()))
			.content()
			.stream()
			.map((a) -> new Community.NoticeLine(a.id(), a.title(), a.publishedAt(), a.pinned(), a.urgent(), a.read()))
			.toList();
	}

	@SqlRead
	long unread(long residentId) {
		Homes.Of homes = this.homes.of(residentId);
		if (homes.isEmpty()) {
			return 0;
		}
		return this.jdbc
			.sql("SELECT count(*) FROM announcement a WHERE " + Homes.ADDRESSED + VISIBLE
					+ " AND NOT EXISTS (SELECT 1 FROM announcement_read r WHERE r.announcement_id = a.id"
					+ " AND r.resident_id = :resident)")
			.param("communities", homes.communities())
			.param("buildings", homes.buildings())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("resident", residentId)
			.query(Long.class)
			.single();
	}

	private static final String RESIDENT_SELECT = "SELECT a.id, a.title, a.body, a.publish_at, a.expires_at, a.pinned, "
			+ "a.urgent, EXISTS (SELECT 1 FROM announcement_read r WHERE r.announcement_id = a.id "
			+ "AND r.resident_id = :resident) AS read";

	private SqlList visible(Homes.Of homes, long residentId) {
		return SqlList.from("FROM announcement a")
			.where(Homes.ADDRESSED + VISIBLE)
			.param("communities", homes.communities())
			.param("buildings", homes.buildings())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("resident", residentId)
			.orderBy("a.pinned DESC, a.publish_at DESC, a.id DESC");
	}

	/**
	 * Opens an announcement for a resident and marks it read for each of their homes it
	 * is addressed to (written the first time only).
	 */
	@Transactional
	public ForResident readByResident(long residentId, long id) {
		Homes.Of homes = this.homes.of(residentId);
		if (homes.isEmpty()) {
			throw new NotFoundException("announcement", id);
		}
		SqlList one = visible(homes, residentId).where("a.id = :id").param("id", id);
		ForResident found = one.list(this.jdbc, RESIDENT_SELECT + ", a.community_id, a.building_ids", (rs, n) -> {
			ForResident a = forResident(rs, attachments(id));
			List<RoomRef> reached = homes.reached(rs.getLong("community_id"),
					SqlArrays.longs(rs.getArray("building_ids")));
			// each home once (a new home of a reader counts too); a row read before stays
			for (RoomRef room : reached) {
				this.jdbc
					.sql("INSERT INTO announcement_read (announcement_id, room_id, resident_id, read_at) "
							+ "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
					.params(id, room.id(), residentId, Timestamp.from(this.clock.instant()))
					.update();
			}
			return a;
		}).stream().findFirst().orElseThrow(() -> new NotFoundException("announcement", id));
		return found;
	}

	// ----------------------------------------------------------------- publishing

	/**
	 * Notifies the addressees of every announcement whose time has come (the publishing
	 * job): each resident living in its buildings once, by its key, so that a second run
	 * or a run after a crash sends nothing twice.
	 */
	@Transactional
	public int notifyDue() {
		Instant now = this.clock.instant();
		record Due(long id, long communityId, String title, boolean urgent, List<Long> buildingIds) {
		}
		List<Due> due = this.jdbc.sql("""
				SELECT id, community_id, title, urgent, building_ids FROM announcement
				WHERE notified_at IS NULL AND withdrawn_at IS NULL AND publish_at <= ?
				  AND (expires_at IS NULL OR expires_at > ?)
				ORDER BY publish_at, id LIMIT 20 FOR UPDATE SKIP LOCKED""")
			.params(Timestamp.from(now), Timestamp.from(now))
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
					SqlArrays.longs(rs.getArray(5))))
			.list();
		for (Due announcement : due) {
			java.time.LocalDate today = Times.today(this.clock);
			List<Long> addressees = this.residents.residentsIn(announcement.communityId(), announcement.buildingIds(),
					today);
			for (long residentId : addressees) {
				this.notices.announcement(announcement.communityId(), announcement.id(), announcement.title(),
						announcement.urgent(), residentId);
			}
			this.jdbc.sql("UPDATE announcement SET notified_at = ? WHERE id = ?")
				.params(Timestamp.from(now), announcement.id())
				.update();
			this.events.publishEvent(new AnnouncementPublished(announcement.id(), announcement.communityId(),
					this.residents.householdsIn(announcement.communityId(), announcement.buildingIds(), today)));
		}
		return due.size();
	}

	// ---------------------------------------------------------------- attachments

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public AnnouncementView.Attachment attach(long id, String fileName, byte[] content) {
		AnnouncementView announcement = find(id);
		if (announcement.state() == AnnouncementView.State.WITHDRAWN) {
			throw InvalidInputException.conflict("state", "community.announcement.withdrawn");
		}
		if (content == null || content.length == 0) {
			throw InvalidInputException.field("file", "validation.required");
		}
		if (content.length > this.maxAttachmentBytes) {
			throw InvalidInputException.field("file", "equipment.file.tooLarge",
					this.maxAttachmentBytes / (1024 * 1024));
		}
		if (announcement.attachments().size() >= 6) {
			throw InvalidInputException.conflict("file", "community.announcement.tooManyFiles", 6);
		}
		String type = FileTypes.sniff(content);
		if (type == null) {
			throw InvalidInputException.field("file", "statistics.expense.attachmentType");
		}
		byte[] kept = FileTypes.withoutMetadata(content);
		String name = fileName(fileName, type);
		String stored = java.util.UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, kept);
		long attachmentId = this.jdbc
			.sql("""
					INSERT INTO announcement_attachment (announcement_id, file_name, content_type, size, stored_name, uploaded_by,
					                                     uploaded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(id, name, type, kept.length, stored, this.current.require().getDisplayName(),
					Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		this.audit.record("ANNOUNCEMENT_ATTACHED", "announcement", id, announcement.communityId(),
				AuditLog.Changes.of().set("file", name).set("size", kept.length));
		return new AnnouncementView.Attachment(attachmentId, name, type, kept.length);
	}

	/**
	 * An attachment to send: its name, type and size, and its content from the file
	 * store.
	 */
	public record File(String fileName, String contentType, long size, String storedName, FileStore.Content content) {
	}

	@PreAuthorize(Access.SERVICE)
	public File attachment(long id, long attachmentId) {
		find(id);
		return file(id, attachmentId);
	}

	/** An attachment of an announcement the resident may read. */
	public File attachmentForResident(long residentId, long id, long attachmentId) {
		Homes.Of homes = this.homes.of(residentId);
		boolean visible = !homes.isEmpty() && !visible(homes, residentId).where("a.id = :id")
			.param("id", id)
			.list(this.jdbc, "SELECT a.id", (rs, n) -> rs.getLong(1))
			.isEmpty();
		if (!visible) {
			throw new NotFoundException("announcement", id);
		}
		return file(id, attachmentId);
	}

	private File file(long id, long attachmentId) {
		return this.jdbc.sql(
				"SELECT file_name, content_type, size, stored_name FROM announcement_attachment WHERE id = ? AND announcement_id = ?")
			.params(attachmentId, id)
			.query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					this.store.content(rs.getString(4))))
			.optional()
			.filter((f) -> this.store.exists(f.storedName()))
			.orElseThrow(() -> new NotFoundException("attachment", attachmentId));
	}

	private List<AnnouncementView.Attachment> attachments(long id) {
		return this.jdbc
			.sql("SELECT id, file_name, content_type, size FROM announcement_attachment "
					+ "WHERE announcement_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new AnnouncementView.Attachment(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getInt(4)))
			.list();
	}

	private static String fileName(String given, String type) {
		String name = (given != null) ? given.replaceAll("[\\\\/\\p{Cntrl}\"]", "").strip() : "";
		if (name.isEmpty()) {
			name = "attachment" + FileTypes.extension(type);
		}
		return (name.length() > 200) ? name.substring(name.length() - 200) : name;
	}

	// ------------------------------------------------------------------- helpers

	List<Long> buildings(long communityId, List<Long> given, Checks checks) {
		if (given == null || given.isEmpty()) {
			return List.of();
		}
		Set<Long> known = new HashSet<>();
		this.estate.buildingsIn(communityId).forEach((b) -> known.add(b.id()));
		List<Long> ids = new ArrayList<>();
		for (Long id : given) {
			if (id == null || !known.contains(id)) {
				checks.add("buildingIds", "community.buildings.notInCommunity");
				return List.of();
			}
			if (!ids.contains(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	List<String> buildingNames(long communityId, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, String> names = new java.util.HashMap<>();
		this.estate.buildingsIn(communityId).forEach((b) -> names.put(b.id(), b.name()));
		return ids.stream().map((id) -> names.getOrDefault(id, "#" + id)).toList();
	}

	private static ForResident forResident(ResultSet rs, List<AnnouncementView.Attachment> attachments)
			throws SQLException {
		return new ForResident(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
				rs.getTimestamp("publish_at").toInstant(), instant(rs.getTimestamp("expires_at")),
				rs.getBoolean("pinned"), rs.getBoolean("urgent"), rs.getBoolean("read"), attachments);
	}

	private static AnnouncementView view(ResultSet rs, long households, List<AnnouncementView.Attachment> attachments)
			throws SQLException {
		return new AnnouncementView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("title"),
				rs.getString("body"), SqlArrays.longs(rs.getArray("building_ids")), List.of(),
				rs.getTimestamp("publish_at").toInstant(), instant(rs.getTimestamp("expires_at")),
				rs.getBoolean("pinned"), rs.getBoolean("urgent"), AnnouncementView.State.valueOf(rs.getString("state")),
				households, rs.getLong("read"), attachments, rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("notified_at")));
	}

	static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
