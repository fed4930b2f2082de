package org.linli.estate;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linli.estate.internal.CommunityView;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CommunityScope;
import org.linli.shared.RequestMemo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of the estate: which communities exist, rooms by id or by
 * the code people use ("1-2-1201", "1栋-2单元-1201"), and the room status that follows who
 * lives there. Callers check the caller's community scope; this facade answers for any
 * room.
 */
@Component
public class Estate implements CommunityDirectory {

	private static final Pattern CODE = Pattern
		.compile("\\s*([^-\\s]+)\\s*-\\s*(?:([^-\\s]+)\\s*-\\s*)?([^-\\s]+)\\s*");

	private static final String SELECT = """
			SELECT r.id, r.community_id, c.name AS community, r.building_id, b.name AS building, u.name AS unit, r.floor,
			       r.number, r.building_area, r.usable_area, r.type, r.status, r.handover_date
			FROM room r JOIN building b ON b.id = r.building_id JOIN community c ON c.id = r.community_id
			LEFT JOIN building_unit u ON u.id = r.unit_id
			""";

	private static final String COMMUNITIES = Estate.class.getName() + ".communities";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Clock clock;

	Estate(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
	}

	/**
	 * Read once in a request (a page names its community and offers the member's: the
	 * same small table two or three times); a change to a community in the request
	 * forgets them ({@link #forgetCommunities()}).
	 */
	@Override
	public List<CommunityRef> allCommunities() {
		return communityViews().stream().map((c) -> new CommunityRef(c.id(), c.name())).toList();
	}

	/**
	 * Every community whole, for the estate's own pages: read once in a request, with
	 * {@link #allCommunities()} (a page shows its community and offers the member's
	 * others). Unchecked, as the facade is: the caller checks the community scope before
	 * it shows one (bank account, contact).
	 */
	public List<CommunityView> communityViews() {
		return RequestMemo.get(COMMUNITIES, () -> List.copyOf(this.jdbc.sql("""
				SELECT id, name, address, company_name, contact_name, contact_phone, bank_account, zone_id, created_at,
				       updated_at
				FROM community ORDER BY id""").query(Estate::communityView).list()));
	}

