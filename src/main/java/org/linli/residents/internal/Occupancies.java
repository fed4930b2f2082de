package org.linli.residents.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.estate.RoomStatus;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.residents.OccupancyRole;
import org.linli.residents.OpenLinesAtMoveOut;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who lives where: moving in, moving out, changing rooms, and the history of rooms and
 * people. Stays are ended, never deleted. After every change the rooms' statuses follow
 * (a tenant makes a room rented, an owner or family member occupied, nobody vacant), and
 * an hourly job catches up with move-in and move-out days that arrive.
 */
@Service
@Transactional(readOnly = true)
public class Occupancies {

	/**
	 * The end reason recorded for the old room of a room change; pages show it in the
	 * user's language.
	 */
	public static final String ROOM_CHANGE = "ROOM_CHANGE";

	private final JdbcClient jdbc;

	private final ResidentService residents;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	private final ObjectProvider<OpenLinesAtMoveOut> openLines;

	Occupancies(JdbcClient jdbc, ResidentService residents, Estate estate, CurrentStaff current, AuditLog audit,
			Clock clock, ObjectProvider<OpenLinesAtMoveOut> openLines) {
		this.openLines = openLines;
		this.jdbc = jdbc;
		this.residents = residents;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A room the caller may work in, by id or by code; a field error or not found
	 * otherwise.
	 */
	public RoomRef roomFor(Long roomId, String roomCode) {
		return roomFor(roomId, roomCode, null);
	}

	/** The same, looking for the code only in one community when it is given. */
	public RoomRef roomFor(Long roomId, String roomCode, Long communityId) {
		if (roomId != null) {
			return room(roomId);
		}
		if (roomCode == null) {
			throw InvalidInputException.field("roomCode", "validation.required");
		}
		CommunityScope scope = this.current.scope();
		if (communityId != null) {
			this.current.requireCommunity(communityId, "community", communityId);
			scope = new CommunityScope(false, Set.of(communityId));
		}
		List<RoomRef> found = this.estate.findByCode(scope, roomCode);
		if (found.isEmpty()) {
			throw InvalidInputException.field("roomCode", "residents.room.unknown", roomCode);
		}
		if (found.size() > 1) {
			throw InvalidInputException.field("roomCode", "residents.room.ambiguous", roomCode);
		}
		return found.get(0);
	}

	/** A room the caller may see: not found otherwise. */
	public RoomRef room(long roomId) {
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return room;
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public OccupancyView moveIn(long roomId, long residentId, OccupancyRole role, LocalDate since) {
		RoomRef room = room(roomId);
		ResidentRow resident = this.residents.find(residentId);
		new Checks().required("role", role).required("since", since).throwIfAny();
		lockResident(residentId);
		if (this.jdbc.sql("SELECT anonymized_at IS NOT NULL FROM resident WHERE id = ?")
			.param(residentId)
			.query(Boolean.class)
			.single()) {
			throw InvalidInputException.conflict("resident", "residents.anonymize.already");
		}
		refuseOverlap(residentId, roomId, since, null, null);
		long id = insert(resident.id(), room, role, since);
		if (resident.communityId() == null) {
			this.jdbc.sql("UPDATE resident SET community_id = ? WHERE id = ? AND community_id IS NULL")
				.params(room.communityId(), residentId)
				.update();
		}
		this.audit.record("MOVED_IN", "occupancy", id, room.communityId(),
				AuditLog.Changes.of()
					.set("residentId", residentId)
					.set("roomId", roomId)
					.set("role", role)
					.set("since", since));
		refreshStatuses(List.of(roomId));
		return occupancy(id);
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public OccupancyView end(long occupancyId, LocalDate until, String reason) {
		Stay stay = stay(occupancyId);
		lockResident(stay.residentId());
		String why = ResidentCommand.trim(reason);
		Checks checks = new Checks().required("until", until).maxLength("reason", why, 200);
		if (stay.until() != null) {
			checks.add("until", "residents.occupancy.alreadyEnded", stay.until().toString());
		}
		else if (until != null && until.isBefore(stay.since())) {
			checks.add("until", "residents.occupancy.endBeforeStart", stay.since().toString());
		}
		checks.throwIfAny();
		close(stay, until, why);
		refreshStatuses(List.of(stay.roomId()));
		// staff are told what the person still owes for the room (billing knows)
		OpenLinesAtMoveOut billing = this.openLines.getIfAvailable();
		return occupancy(occupancyId)
			.withOpenLines((billing != null) ? billing.openLines(stay.roomId(), stay.residentId()) : List.of());
	}

	/**
	 * Ends the stay in one room and starts one in another on the same day, with the same
	 * role, in one step.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public List<OccupancyView> changeRoom(long residentId, Long fromRoomId, Long toRoomId, LocalDate date) {
		this.residents.find(residentId);
		Checks checks = new Checks().required("fromRoomId", fromRoomId)
			.required("toRoomId", toRoomId)
			.required("date", date);
		if (fromRoomId != null && fromRoomId.equals(toRoomId)) {
			checks.add("toRoomId", "residents.roomChange.sameRoom");
		}
		checks.throwIfAny();
		RoomRef from = room(fromRoomId);
		RoomRef to = room(toRoomId);
		lockResident(residentId);
		Stay stay = this.jdbc
			.sql(Stay.SELECT + " WHERE resident_id = ? AND room_id = ? AND since <= ?"
					+ " AND (until IS NULL OR until > ?) ORDER BY since DESC LIMIT 1")
			.params(residentId, from.id(), date, date)
			.query(Stay::map)
			.optional()
			.orElseThrow(() -> InvalidInputException.field("fromRoomId", "residents.roomChange.notLivingThere",
					from.code()));
		if (stay.until() != null) {
			throw InvalidInputException.field("date", "residents.roomChange.afterMoveOut", stay.until().toString());
		}
		refuseOverlap(residentId, to.id(), date, null, null);
		close(stay, date, ROOM_CHANGE);
		long started = insert(residentId, to, stay.role(), date);
		this.audit.record("ROOM_CHANGED", "resident", residentId, to.communityId(),
				AuditLog.Changes.of()
					.set("fromRoomId", from.id())
					.set("toRoomId", to.id())
					.set("date", date)
					.set("endedOccupancyId", stay.id())
					.set("startedOccupancyId", started));
		refreshStatuses(List.of(from.id(), to.id()));
		return List.of(occupancy(stay.id()), occupancy(started));
	}

	/**
	 * Everyone who lived in the room, newest first; with history off, only those living
	 * there today.
	 */
	public List<OccupancyView> ofRoom(long roomId, boolean history) {
		RoomRef room = room(roomId);
		List<Stay> stays = this.jdbc
			.sql(Stay.SELECT + " WHERE room_id = ?" + (history ? "" : " AND " + currentSql())
					+ " ORDER BY (until IS NULL) DESC, since DESC, id DESC")
			.param(roomId)
			.query(Stay::map)
			.list();
		return views(stays, Map.of(room.id(), room));
	}

	/** Every room the resident has lived in, newest first. */
	public List<OccupancyView> ofResident(long residentId) {
		this.residents.find(residentId);
		List<Stay> stays = this.jdbc
			.sql(Stay.SELECT + " WHERE resident_id = ? ORDER BY (until IS NULL) DESC, since DESC, id DESC")
			.param(residentId)
			.query(Stay::map)
			.list();
		return views(stays, this.estate.rooms(stays.stream().map(Stay::roomId).toList()));
	}

	/** The residents' current rooms and who lives there with them (for the portal). */
	List<OccupancyView> householdOf(long roomId) {
		List<Stay> stays = this.jdbc
			.sql(Stay.SELECT + " WHERE room_id = ? AND " + currentSql() + " ORDER BY role, since, id")
			.param(roomId)
			.query(Stay::map)
			.list();
		return views(stays, this.estate.rooms(List.of(roomId)));
	}

	/** Ids of the rooms the resident lives in today. */
	List<Long> currentRoomIds(long residentId) {
		return this.jdbc.sql("SELECT DISTINCT room_id FROM occupancy WHERE resident_id = ? AND " + currentSql())
			.param(residentId)
			.query(Long.class)
			.list();
	}

	OccupancyView occupancy(long id) {
		Stay stay = stay(id);
		return views(List.of(stay), this.estate.rooms(List.of(stay.roomId()))).get(0);
	}

	/**
	 * Sets each room's status from who lives there today. Called after every change; safe
	 * to call again.
	 */
	@Transactional
	public int refreshStatuses(Collection<Long> roomIds) {
		if (roomIds.isEmpty()) {
			return 0;
		}
		Map<Long, RoomRef> rooms = this.estate.rooms(roomIds);
		Map<Long, String> present = new HashMap<>();
		this.jdbc.sql("""
				SELECT room_id, bool_or(role = 'TENANT') AS rented, bool_or(role IN ('OWNER', 'FAMILY')) AS lived
				FROM occupancy WHERE room_id IN (:rooms) AND since <= :today AND (until IS NULL OR until > :today)
				GROUP BY room_id""")
			.param("rooms", List.copyOf(roomIds))
			.param("today", this.residents.today())
			.query((rs, n) -> present.put(rs.getLong("room_id"), rs.getBoolean("rented") ? "RENTED" : "OCCUPIED"))
			.list();
		Map<Long, RoomStatus> statuses = new HashMap<>();
		for (RoomRef room : rooms.values()) {
			String now = present.get(room.id());
			if (now != null) {
				statuses.put(room.id(), RoomStatus.valueOf(now));
			}
			else if (room.status().isOccupied()) {
				statuses.put(room.id(), RoomStatus.VACANT);
			}
		}
		return this.estate.applyOccupancyStatuses(statuses);
	}

	/**
	 * Move-in and move-out days arrive by themselves: catch up the rooms whose stays
	 * began or ended since the last run.
	 */
	@Transactional
	public int refreshRecentBoundaries() {
		LocalDate today = this.residents.today();
		// every boundary since the last day brought up to date (a week back on the first
		// run), however long ago that was
		LocalDate from = this.jdbc.sql("SELECT last_day FROM room_status_refresh WHERE id = 1")
			.query(Date.class)
			.optional()
			.map(Date::toLocalDate)
			.orElse(today.minusDays(7));
		List<Long> rooms = this.jdbc.sql("""
				SELECT DISTINCT room_id FROM occupancy
				WHERE since BETWEEN :from AND :today OR until BETWEEN :from AND :today""")
			.param("from", from)
			.param("today", today)
			.query(Long.class)
			.list();
		int changed = 0;
		for (int i = 0; i < rooms.size(); i += 500) {
			changed += refreshStatuses(rooms.subList(i, Math.min(i + 500, rooms.size())));
		}
		this.jdbc.sql("""
				INSERT INTO room_status_refresh (id, last_day) VALUES (1, :today)
				ON CONFLICT (id) DO UPDATE SET last_day = :today""").param("today", today).update();
		return changed;
	}

	private long insert(long residentId, RoomRef room, OccupancyRole role, LocalDate since) {
		Residents.forgetStays();
		return this.jdbc.sql("""
				INSERT INTO occupancy (resident_id, room_id, community_id, role, since, created_at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(residentId, room.id(), room.communityId(), role.name(), since,
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
	}

	private void close(Stay stay, LocalDate until, String reason) {
		Residents.forgetStays();
		this.jdbc.sql("UPDATE occupancy SET until = ?, end_reason = ?, ended_at = ? WHERE id = ? AND until IS NULL")
			.params(until, reason, Timestamp.from(Instant.now(this.clock)), stay.id())
			.update();
		this.audit.record("MOVED_OUT", "occupancy", stay.id(), stay.communityId(),
				AuditLog.Changes.of()
					.set("residentId", stay.residentId())
					.set("roomId", stay.roomId())
					.set("until", until)
					.set("reason", reason));
	}

	/** The same person twice in one room at the same time is refused. */
	private void refuseOverlap(long residentId, long roomId, LocalDate since, LocalDate until, Long exceptId) {
		boolean overlaps = this.jdbc.sql("""
				SELECT count(*) > 0 FROM occupancy WHERE resident_id = ? AND room_id = ? AND id <> ?
				AND (until IS NULL OR until > ?) AND (CAST(? AS date) IS NULL OR since < ?)""")
			.params(residentId, roomId, (exceptId != null) ? exceptId : -1L, since, until, until)
			.query(Boolean.class)
			.single();
		if (overlaps) {
			throw InvalidInputException.conflict("residentId", "residents.occupancy.overlap");
		}
	}

	private void lockResident(long residentId) {
		this.jdbc.sql("SELECT id FROM resident WHERE id = ? FOR UPDATE").param(residentId).query(Long.class).optional();
	}

	private Stay stay(long id) {
		Stay stay = this.jdbc.sql(Stay.SELECT + " WHERE id = ?")
			.param(id)
			.query(Stay::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("occupancy", id));
		this.current.requireCommunity(stay.communityId(), "occupancy", id);
		return stay;
	}

	private String currentSql() {
		LocalDate today = this.residents.today();
		return "since <= DATE '" + today + "' AND (until IS NULL OR until > DATE '" + today + "')";
	}

	private List<OccupancyView> views(List<Stay> stays, Map<Long, RoomRef> rooms) {
		Set<Long> residentIds = new HashSet<>();
		stays.forEach((s) -> residentIds.add(s.residentId()));
		Map<Long, String[]> people = new HashMap<>();
		if (!residentIds.isEmpty()) {
			this.jdbc.sql("SELECT id, name, phone_cipher FROM resident WHERE id IN (:ids)")
				.param("ids", List.copyOf(residentIds))
				.query((rs, n) -> people.put(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3) }))
				.list();
		}
		LocalDate today = this.residents.today();
		List<OccupancyView> views = new ArrayList<>();
		for (Stay s : stays) {
			RoomRef room = rooms.get(s.roomId());
			String[] person = people.getOrDefault(s.residentId(), new String[] { null, null });
			boolean current = !s.since().isAfter(today) && (s.until() == null || s.until().isAfter(today));
			views.add(new OccupancyView(s.id(), s.residentId(), person[0],
					(person[1] != null) ? this.residents.maskedPhone(person[1]) : null, s.roomId(),
					(room != null) ? room.code() : null, (room != null) ? room.community() : null, s.communityId(),
					s.role(), s.since(), s.until(), s.endReason(), current));
		}
		return views;
	}

	record Stay(long id, long residentId, long roomId, long communityId, OccupancyRole role, LocalDate since,
			LocalDate until, String endReason) {

		static final String SELECT = "SELECT id, resident_id, room_id, community_id, role, since, until, end_reason FROM occupancy";

		static Stay map(ResultSet rs, int n) throws SQLException {
			return new Stay(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("room_id"),
					rs.getLong("community_id"), OccupancyRole.valueOf(rs.getString("role")),
					rs.getDate("since").toLocalDate(),
					Optional.ofNullable(rs.getDate("until")).map(Date::toLocalDate).orElse(null),
					rs.getString("end_reason"));
		}

	}

}
