package org.linli.estate.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms: listed (paged, sorted, filtered) with SQL, changed through the aggregate.
 * Confined to the caller's communities like the rest of the estate.
 */
@Service
@Transactional(readOnly = true)
public class RoomService {

	static final BigDecimal MAX_AREA = new BigDecimal("99999.99");

	/** The sortable columns of a room list and their SQL. */
	private static final Map<String, String> SORTS = Map.of("number", "b.name, u.name, r.floor, r.number", "floor",
			"r.floor", "buildingArea", "r.building_area", "usableArea", "r.usable_area", "status", "r.status", "type",
			"r.type", "building", "b.name");

	private static final String COLUMNS = """
			SELECT r.id, r.community_id, r.building_id, b.name AS building, r.unit_id, u.name AS unit, r.floor, r.number,
			       r.building_area, r.usable_area, r.type, r.status, r.handover_date""";

	/**
	 * Every room has its building (a required reference), so the outer join is the inner
	 * one; written outer, it lets PostgreSQL leave out both joins where nothing of the
	 * building or unit is read: a page's count reads the rooms alone.
	 */
	private static final String FROM = "FROM room r LEFT JOIN building b ON b.id = r.building_id LEFT JOIN building_unit u ON u.id = r.unit_id";

	private static final String SELECT = COLUMNS + "\n" + FROM + "\n";

	private final RoomRepository rooms;