	/** A community's row as a view. */
	public static CommunityView communityView(ResultSet rs, int n) throws SQLException {
		return new CommunityView(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
				rs.getString("company_name"), rs.getString("contact_name"), rs.getString("contact_phone"),
				rs.getString("bank_account"), rs.getString("zone_id"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	/** After a community is created or renamed: the request reads them again. */
	public static void forgetCommunities() {
		RequestMemo.forget(COMMUNITIES);
	}

	/**
	 * The account a community's residents pay their fees into, or empty when it gave
	 * none.
	 */
	public Optional<String> bankAccountOf(long communityId) {
		return this.jdbc.sql("SELECT bank_account FROM community WHERE id = ? AND bank_account IS NOT NULL")
			.param(communityId)
			.query(String.class)
			.optional();
	}

	/**
	 * The property company that serves a community (收款单位 on receipts), or its name when
	 * none is given.
	 */
	public String companyNameOf(long communityId) {
		return this.jdbc.sql("SELECT coalesce(nullif(company_name, ''), name) FROM community WHERE id = ?")
			.param(communityId)
			.query(String.class)
			.optional()
			.orElse("");
	}

	/**
	 * In a request, from the communities read once in it (a page's services each check
	 * the community they are given).
	 */
	@Override
	public boolean exists(long communityId) {
		if (RequestMemo.inRequest()) {
			return communityViews().stream().anyMatch((c) -> c.id() == communityId);
		}
		return this.jdbc.sql("SELECT count(*) > 0 FROM community WHERE id = ?")
			.param(communityId)
			.query(Boolean.class)
			.single();
	}

	/** The parking spaces of a community: id and number. */
	public List<CommunityRef> parkingSpacesIn(long communityId) {
		return this.jdbc.sql("SELECT id, number FROM parking_space WHERE community_id = ? ORDER BY number")
			.param(communityId)
			.query((rs, n) -> new CommunityRef(rs.getLong("id"), rs.getString("number")))
			.list();
	}

	/** The buildings of a community, by name. */
	public List<CommunityRef> buildingsIn(long communityId) {
		return this.jdbc.sql("SELECT id, name FROM building WHERE community_id = ? ORDER BY name")
			.param(communityId)
			.query((rs, n) -> new CommunityRef(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	/** The community a building belongs to, if the building exists. */
	public Optional<Long> communityOfBuilding(long buildingId) {
		return this.jdbc.sql("SELECT community_id FROM building WHERE id = ?")
			.param(buildingId)
			.query(Long.class)
			.optional();
	}

	public Optional<RoomRef> room(long id) {
		return this.jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(Estate::row).optional();
	}

	/** Every room of a community, in building, unit, floor and number order. */
	public List<RoomRef> roomsIn(long communityId) {
		return this.jdbc.sql(SELECT + " WHERE r.community_id = ? ORDER BY b.name, u.name, r.floor, r.number")
			.param(communityId)
			.query(Estate::row)
			.list();
	}

	public Map<Long, RoomRef> rooms(Collection<Long> ids) {
		Map<Long, RoomRef> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		this.jdbc.sql(SELECT + " WHERE r.id IN (:ids)")
			.param("ids", List.copyOf(ids))
			.query(Estate::row)
			.list()
			.forEach((room) -> found.put(room.id(), room));
		return found;
	}

	/**
	 * The rooms in scope that a code names: "1-2-1201" or "1栋-2单元-1201" (building, unit,
	 * number), "商业楼-S101" (building, number); "1" matches the building "1栋" (or 幢, 号楼)
	 * and the unit "1单元".
	 */
	public List<RoomRef> findByCode(CommunityScope scope, String code) {
		Matcher matcher = (code != null) ? CODE.matcher(normalized(code)) : null;
		if (matcher == null || !matcher.matches() || (!scope.all() && scope.communityIds().isEmpty())) {
			return List.of();
		}
		String building = matcher.group(1);
		String unit = matcher.group(2);
		String number = matcher.group(3);
		StringBuilder sql = new StringBuilder(SELECT)
			.append("""
					WHERE r.number = :number AND b.name IN (:building, :building || '栋', :building || '幢', :building || '号楼')""");
		if (unit != null) {
			sql.append(" AND u.name IN (:unit, :unit || '单元')");
		}
		if (!scope.all()) {
			sql.append(" AND r.community_id IN (:communities)");
		}
		return this.jdbc.sql(sql.toString())
			.param("number", number)
			.param("building", building)
			.param("unit", (unit != null) ? unit : "")
			.param("communities", scope.all() ? List.of(0L) : List.copyOf(scope.communityIds()))
			.query(Estate::row)
			.list();
	}

	/**
	 * A room code as people type it, in the form {@code building-unit-number}:
	 * "1栋2单元1201", "1/2/1201", "1 2 1201", "1#1201" and "1－2－1201" all read as the
	 * hyphenated form.
	 */
	static String normalized(String code) {
		String text = code.strip().replaceAll("[/#\\s－—–]+", "-").replaceAll("(栋|幢|号楼|单元)", "$1-").replaceAll("室$", "");
		return text.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
	}

	/**
	 * Sets the occupancy-driven status of rooms (OCCUPIED, RENTED, VACANT); a room whose
	 * status is already the one given is left alone, so running it twice changes nothing
	 * the second time.
	 */
	@Transactional
	public int applyOccupancyStatuses(Map<Long, RoomStatus> statuses) {
		if (statuses.isEmpty()) {
			return 0;
		}
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		List<Object[]> rows = new ArrayList<>();
		statuses.forEach((room, status) -> rows.add(new Object[] { status.name(), now, room, status.name() }));
		int[][] counts = this.template.batchUpdate(
				"UPDATE room SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status <> ?", rows,
				500, (ps, row) -> {
					for (int i = 0; i < row.length; i++) {
						ps.setObject(i + 1, row[i]);
					}
				});
		int changed = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				changed += Math.max(count, 0);
			}
		}
		return changed;
	}

	private static RoomRef row(ResultSet rs, int n) throws SQLException {
		return new RoomRef(rs.getLong("id"), rs.getLong("community_id"), rs.getString("community"),
				rs.getLong("building_id"), rs.getString("building"), rs.getString("unit"), rs.getInt("floor"),
				rs.getString("number"), rs.getBigDecimal("building_area"), rs.getBigDecimal("usable_area"),
				RoomType.valueOf(rs.getString("type")), RoomStatus.valueOf(rs.getString("status")),
				rs.getDate("handover_date").toLocalDate());
	}

}
