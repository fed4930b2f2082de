package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.linli.estate.Estate;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.RequestMemo;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.crypto.PhoneNumbers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communities, buildings, units and parking spaces. Every call is confined to the
 * caller's communities: an id outside them is answered as not found. Changes need ADMIN
 * or MANAGER; a new community needs ADMIN.
 */
@Service
@Transactional(readOnly = true)
public class EstateService {

	private static final BigDecimal MAX_PARKING_AREA = new BigDecimal("999999.99");

	private final CommunityRepository communities;

	private final BuildingRepository buildings;

	private final BuildingUnitRepository units;

	private final ParkingSpaceRepository parking;

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	private final Estate estate;

	EstateService(CommunityRepository communities, BuildingRepository buildings, BuildingUnitRepository units,
			ParkingSpaceRepository parking, JdbcClient jdbc, CurrentStaff current, AuditLog audit, Clock clock,
			Estate estate) {
		this.communities = communities;
		this.buildings = buildings;
		this.units = units;
		this.parking = parking;
		this.jdbc = jdbc;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
		this.estate = estate;
	}

	// communities

	/**
	 * The communities the caller may see, with their counts, for the home page and lists.
	 */
	public List<CommunitySummary> summaries(String nameFilter) {
		CommunityScope scope = this.current.scope();
		if (!scope.all() && scope.communityIds().isEmpty()) {
			return List.of();
		}
		String like = (nameFilter == null || nameFilter.isBlank()) ? null : "%" + nameFilter.trim() + "%";
		return this.jdbc
			.sql("""
					SELECT c.id, c.name, c.address,
					  (SELECT count(*) FROM building b WHERE b.community_id = c.id) AS buildings,
					  (SELECT count(*) FROM room r WHERE r.community_id = c.id) AS rooms,
					  (SELECT count(*) FROM room r WHERE r.community_id = c.id AND r.status IN ('OCCUPIED', 'RENTED')) AS occupied,
					  (SELECT count(*) FROM parking_space p WHERE p.community_id = c.id) AS parking
					FROM community c
					WHERE (CAST(:like AS text) IS NULL OR c.name LIKE :like)"""
					+ (scope.all() ? "" : " AND c.id IN (:ids)") + " ORDER BY c.id")
			.param("ids", scope.all() ? List.of(0L) : List.copyOf(scope.communityIds()))
			.param("like", like)
			.query((rs, n) -> new CommunitySummary(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
					rs.getLong("buildings"), rs.getLong("rooms"), rs.getLong("occupied"), rs.getLong("parking")))
			.list();
	}