	private final EstateService estate;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	RoomService(RoomRepository rooms, EstateService estate, JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.rooms = rooms;
		this.estate = estate;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@SqlRead
	public PageView<RoomView> page(long communityId, RoomFilter filter, PageQuery query) {
		this.estate.requireCommunity(communityId);
		return filtered(communityId, filter).orderBy(query, SORTS, "number", false, "r.id")
			.page(this.jdbc, COLUMNS, query, RoomService::row);
	}

	/** Every room that matches, in list order (for the Excel export). */
	@SqlRead
	public void forEach(long communityId, RoomFilter filter, Consumer<RoomView> consumer) {
		this.estate.requireCommunity(communityId);
		filtered(communityId, filter).orderBy(SORTS.get("number") + ", r.id")
			.list(this.jdbc, COLUMNS, RoomService::row)
			.forEach(consumer);
	}

	public PageView<RoomView> pageInBuilding(long buildingId, RoomFilter filter, PageQuery query) {
		Building building = this.estate.findBuilding(buildingId);
		RoomFilter inBuilding = new RoomFilter(buildingId, filter.unit(), filter.status(), filter.type(),
				filter.number());
		return page(building.getCommunityId(), inBuilding, query);
	}

	public RoomView room(long id) {
		Room room = find(id);
		return this.jdbc.sql(SELECT + " WHERE r.id = ?").param(room.getId()).query(RoomService::row).single();
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public RoomView create(long buildingId, RoomCommand command) {
		Building building = this.estate.findBuilding(buildingId);
		check(building, command);
		Long unitId = this.estate.unitId(buildingId, command.unit());
		refuseDuplicate(buildingId, unitId, command.number(), null);
		Room room = this.rooms.saveAndFlush(new Room(building.getCommunityId(), buildingId, unitId, command,
				Instant.now(this.clock), Times.today(this.clock)));
		this.audit.record("ROOM_CREATED", "room", room.getId(), building.getCommunityId(),
				AuditLog.Changes.of()
					.set("building", building.getName())
					.set("unit", command.unit())
					.set("floor", command.floor())
					.set("number", command.number())
					.set("buildingArea", command.buildingArea())
					.set("usableArea", command.usableArea())
					.set("type", command.type())
					.set("status", command.status())
					.set("handoverDate", String.valueOf(room.getHandoverDate())));
		return room(room.getId());
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public RoomView update(long id, RoomCommand command) {
		Room room = find(id);
		RoomView before = room(id);
		Building building = this.estate.findBuilding(room.getBuildingId());
		check(building, command);
		Long unitId = this.estate.unitId(building.getId(), command.unit());
		refuseDuplicate(building.getId(), unitId, command.number(), id);
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("unit", before.unit(), command.unit())
			.changed("floor", before.floor(), command.floor())
			.changed("number", before.number(), command.number())
			.changed("buildingArea", before.buildingArea(), command.buildingArea())
			.changed("usableArea", before.usableArea(), command.usableArea())
			.changed("type", before.type(), command.type())
			.changed("status", before.status(), command.status());
		if (command.handoverDate() != null) {
			changes.changed("handoverDate", before.handoverDate(), command.handoverDate());
		}
		room.apply(unitId, command, Instant.now(this.clock));
		this.rooms.saveAndFlush(room);
		if (!changes.isEmpty()) {
			this.audit.record("ROOM_UPDATED", "room", id, room.getCommunityId(), changes);
		}
		return room(id);
	}

	private void refuseDuplicate(long buildingId, Long unitId, String number, Long exceptId) {
		boolean taken = this.jdbc.sql("""
				SELECT count(*) > 0 FROM room WHERE building_id = ? AND unit_id IS NOT DISTINCT FROM ? AND number = ?
				AND (CAST(? AS bigint) IS NULL OR id <> ?)""")
			.params(buildingId, unitId, number, exceptId, exceptId)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw InvalidInputException.conflict("number", "estate.room.number.taken", number);
		}
	}

	/** The rules for a room, shared by the form, the API and the import. */
	static Checks rules(Building building, RoomCommand command) {
		Checks checks = new Checks().required("number", command.number())
			.maxLength("number", command.number(), 20)
			.maxLength("unit", command.unit(), 50)
			.required("buildingArea", command.buildingArea())
			.positiveDecimal("buildingArea", command.buildingArea(), 2, MAX_AREA)
			.positiveDecimal("usableArea", command.usableArea(), 2, MAX_AREA);
		if (command.floor() == null) {
			checks.add("floor", "validation.required");
		}
		else if (command.floor() == 0 || command.floor() < -10 || command.floor() > building.getFloors()) {
			checks.add("floor", "estate.room.floor.range", building.getFloors());
		}
		if (command.handoverDate() != null
				&& (command.handoverDate().getYear() < 1950 || command.handoverDate().getYear() > 2200)) {
			checks.add("handoverDate", "validation.invalidValue");
		}
		if (command.usableArea() != null && command.buildingArea() != null && !checks.has("usableArea")
				&& !checks.has("buildingArea") && command.usableArea().compareTo(command.buildingArea()) > 0) {
			checks.add("usableArea", "estate.room.usableArea.tooLarge");
		}
		return checks;
	}

	private static void check(Building building, RoomCommand command) {
		rules(building, command).throwIfAny();
	}

	private Room find(long id) {
		Room room = this.rooms.findById(id).orElseThrow(() -> new NotFoundException("room", id));
		this.estate.findCommunity(room.getCommunityId());
		return room;
	}

	private static SqlList filtered(long communityId, RoomFilter filter) {
		return SqlList.from(FROM)
			.where("r.community_id = :community")
			.param("community", communityId)
			.when(filter.buildingId(), "r.building_id = :building", "building")
			.when(filter.unit(), "u.name = :unit", "unit", (filter.unit() != null) ? filter.unit().trim() : null)
			.when(filter.status(), "r.status = :status", "status")
			.when(filter.type(), "r.type = :type", "type")
			.when(filter.number(), "r.number LIKE :number", "number", (filter.number() != null)
					? "%" + filter.number().trim().replace("%", "").replace("_", "") + "%" : null);
	}

	private static RoomView row(ResultSet rs, int n) throws SQLException {
		return new RoomView(rs.getLong("id"), rs.getLong("community_id"), rs.getLong("building_id"),
				rs.getString("building"), (Long) rs.getObject("unit_id"), rs.getString("unit"), rs.getInt("floor"),
				rs.getString("number"), rs.getBigDecimal("building_area"), rs.getBigDecimal("usable_area"),
				RoomType.valueOf(rs.getString("type")), RoomStatus.valueOf(rs.getString("status")),
				rs.getDate("handover_date").toLocalDate());
	}

}
