package org.linli.residents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.linli.identity.AuditLog;
import org.linli.notifications.ResidentContacts;
import org.linli.shared.RequestMemo;
import org.linli.shared.SqlArrays;
import org.linli.shared.crypto.PersonalDataCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask of the residents module.
 */
@Component
public class Residents implements ResidentContacts {

	private static final String STAYS = Residents.class.getName() + ".stays.";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final AuditLog audit;

	Residents(JdbcClient jdbc, PersonalDataCipher cipher, AuditLog audit) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.audit = audit;
	}

	/** The rooms a resident lives in on a day: what their portal may show. */
	public List<Long> roomsOf(long residentId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT DISTINCT room_id FROM occupancy
				WHERE resident_id = ? AND since <= ? AND (until IS NULL OR until > ?) ORDER BY room_id""")
			.params(residentId, day, day)
			.query(Long.class)
			.list();
	}

	/** A stay of a resident in a room: from, and until (null while it lasts). */
	public record Stay(long roomId, LocalDate since, LocalDate until) {
	}

	/** Every stay the resident has had, now or before. */
	public List<Stay> staysEver(long residentId) {
		return this.jdbc.sql("SELECT room_id, since, until FROM occupancy WHERE resident_id = ? ORDER BY since, id")
			.param(residentId)
			.query((rs, n) -> new Stay(rs.getLong(1), rs.getDate(2).toLocalDate(),
					(rs.getDate(3) != null) ? rs.getDate(3).toLocalDate() : null))
			.list();
	}

	/**
	 * The rooms a resident lives in on a day, each with the day their present stay began:
	 * what their portal shows of a room starts there, not with earlier occupants. Read
	 * once in a request (a portal page's bills, payments and orders each ask); a change
	 * of occupancy in the request forgets it ({@link #forgetStays()}).
	 */
	public Map<Long, LocalDate> staysOf(long residentId, LocalDate day) {
		return RequestMemo.get(staysKey(residentId, day), () -> {
			Map<Long, LocalDate> stays = new HashMap<>();
			this.jdbc.sql("""
					SELECT room_id, min(since) FROM occupancy
					WHERE resident_id = ? AND since <= ? AND (until IS NULL OR until > ?) GROUP BY room_id""")
				.params(residentId, day, day)
				.query((rs, n) -> stays.put(rs.getLong(1), rs.getDate(2).toLocalDate()))
				.list();
			return Map.copyOf(stays);
		});
	}

	/**
	 * The key a resident's stays on a day are kept under in a request; what another
	 * module works out from them may be kept under a key that starts with it, and is
	 * forgotten with them.
	 */
	public static String staysKey(long residentId, LocalDate day) {
		return STAYS + residentId + "@" + day;
	}

	/** After an occupancy is added or ended: the request reads stays again. */
	public static void forgetStays() {
		RequestMemo.forget(STAYS);
	}

	/** The owners of every room of a community on a day (one query, for billing runs). */
	public Map<Long, List<Long>> ownersInCommunityOn(long communityId, LocalDate day) {
		Map<Long, List<Long>> owners = new HashMap<>();
		this.jdbc.sql("""
				SELECT room_id, resident_id FROM occupancy
				WHERE community_id = :community AND role = 'OWNER' AND since <= :day AND (until IS NULL OR until > :day)
				ORDER BY room_id, since, resident_id""")
			.param("community", communityId)
			.param("day", day)
			.query((rs, n) -> owners.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return owners;
	}

	/**
	 * The owners of every room of a community at any time from {@code from} to the day
	 * before {@code until}, earliest first (one query, for billing runs: a line's payers
	 * are those who owned the room during its period).
	 */
	public Map<Long, List<Long>> ownersInCommunityDuring(long communityId, LocalDate from, LocalDate until) {
		Map<Long, List<Long>> owners = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT room_id, resident_id FROM occupancy
					WHERE community_id = :community AND role = 'OWNER' AND since < :until AND (until IS NULL OR until > :from)
					GROUP BY room_id, resident_id ORDER BY room_id, min(since), resident_id""")
			.param("community", communityId)
			.param("from", from)
			.param("until", until)
			.query((rs, n) -> owners.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return owners;
	}

	/**
	 * Occupancies of a community's rooms on {@code :day}, in the buildings
	 * {@code :buildings} (all when empty), aliased {@code o}.
	 */
	private static final String LIVING_IN = """
			FROM occupancy o JOIN estate_room r ON r.id = o.room_id
			WHERE o.community_id = :community AND o.since <= :day AND (o.until IS NULL OR o.until > :day)
			  AND (cardinality(CAST(:buildings AS bigint[])) = 0 OR r.building_id = ANY (CAST(:buildings AS bigint[])))""";

	/**
	 * Who lives in a community's rooms on a day — in the given buildings, or in all when
	 * none are given: the addressees of a notice, each once.
	 */
	public List<Long> residentsIn(long communityId, Collection<Long> buildingIds, LocalDate day) {
		return living("SELECT DISTINCT o.resident_id ", " ORDER BY o.resident_id", communityId, buildingIds, day);
	}

	/**
	 * The rooms of a community with someone living there on a day (its households), in
	 * the given buildings or in all when none are given.
	 */
	public List<Long> occupiedRoomsIn(long communityId, Collection<Long> buildingIds, LocalDate day) {
		return living("SELECT DISTINCT o.room_id ", " ORDER BY o.room_id", communityId, buildingIds, day);
	}

	/** The rooms of a community lived in on a day, each with its building. */
	public Map<Long, Long> occupiedRoomBuildings(long communityId, LocalDate day) {
		Map<Long, Long> rooms = new HashMap<>();
		this.jdbc.sql("SELECT DISTINCT o.room_id, r.building_id " + LIVING_IN)
			.param("community", communityId)
			.param("day", day)
			.param("buildings", SqlArrays.bigints(List.of()))
			.query((rs, n) -> rooms.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return rooms;
	}

	/** How many households {@link #occupiedRoomsIn} finds. */
	public long householdsIn(long communityId, Collection<Long> buildingIds, LocalDate day) {
		return living("SELECT count(DISTINCT o.room_id) ", "", communityId, buildingIds, day).get(0);
	}

	private List<Long> living(String select, String order, long communityId, Collection<Long> buildingIds,
			LocalDate day) {
		return this.jdbc.sql(select + LIVING_IN + order)
			.param("community", communityId)
			.param("day", day)
			.param("buildings", SqlArrays.bigints(buildingIds))
			.query(Long.class)
			.list();
	}

	/**
	 * Every room a resident has lived in or owned, past and present: where lines they pay
	 * may be.
	 */
	public List<Long> roomsEverOccupied(long residentId) {
		return this.jdbc.sql("SELECT DISTINCT room_id FROM occupancy WHERE resident_id = ? ORDER BY room_id")
			.param(residentId)
			.query(Long.class)
			.list();
	}

	/** Residents' names by id (for receipts and bills: names only, no personal data). */
	public Map<Long, String> names(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.jdbc.sql("SELECT id, name FROM resident WHERE id IN (:ids)")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

	/**
	 * How to reach a resident: their name and phone in clear, for the notifications
	 * module to deliver a message to them (it shows the phone masked and never logs it).
	 */
	@Override
	public Optional<Contact> contact(long residentId) {
		return this.jdbc.sql("SELECT id, community_id, name, phone_cipher FROM resident WHERE id = ?")
			.param(residentId)
			.query((rs, n) -> new Contact(rs.getLong("id"), (Long) rs.getObject("community_id"), rs.getString("name"),
					this.cipher.decrypt(rs.getString("phone_cipher"))))
			.optional();
	}

	/** Who lives in a room on a day (owners first), each resident once. */
	public List<Long> occupantsOf(long roomId, LocalDate day) {
		return this.jdbc
			.sql("""
					SELECT resident_id FROM occupancy
					WHERE room_id = ? AND since <= ? AND (until IS NULL OR until > ?)
					GROUP BY resident_id ORDER BY min(CASE role WHEN 'OWNER' THEN 0 WHEN 'FAMILY' THEN 1 ELSE 2 END), resident_id""")
			.params(roomId, day, day)
			.query(Long.class)
			.list();
	}

	/**
	 * The names of the owners of one room on a day, earliest first (one query: a
	 * receipt's payer; names only, no personal data).
	 */
	public List<String> ownerNamesOf(long roomId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT r.name FROM occupancy o JOIN resident r ON r.id = o.resident_id
				WHERE o.room_id = ? AND o.role = 'OWNER' AND o.since <= ? AND (o.until IS NULL OR o.until > ?)
				ORDER BY o.since, o.resident_id""").params(roomId, day, day).query(String.class).list();
	}

	/** A room a resident lives in, with the occupant's name, for a lookup's choices. */
	public record FoundRoom(long roomId, String occupant) {
	}

	/**
	 * The rooms of a community whose occupants on a day match what a cashier typed: part
	 * of a name, or — only when {@code mayUseNumbers} — a phone number or its last four
	 * digits (keyed hashes, nothing decrypted). At most 20.
	 */
	public List<FoundRoom> roomsOfOccupants(long communityId, String typed, boolean mayUseNumbers, LocalDate day) {
		String q = (typed != null) ? typed.strip() : "";
		if (q.isEmpty()) {
			return List.of();
		}
		String phone = org.linli.shared.crypto.PhoneNumbers.normalize(q);
		String condition;
		Map<String, Object> params = new HashMap<>();
		if (phone != null || q.matches("\\d{4}")) {
			if (!mayUseNumbers) {
				return List.of();
			}
			condition = (phone != null) ? "r.phone_hash = :hash" : "r.phone_tail_hash = :hash";
			// finding someone by their number reads it: audited (the kind, never the
			// number)
			this.audit.record("PERSONAL_DATA_SEARCHED", "community", communityId, communityId,
					AuditLog.Changes.of().set("by", (phone != null) ? "phone" : "phoneTail").set("at", "cashier"));
			params.put("hash", (phone != null) ? this.cipher.searchHash(phone) : this.cipher.searchHash("tail:" + q));
		}
		else {
			condition = "r.name LIKE :name";
			params.put("name", "%" + q.replace("%", "").replace("_", "") + "%");
		}
		params.put("community", communityId);
		params.put("day", day);
		return this.jdbc
			.sql("SELECT DISTINCT o.room_id, r.name FROM occupancy o JOIN resident r ON r.id = o.resident_id "
					+ "WHERE o.community_id = :community AND o.since <= :day AND (o.until IS NULL OR o.until > :day) AND "
					+ condition + " ORDER BY o.room_id, r.name LIMIT 20")
			.params(params)
			.query((rs, n) -> new FoundRoom(rs.getLong(1), rs.getString(2)))
			.list();
	}

	/** The owners of one room on a day, earliest first. */
	public List<Long> ownersOf(long roomId, LocalDate day) {
		return this.jdbc.sql("""
				SELECT resident_id FROM occupancy
				WHERE room_id = ? AND role = 'OWNER' AND since <= ? AND (until IS NULL OR until > ?)
				ORDER BY since, resident_id""").params(roomId, day, day).query(Long.class).list();
	}

}