	public PageView<CommunityView> communities(String nameFilter, int page, int size) {
		List<CommunitySummary> visible = summaries(nameFilter);
		int pageSize = Math.max(1, Math.min(size, 200));
		int from = (int) Math.min((long) Math.max(page, 0) * pageSize, visible.size());
		List<Long> ids = visible.subList(from, Math.min(from + pageSize, visible.size()))
			.stream()
			.map(CommunitySummary::id)
			.toList();
		Map<Long, Community> found = this.communities.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Community::getId, (c) -> c));
		List<CommunityView> content = ids.stream().map(found::get).map(CommunityView::of).toList();
		return new PageView<>(content, Math.max(page, 0), pageSize, visible.size(),
				(visible.size() + pageSize - 1) / pageSize);
	}

	/**
	 * A community, read with one query (most pages show their community's name: no entity
	 * is loaded for it); in a request, from the communities it reads once
	 * ({@link Estate#communityViews()}).
	 */
	@SqlRead
	public CommunityView community(long id) {
		this.current.requireCommunity(id, "community", id);
		if (RequestMemo.inRequest()) {
			return this.estate.communityViews()
				.stream()
				.filter((c) -> c.id() == id)
				.findFirst()
				.orElseThrow(() -> new NotFoundException("community", id));
		}
		return this.jdbc.sql("""
				SELECT id, name, address, company_name, contact_name, contact_phone, bank_account, zone_id, created_at,
				       updated_at
				FROM community WHERE id = ?""")
			.param(id)
			.query(Estate::communityView)
			.optional()
			.orElseThrow(() -> new NotFoundException("community", id));
	}

	@Transactional
	@PreAuthorize(Access.ADMIN)
	public CommunityView createCommunity(CommunityCommand command) {
		check(command);
		if (this.communities.existsByName(command.name())) {
			throw InvalidInputException.conflict("name", "estate.community.name.taken", command.name());
		}
		Community community = this.communities.saveAndFlush(new Community(command, now()));
		Estate.forgetCommunities();
		this.audit.record("COMMUNITY_CREATED", "community", community.getId(), community.getId(),
				AuditLog.Changes.of()
					.set("name", command.name())
					.set("address", command.address())
					.set("companyName", command.companyName())
					.set("contactName", command.contactName()));
		return CommunityView.of(community);
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public CommunityView updateCommunity(long id, CommunityCommand command) {
		Community community = findCommunity(id);
		check(command);
		if (this.communities.existsByNameAndIdNot(command.name(), id)) {
			throw InvalidInputException.conflict("name", "estate.community.name.taken", command.name());
		}
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("name", community.getName(), command.name())
			.changed("address", community.getAddress(), command.address())
			.changed("companyName", community.getCompanyName(), command.companyName())
			.changed("contactName", community.getContactName(), command.contactName())
			.changed("contactPhone", community.getContactPhone(), command.contactPhone())
			.changed("bankAccount", community.getBankAccount(), command.bankAccount());
		community.apply(command, now());
		this.communities.saveAndFlush(community);
		Estate.forgetCommunities();
		if (!changes.isEmpty()) {
			this.audit.record("COMMUNITY_UPDATED", "community", id, id, changes);
		}
		return CommunityView.of(community);
	}

	private static void check(CommunityCommand command) {
		Checks checks = new Checks().required("name", command.name())
			.maxLength("name", command.name(), 100)
			.maxLength("address", command.address(), 255)
			.maxLength("companyName", command.companyName(), 100)
			.maxLength("contactName", command.contactName(), 64)
			.maxLength("contactPhone", command.contactPhone(), 32)
			.maxLength("bankAccount", command.bankAccount(), 200);
		if (command.contactPhone() != null && !command.contactPhone().isBlank()
				&& !PhoneNumbers.isContactNumber(command.contactPhone())) {
			checks.add("contactPhone", "estate.community.contactPhoneInvalid");
		}
		checks.throwIfAny();
	}

	Community findCommunity(long id) {
		this.current.requireCommunity(id, "community", id);
		return this.communities.findById(id).orElseThrow(() -> new NotFoundException("community", id));
	}

	/**
	 * Refuses a community outside the member's scope or that does not exist (404 both),
	 * without loading it ({@link Estate#exists}): for reads that only need to know.
	 */
	@SqlRead
	void requireCommunity(long id) {
		this.current.requireCommunity(id, "community", id);
		if (!this.estate.exists(id)) {
			throw new NotFoundException("community", id);
		}
	}

	// buildings and units

	/** A building to choose in a list's filter. */
	public record BuildingChoice(long id, String name) {
	}

	/**
	 * A community's buildings by name, for a filter: one query, without the room counts
	 * and units of {@link #buildings(long)}.
	 */
	@SqlRead
	public List<BuildingChoice> buildingChoices(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return this.jdbc.sql("SELECT id, name FROM building WHERE community_id = ? ORDER BY name")
			.param(communityId)
			.query((rs, n) -> new BuildingChoice(rs.getLong(1), rs.getString(2)))
			.list();
	}

	public List<BuildingView> buildings(long communityId) {
		requireCommunity(communityId);
		List<Building> list = this.buildings.findByCommunityIdOrderByNameAsc(communityId);
		Map<Long, Long> roomCounts = new HashMap<>();
		this.jdbc.sql("SELECT building_id, count(*) AS n FROM room WHERE community_id = ? GROUP BY building_id")
			.param(communityId)
			.query((rs, n) -> roomCounts.put(rs.getLong("building_id"), rs.getLong("n")))
			.list();
		Map<Long, List<String>> unitNames = new HashMap<>();
		this.jdbc.sql("""
				SELECT u.building_id, u.name FROM building_unit u JOIN building b ON b.id = u.building_id
				WHERE b.community_id = ? ORDER BY u.name""")
			.param(communityId)
			.query((rs, n) -> unitNames.computeIfAbsent(rs.getLong("building_id"), (k) -> new ArrayList<>())
				.add(rs.getString("name")))
			.list();
		return list.stream()
			.map((b) -> new BuildingView(b.getId(), b.getCommunityId(), b.getName(), b.getFloors(), b.isHasElevator(),
					unitNames.getOrDefault(b.getId(), List.of()), roomCounts.getOrDefault(b.getId(), 0L)))
			.toList();
	}

	public BuildingView building(long id) {
		Building building = findBuilding(id);
		long rooms = this.jdbc.sql("SELECT count(*) FROM room WHERE building_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		return new BuildingView(building.getId(), building.getCommunityId(), building.getName(), building.getFloors(),
				building.isHasElevator(), unitNames(id), rooms);
	}

	public List<String> unitNames(long buildingId) {
		return this.units.findByBuildingIdOrderByNameAsc(buildingId).stream().map(BuildingUnit::getName).toList();
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public BuildingView createBuilding(long communityId, BuildingCommand command) {
		findCommunity(communityId);
		check(command);
		if (this.buildings.existsByCommunityIdAndName(communityId, command.name())) {
			throw InvalidInputException.conflict("name", "estate.building.name.taken", command.name());
		}
		Building building = this.buildings.saveAndFlush(new Building(communityId, command, now()));
		this.audit.record("BUILDING_CREATED", "building", building.getId(), communityId,
				AuditLog.Changes.of()
					.set("name", command.name())
					.set("floors", command.floors())
					.set("hasElevator", command.hasElevator()));
		return building(building.getId());
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public BuildingView updateBuilding(long id, BuildingCommand command) {
		Building building = findBuilding(id);
		check(command);
		if (this.buildings.existsByCommunityIdAndNameAndIdNot(building.getCommunityId(), command.name(), id)) {
			throw InvalidInputException.conflict("name", "estate.building.name.taken", command.name());
		}
		Integer highestFloor = this.jdbc.sql("SELECT max(floor) FROM room WHERE building_id = ?")
			.param(id)
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (highestFloor != null && highestFloor > command.floors()) {
			throw InvalidInputException.field("floors", "estate.building.floors.belowRooms", highestFloor);
		}
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("name", building.getName(), command.name())
			.changed("floors", building.getFloors(), command.floors())
			.changed("hasElevator", building.isHasElevator(), command.hasElevator());
		building.apply(command, now());
		this.buildings.saveAndFlush(building);
		if (!changes.isEmpty()) {
			this.audit.record("BUILDING_UPDATED", "building", id, building.getCommunityId(), changes);
		}
		return building(id);
	}

	/** Adds a unit (entrance) to a building; an existing name is refused. */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public BuildingView addUnit(long buildingId, String name) {
		Building building = findBuilding(buildingId);
		String unitName = CommunityCommand.trim(name);
		new Checks().required("name", unitName).maxLength("name", unitName, 50).throwIfAny();
		if (this.units.findByBuildingIdAndName(buildingId, unitName).isPresent()) {
			throw InvalidInputException.conflict("name", "estate.unit.name.taken", unitName);
		}
		BuildingUnit unit = this.units.saveAndFlush(new BuildingUnit(buildingId, unitName));
		this.audit.record("UNIT_CREATED", "unit", unit.getId(), building.getCommunityId(),
				AuditLog.Changes.of().set("building", building.getName()).set("name", unitName));
		return building(buildingId);
	}

	private static void check(BuildingCommand command) {
		new Checks().required("name", command.name())
			.maxLength("name", command.name(), 50)
			.required("floors", command.floors())
			.range("floors", command.floors(), 1, 200)
			.throwIfAny();
	}

	Building findBuilding(long id) {
		Building building = this.buildings.findById(id).orElseThrow(() -> new NotFoundException("building", id));
		this.current.requireCommunity(building.getCommunityId(), "building", id);
		return building;
	}

	/**
	 * The unit of that name in the building, created when it does not exist yet; null for
	 * no unit.
	 */
	Long unitId(long buildingId, String unitName) {
		if (unitName == null) {
			return null;
		}
		return this.units.findByBuildingIdAndName(buildingId, unitName)
			.orElseGet(() -> this.units.saveAndFlush(new BuildingUnit(buildingId, unitName)))
			.getId();
	}

	// parking spaces

	public PageView<ParkingView> parkingSpaces(long communityId, String number, ParkingStatus status, int page,
			int size) {
		requireCommunity(communityId);
		return SqlList.from("FROM parking_space")
			.where("community_id = :community")
			.param("community", communityId)
			.when(number, "number LIKE :number", "number", (number != null) ? "%" + number.trim() + "%" : null)
			.when(status, "status = :status", "status")
			.orderBy("number, id")
			.page(this.jdbc, "SELECT id, community_id, number, location, type, area, status",
					new PageQuery(page, size, null, null),
					(rs, n) -> new ParkingView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("number"),
							rs.getString("location"), ParkingType.valueOf(rs.getString("type")),
							rs.getBigDecimal("area"), ParkingStatus.valueOf(rs.getString("status"))));
	}

	public ParkingView parkingSpace(long id) {
		return ParkingView.of(findParking(id));
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public ParkingView createParkingSpace(long communityId, ParkingCommand command) {
		findCommunity(communityId);
		check(command);
		if (this.parking.existsByCommunityIdAndNumber(communityId, command.number())) {
			throw InvalidInputException.conflict("number", "estate.parking.number.taken", command.number());
		}
		ParkingSpace space = this.parking.saveAndFlush(new ParkingSpace(communityId, command, now()));
		this.audit.record("PARKING_CREATED", "parking", space.getId(), communityId,
				AuditLog.Changes.of()
					.set("number", command.number())
					.set("type", command.type())
					.set("status", command.status()));
		return ParkingView.of(space);
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public ParkingView updateParkingSpace(long id, ParkingCommand command) {
		ParkingSpace space = findParking(id);
		check(command);
		if (this.parking.existsByCommunityIdAndNumberAndIdNot(space.getCommunityId(), command.number(), id)) {
			throw InvalidInputException.conflict("number", "estate.parking.number.taken", command.number());
		}
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changed("number", space.getNumber(), command.number())
			.changed("location", space.getLocation(), command.location())
			.changed("type", space.getType(), command.type())
			.changed("area", space.getArea(), command.area())
			.changed("status", space.getStatus(), command.status());
		space.apply(command, now());
		this.parking.saveAndFlush(space);
		if (!changes.isEmpty()) {
			this.audit.record("PARKING_UPDATED", "parking", id, space.getCommunityId(), changes);
		}
		return ParkingView.of(space);
	}

	private static void check(ParkingCommand command) {
		new Checks().required("number", command.number())
			.maxLength("number", command.number(), 20)
			.maxLength("location", command.location(), 100)
			.positiveDecimal("area", command.area(), 2, MAX_PARKING_AREA)
			.throwIfAny();
	}

	private ParkingSpace findParking(long id) {
		ParkingSpace space = this.parking.findById(id).orElseThrow(() -> new NotFoundException("parking", id));
		this.current.requireCommunity(space.getCommunityId(), "parking", id);
		return space;
	}

	private Instant now() {
		return Instant.now(this.clock);
	}

}
