package org.linli.residents.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.identity.PortalAccounts;
import org.linli.identity.StaffUser;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.Times;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering, changing, finding and showing residents. Personal data is encrypted before
 * it is stored, masked for staff without {@link Permission#PERSONAL_DATA_VIEW}, and every
 * unmasked view is audited. Staff see the residents registered in, or living in, their
 * communities; others are answered as not found.
 */
@Service
@Transactional // not read-only: showing unmasked personal data writes an audit entry
public class ResidentService {

	/**
	 * A number inside free text, however it is written: digits (also full-width), with
	 * spaces, dashes, dots or brackets between them, an area code or a +86 in front — at
	 * least seven digits in all.
	 */
	private static final Pattern NUMBER = Pattern.compile("\\+?[0-9０-９](?:[\\s\\-－–—.()（）]*[0-9０-９]){6,}");

	private static final Map<String, String> SORTS = Map.of("name", "r.name", "createdAt", "r.created_at", "id",
			"r.id");

	/** Exact searches by phone or ID number one account may make in a minute. */
	static final int SEARCHES_PER_MINUTE = 20;

	/** Numbers an account without the right to see them may check in ten minutes. */
	static final int CHECKS_PER_TEN_MINUTES = 30;

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final PhoneTails phoneTails;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Estate estate;

	private final PortalAccounts portal;

	private final Clock clock;

	private final ObjectProvider<Occupancies> occupancies;

	private final Notifications notifications;

	ResidentService(JdbcClient jdbc, PersonalDataCipher cipher, CurrentStaff current, AuditLog audit, Estate estate,
			PortalAccounts portal, Clock clock, ObjectProvider<Occupancies> occupancies, Notifications notifications,
			PhoneTails phoneTails) {
		this.phoneTails = phoneTails;
		this.occupancies = occupancies;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.current = current;
		this.audit = audit;
		this.estate = estate;
		this.portal = portal;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

	// reading

	public ResidentView get(long id) {
		ResidentRow row = find(id);
		return views(List.of(row)).get(0);
	}

	public PageView<ResidentView> page(ResidentFilter filter, PageQuery query) {
		Search search = search(filter);
		if (search == null) {
			return new PageView<>(List.of(), query.page(), query.size(), 0, 0);
		}
		long total = this.jdbc.sql("SELECT count(*) FROM resident r" + search.where)
			.params(search.params)
			.query(Long.class)
			.single();
		String order = ((query.sort() != null) ? SORTS.getOrDefault(query.sort(), "r.name") : "r.name")
				+ ("desc".equals(query.dir()) ? " DESC" : " ASC") + ", r.id";
		List<ResidentRow> rows = this.jdbc
			.sql("SELECT " + ResidentRow.COLUMNS + " FROM resident r" + search.where + " ORDER BY " + order
					+ " LIMIT :limit OFFSET :offset")
			.params(search.params)
			.param("limit", query.size())
			.param("offset", (long) query.page() * query.size())
			.query(ResidentRow::map)
			.list();
		return new PageView<>(views(rows), query.page(), query.size(), total,
				(int) ((total + query.size() - 1) / query.size()));
	}

	/** Every match, for the Excel export (capped to keep a download reasonable). */
	public List<ResidentView> all(ResidentFilter filter, int max) {
		Search search = search(filter);
		if (search == null) {
			return List.of();
		}
		List<ResidentRow> rows = this.jdbc
			.sql("SELECT " + ResidentRow.COLUMNS + " FROM resident r" + search.where
					+ " ORDER BY r.name, r.id LIMIT :limit")
			.params(search.params)
			.param("limit", max)
			.query(ResidentRow::map)
			.list();
		return views(rows);
	}

	private Search search(ResidentFilter filter) {
		CommunityScope scope = this.current.scope();
		if (!scope.all() && scope.communityIds().isEmpty()) {
			return null;
		}
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		params.put("today", today());
		if (!scope.all()) {
			where.append(" AND (r.community_id IN (:scope) OR EXISTS (SELECT 1 FROM occupancy s"
					+ " WHERE s.resident_id = r.id AND s.community_id IN (:scope)))");
			params.put("scope", List.copyOf(scope.communityIds()));
		}
		if (filter.communityId() != null) {
			where.append(" AND (r.community_id = :community OR EXISTS (SELECT 1 FROM occupancy c"
					+ " WHERE c.resident_id = r.id AND c.community_id = :community))");
			params.put("community", filter.communityId());
		}
		String q = ResidentCommand.trim(filter.q());
		if (q != null) {
			String phone = PhoneNumbers.normalize(q);
			String idNumber = IdNumbers.normalize(q);
			boolean exact = phone != null || IdNumbers.isValidIdCard(idNumber) || (q.length() >= 8
					&& IdNumbers.isValidOtherDocument(idNumber) && q.chars().anyMatch(Character::isDigit));
			if (exact && !mayUnmask()) {
				// finding someone by their number reads it: only for those who may see it
				phone = null;
				idNumber = null;
			}
			else if (exact) {
				searchedByNumber(phone != null ? "phone" : "idNumber");
			}
			boolean tail = q.matches("\\d{4}");
			if (tail && mayUnmask()) {
				// the last four digits of a phone, as a caller gives them
				searchedByNumber("phoneTail");
				where.append(" AND (r.phone_tail_hash = :phoneTail OR r.name LIKE :name)");
				params.put("phoneTail", this.phoneTails.hashOf(q));
				params.put("name", "%" + q + "%");
			}
			else if (phone != null) {
				where.append(" AND r.phone_hash = :phoneHash");
				params.put("phoneHash", this.cipher.searchHash(phone));
			}
			else if (idNumber != null && exact) {
				where.append(" AND r.id_hash = :idHash");
				params.put("idHash", this.cipher.searchHash(idNumber));
			}
			else {
				where.append(" AND r.name LIKE :name");
				params.put("name", "%" + q.replace("%", "").replace("_", "") + "%");
			}
		}
		String current = "o.since <= :today AND (o.until IS NULL OR o.until > :today)";
		boolean currentOnly = "current".equals(filter.state());
		if (ResidentCommand.trim(filter.room()) != null) {
			List<Long> rooms = this.estate.findByCode(scope, filter.room()).stream().map(RoomRef::id).toList();
			if (rooms.isEmpty()) {
				where.append(" AND FALSE");
			}
			else {
				where.append(
						" AND EXISTS (SELECT 1 FROM occupancy o WHERE o.resident_id = r.id AND o.room_id IN (:rooms)"
								+ (currentOnly ? " AND " + current : "") + ")");
				params.put("rooms", rooms);
			}
		}
		if (filter.role() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM occupancy o WHERE o.resident_id = r.id AND o.role = :role"
					+ (currentOnly ? " AND " + current : "") + ")");
			params.put("role", filter.role().name());
		}
		if (currentOnly) {
			where.append(" AND EXISTS (SELECT 1 FROM occupancy o WHERE o.resident_id = r.id AND " + current + ")");
		}
		else if ("former".equals(filter.state())) {
			where.append(" AND EXISTS (SELECT 1 FROM occupancy f WHERE f.resident_id = r.id)"
					+ " AND NOT EXISTS (SELECT 1 FROM occupancy o WHERE o.resident_id = r.id AND " + current + ")");
		}
		return new Search(where.toString(), params);
	}

	private record Search(String where, Map<String, Object> params) {
	}

	/**
	 * A number typed by an account that may not see numbers, checked against those on
	 * file (a duplicate check): audited, and at most {@code CHECKS_PER_TEN_MINUTES} in
	 * ten minutes per account, so that the answers cannot be used to recover a masked
	 * number.
	 */
	private void checked() {
		countedRead("PERSONAL_DATA_CHECKED", Duration.ofMinutes(10), CHECKS_PER_TEN_MINUTES, "phone",
				AuditLog.Changes.of());
	}

	/**
	 * An exact search by phone or ID number is a read of personal data: audited (the
	 * kind, never the number), and at most {@code SEARCHES_PER_MINUTE} a minute per
	 * account.
	 */
	private void searchedByNumber(String kind) {
		countedRead("PERSONAL_DATA_SEARCHED", Duration.ofMinutes(1), SEARCHES_PER_MINUTE, "q",
				AuditLog.Changes.of().set("by", kind));
	}

	/**
	 * Records a read of personal data in the audit log, refused (429, naming the field)
	 * once the account made {@code max} of that kind within {@code window}: counted in
	 * the audit log, so on every node.
	 */
	private void countedRead(String action, Duration window, int max, String field, AuditLog.Changes details) {
		StaffUser user = this.current.require();
		long recent = this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND actor_id = ? AND at > ?")
			.params(action, user.getAccountId(), Timestamp.from(Instant.now(this.clock).minus(window)))
			.query(Long.class)
			.single();
		if (recent >= max) {
			throw new InvalidInputException(429,
					List.of(new InvalidInputException.FieldProblem(field, "residents.search.tooMany", new Object[0])));
		}
		this.audit.record(action, "resident", null, null, details);
	}

	/**
	 * Views of rows, with their current rooms; unmasked (and audited) only for those who
	 * may see personal data.
	 */
	List<ResidentView> views(List<ResidentRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		boolean full = mayUnmask();
		Map<Long, List<OccupancyView>> rooms = currentOccupancies(rows.stream().map(ResidentRow::id).toList());
		Set<Long> withAccount = Set
			.copyOf(this.jdbc.sql("SELECT resident_id FROM resident_account WHERE resident_id IN (:ids)")
				.param("ids", rows.stream().map(ResidentRow::id).toList())
				.query(Long.class)
				.list());
		List<ResidentView> views = new ArrayList<>();
		for (ResidentRow row : rows) {
			views.add(view(row, full, rooms.getOrDefault(row.id(), List.of()), withAccount.contains(row.id())));
		}
		if (full) {
			this.audit.record("PERSONAL_DATA_VIEWED", "resident", (rows.size() == 1) ? rows.get(0).id() : null, null,
					AuditLog.Changes.of().set("residentIds", rows.stream().map(ResidentRow::id).toList()));
		}
		return views;
	}

	private ResidentView view(ResidentRow row, boolean full, List<OccupancyView> rooms, boolean account) {
		String phone = this.cipher.decrypt(row.phoneCipher());
		String idNumber = this.cipher.decrypt(row.idCipher());
		String emergency = this.cipher.decrypt(row.emergencyCipher());
		return new ResidentView(row.id(), row.communityId(), row.name(), full ? phone : Masking.phone(phone),
				row.idType(), full ? idNumber : Masking.idNumber(idNumber), row.gender(),
				full ? emergency : maskDigits(emergency), row.note(), !full, account, rooms, row.createdAt(),
				row.updatedAt());
	}

	boolean mayUnmask() {
		return this.current.user().map((u) -> u.hasPermission(Permission.PERSONAL_DATA_VIEW)).orElse(false);
	}

	/**
	 * Masks every number in free text (an emergency contact) like a phone is masked: the
	 * last four digits stay (and the first three of a number of eleven digits or more,
	 * 139****1111), every other digit becomes a star; names and words stay.
	 */
	static String maskDigits(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = NUMBER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String number = matcher.group();
			long digits = number.chars().filter(ResidentService::isDigit).count();
			StringBuilder masked = new StringBuilder();
			long head = (digits >= 11) ? 3 : 0;
			long seen = 0;
			for (char c : number.toCharArray()) {
				if (isDigit(c)) {
					seen++;
					masked.append((seen <= head || seen > digits - 4) ? c : '*');
				}
				else {
					masked.append(c);
				}
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(masked.toString()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static boolean isDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
	}

	String maskedPhone(String phoneCipher) {
		return Masking.phone(this.cipher.decrypt(phoneCipher));
	}

	/** The current stays of these residents, with their rooms' codes. */
	Map<Long, List<OccupancyView>> currentOccupancies(Collection<Long> residentIds) {
		Map<Long, List<OccupancyView>> result = new HashMap<>();
		if (residentIds.isEmpty()) {
			return result;
		}
		List<Object[]> stays = this.jdbc
			.sql("""
					SELECT o.id, o.resident_id, o.room_id, o.community_id, o.role, o.since, o.until, o.end_reason
					FROM occupancy o WHERE o.resident_id IN (:ids) AND o.since <= :today AND (o.until IS NULL OR o.until > :today)
					ORDER BY o.since, o.id""")
			.param("ids", List.copyOf(residentIds))
			.param("today", today())
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
							rs.getDate(6).toLocalDate(), (rs.getDate(7) != null) ? rs.getDate(7).toLocalDate() : null,
							rs.getString(8) })
			.list();
		Map<Long, RoomRef> rooms = this.estate.rooms(stays.stream().map((s) -> (Long) s[2]).toList());
		for (Object[] s : stays) {
			RoomRef room = rooms.get((Long) s[2]);
			result.computeIfAbsent((Long) s[1], (k) -> new ArrayList<>())
				.add(new OccupancyView((Long) s[0], (Long) s[1], null, null, (Long) s[2],
						(room != null) ? room.code() : null, (room != null) ? room.community() : null, (Long) s[3],
						OccupancyRole.valueOf((String) s[4]), (LocalDate) s[5], (LocalDate) s[6], (String) s[7], true));
		}
		return result;
	}

	// writing

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ResidentView register(ResidentCommand given) {
		ResidentCommand command = given.blanksAsNull();
		Occupancies occupancies = this.occupancies.getObject();
		RoomRef room = null;
		if (command.movesIn()) {
			room = occupancies.roomFor(command.roomId(), command.roomCode(), command.communityId());
		}
		Long communityId = communityFor(command, room);
		Personal personal = check(command, null, communityId);
		Instant now = Instant.now(this.clock);
		long id = this.jdbc.sql("""
				INSERT INTO resident (community_id, name, phone_cipher, phone_hash, id_type, id_cipher, id_hash, gender,
				                      emergency_cipher, note, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, command.name(), this.cipher.encrypt(personal.phone()),
					this.cipher.searchHash(personal.phone()),
					(personal.idNumber() != null) ? personal.idType().name() : null,
					this.cipher.encrypt(personal.idNumber()), this.cipher.searchHash(personal.idNumber()),
					(personal.gender() != null) ? personal.gender().name() : null,
					this.cipher.encrypt(command.emergencyContact()), command.note(), Timestamp.from(now),
					Timestamp.from(now))
			.query(Long.class)
			.single();
		this.phoneTails.write(id, personal.phone());
		this.audit.record("RESIDENT_CREATED", "resident", id, communityId,
				AuditLog.Changes.of()
					.changedSecret("name", true)
					.changedSecret("phone", true)
					.changedSecret("idNumber", personal.idNumber() != null)
					.set("gender", personal.gender())
					.changedSecret("emergencyContact", command.emergencyContact() != null)
					.changedSecret("note", command.note() != null));
		if (room != null) {
			occupancies.moveIn(room.id(), id, command.role(), command.since());
		}
		return get(id);
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ResidentView update(long id, ResidentCommand given) {
		ResidentRow row = find(id);
		// the row locked: an anonymization under way is waited for, and then refuses this
		if (this.jdbc.sql("SELECT anonymized_at IS NOT NULL FROM resident WHERE id = ? FOR UPDATE")
			.param(id)
			.query(Boolean.class)
			.single()) {
			throw InvalidInputException.conflict("resident", "residents.anonymize.already");
		}
		if (given.communityId() != null) {
			this.current.requireCommunity(given.communityId(), "community", given.communityId());
		}
		ResidentCommand command = keepingWhatIsNotShown(given, row);
		Personal personal = check(command, row,
				(command.communityId() != null) ? command.communityId() : row.communityId());
		String oldPhone = this.cipher.decrypt(row.phoneCipher());
		String oldId = this.cipher.decrypt(row.idCipher());
		String oldEmergency = this.cipher.decrypt(row.emergencyCipher());
		this.jdbc.sql("""
				UPDATE resident SET name = ?, phone_cipher = ?, phone_hash = ?, id_type = ?, id_cipher = ?, id_hash = ?,
				       gender = ?, emergency_cipher = ?, note = ?, updated_at = ?, version = version + 1
				WHERE id = ?""")
			.params(command.name(), this.cipher.encrypt(personal.phone()), this.cipher.searchHash(personal.phone()),
					(personal.idNumber() != null) ? personal.idType().name() : null,
					this.cipher.encrypt(personal.idNumber()), this.cipher.searchHash(personal.idNumber()),
					(personal.gender() != null) ? personal.gender().name() : null,
					this.cipher.encrypt(command.emergencyContact()), command.note(),
					Timestamp.from(Instant.now(this.clock)), id)
			.update();
		this.phoneTails.write(id, personal.phone());
		AuditLog.Changes changes = AuditLog.Changes.of()
			.changedSecret("name", !Objects.equals(row.name(), command.name()))
			.changedSecret("phone", !Objects.equals(oldPhone, personal.phone()))
			.changedSecret("idNumber", !Objects.equals(oldId, personal.idNumber()))
			.changed("gender", row.gender(), personal.gender())
			.changedSecret("emergencyContact", !Objects.equals(oldEmergency, command.emergencyContact()))
			.changedSecret("note", !Objects.equals(row.note(), command.note()));
		if (!changes.isEmpty()) {
			this.audit.record("RESIDENT_UPDATED", "resident", id, row.communityId(), changes);
		}
		if (!Objects.equals(oldPhone, personal.phone())) {
			this.portal.phoneChanged(id, personal.phone());
		}
		return get(id);
	}

	/**
	 * A new portal activation code, sent by text message to the resident's own phone and
	 * shown to nobody else: staff learn where it went, masked, and until when it works.
	 * Issuing a code again is a password reset once the resident activates it.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public InvitationSent invite(long id) {
		ResidentRow row = find(id);
		if (!mayUnmask() && phoneChangedSince(id, Instant.now(this.clock).minus(Duration.ofHours(24)))) {
			// a code to a number just put on file could hand the account to whoever put
			// it
			// there: for a day, only those who may see numbers send one
			throw InvalidInputException.field("phone", "residents.invitation.phoneJustChanged");
		}
		String phone = this.cipher.decrypt(row.phoneCipher());
		PortalAccounts.Invitation invitation = this.portal.invite(id, phone);
		this.notifications
			.send(new Notifications.Notice(row.communityId(), new Notifications.Resident(id), "PORTAL_INVITATION",
					Map.of("code", invitation.code(), "expires", Times.minutes(invitation.expiresAt())),
					Set.of(Channel.SMS), Purpose.CODE, "invitation:" + id + ":" + UUID.randomUUID(), "resident:" + id));
		return new InvitationSent(Masking.phone(phone), invitation.expiresAt());
	}

	private boolean phoneChangedSince(long id, Instant since) {
		return this.jdbc.sql("""
				SELECT count(*) > 0 FROM audit_entry WHERE action = 'RESIDENT_UPDATED' AND target_type = 'resident'
				AND target_id = ? AND at > ? AND details LIKE '%"phone"%'""")
			.params(String.valueOf(id), Timestamp.from(since))
			.query(Boolean.class)
			.single();
	}

	/** Where an activation code went (the phone masked), and until when it works. */
	public record InvitationSent(String sentTo, Instant expiresAt) {
	}

	/**
	 * Disables or enables the resident's portal account; disabling ends its sessions and
	 * tokens at once. A resident without an account is a 404.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public PortalAccounts.AccountState setPortalEnabled(long id, boolean enabled) {
		find(id);
		if (!this.portal.setEnabled(id, enabled)) {
			throw new NotFoundException("portal account", id);
		}
		return this.portal.state(id);
	}

	/** The state of the resident's portal account, for the profile. */
	@Transactional(readOnly = true)
	public PortalAccounts.AccountState portalState(long id) {
		find(id);
		return this.portal.state(id);
	}

	/**
	 * A change as it applies: a masked or omitted phone, ID number or emergency contact
	 * stays as it was; only an account that may see personal data changes or clears an ID
	 * number or emergency contact.
	 */
	private ResidentCommand keepingWhatIsNotShown(ResidentCommand given, ResidentRow row) {
		boolean full = mayUnmask();
		String oldId = this.cipher.decrypt(row.idCipher());
		String oldEmergency = this.cipher.decrypt(row.emergencyCipher());
		String phone = (given.phone() == null || ResidentCommand.masked(given.phone()))
				? this.cipher.decrypt(row.phoneCipher()) : given.phone();
		IdType idType = given.idType();
		String idNumber = given.idNumber();
		if (idNumber == null || ResidentCommand.masked(idNumber)) {
			idNumber = oldId;
			idType = row.idType();
		}
		else if (!full && !(idNumber.isEmpty() && oldId == null)) {
			// whatever was typed, without comparing it to what is stored: an answer that
			// depended on it would tell the number
			throw InvalidInputException.field("idNumber", "residents.personalData.noRight");
		}
		String emergency = given.emergencyContact();
		if (emergency == null || ResidentCommand.masked(emergency)) {
			emergency = oldEmergency;
		}
		else if (!full && !(emergency.isEmpty() && oldEmergency == null)) {
			throw InvalidInputException.field("emergencyContact", "residents.personalData.noRight");
		}
		return new ResidentCommand(given.communityId(), given.name(), phone, idType,
				(idNumber != null && idNumber.isEmpty()) ? null : idNumber, given.gender(),
				(emergency != null && emergency.isEmpty()) ? null : emergency, given.note(), given.confirmDuplicate(),
				given.roomId(), given.roomCode(), given.role(), given.since());
	}

	private Long communityFor(ResidentCommand command, RoomRef room) {
		if (room != null) {
			return room.communityId();
		}
		CommunityScope scope = this.current.scope();
		if (command.communityId() != null) {
			this.current.requireCommunity(command.communityId(), "community", command.communityId());
			if (!this.estate.exists(command.communityId())) {
				throw new NotFoundException("community", command.communityId());
			}
			return command.communityId();
		}
		if (!scope.all() && scope.communityIds().size() == 1) {
			return scope.communityIds().iterator().next();
		}
		if (!scope.all()) {
			throw InvalidInputException.field("communityId", "validation.required");
		}
		return null;
	}

	private record Personal(String phone, IdType idType, String idNumber, Gender gender) {
	}

	/**
	 * Validates a resident and refuses duplicates: an ID number anywhere, a phone in the
	 * same community.
	 */
	private Personal check(ResidentCommand command, ResidentRow existing, Long communityId) {
		Checks checks = new Checks().required("name", command.name())
			.maxLength("name", command.name(), 64)
			.required("phone", command.phone())
			.maxLength("emergencyContact", command.emergencyContact(), 200)
			.maxLength("note", command.note(), 500);
		String phone = (command.phone() != null) ? PhoneNumbers.normalize(command.phone()) : null;
		if (command.phone() != null && phone == null) {
			checks.add("phone", "validation.phone");
		}
		IdType idType = (command.idType() != null) ? command.idType() : IdType.ID_CARD;
		String idNumber = IdNumbers.normalize(command.idNumber());
		Gender gender = command.gender();
		if (idNumber != null) {
			if (idType == IdType.ID_CARD && !IdNumbers.isValidIdCard(idNumber)) {
				checks.add("idNumber", "residents.idNumber.invalid");
			}
			else if (idType != IdType.ID_CARD && !IdNumbers.isValidOtherDocument(idNumber)) {
				checks.add("idNumber", "residents.idNumber.invalidDocument");
			}
			else if (idType == IdType.ID_CARD && gender == null) {
				gender = IdNumbers.genderOf(idNumber);
			}
		}
		checks.throwIfAny();
		Long self = (existing != null) ? existing.id() : null;
		boolean phoneCompared = (existing == null || !this.cipher.searchHash(phone).equals(existing.phoneHash()))
				&& !command.confirmDuplicate();
		if (!mayUnmask() && (idNumber != null || phoneCompared)) {
			// a duplicate check answers whether a number is on file: for those who may
			// not
			// see numbers it is counted and limited like a search by number
			checked();
		}
		if (idNumber != null) {
			Optional<Long> holder = this.jdbc.sql("SELECT id FROM resident WHERE id_hash = ? AND id <> ?")
				.params(this.cipher.searchHash(idNumber), (self != null) ? self : -1L)
				.query(Long.class)
				.optional();
			if (holder.isPresent()) {
				Optional<ResidentRow> visible = visible(holder.get());
				if (visible.isPresent()) {
					throw InvalidInputException.conflict("idNumber", "residents.idNumber.taken", visible.get().name(),
							String.valueOf(visible.get().id()));
				}
				// a person of a community the caller cannot see: say nothing of them
				throw InvalidInputException.conflict("idNumber", "residents.idNumber.takenElsewhere");
			}
		}
		boolean phoneChanged = existing == null || !this.cipher.searchHash(phone).equals(existing.phoneHash());
		if (phoneChanged && !command.confirmDuplicate()) {
			StringBuilder sql = new StringBuilder(
					"SELECT r.id, r.name FROM resident r WHERE r.phone_hash = :hash AND r.id <> :self");
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("hash", this.cipher.searchHash(phone));
			params.put("self", (self != null) ? self : -1L);
			if (communityId != null) {
				sql.append(" AND (r.community_id = :community OR EXISTS (SELECT 1 FROM occupancy o"
						+ " WHERE o.resident_id = r.id AND o.community_id = :community))");
				params.put("community", communityId);
			}
			Optional<Object[]> holder = this.jdbc.sql(sql + " LIMIT 1")
				.params(params)
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
				.optional();
			if (holder.isPresent()) {
				throw InvalidInputException.conflict("phone", "residents.phone.taken", holder.get()[1],
						String.valueOf(holder.get()[0]));
			}
		}
		return new Personal(phone, idType, idNumber, gender);
	}

	private Optional<ResidentRow> visible(long id) {
		try {
			return Optional.of(find(id));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The resident, if the caller may see them; otherwise not found. */
	ResidentRow find(long id) {
		ResidentRow row = this.jdbc.sql("SELECT " + ResidentRow.COLUMNS + " FROM resident r WHERE r.id = ?")
			.param(id)
			.query(ResidentRow::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("resident", id));
		CommunityScope scope = this.current.scope();
		if (scope.all() || scope.includes(row.communityId())) {
			return row;
		}
		List<Long> communities = this.jdbc.sql("SELECT DISTINCT community_id FROM occupancy WHERE resident_id = ?")
			.param(id)
			.query(Long.class)
			.list();
		if (communities.stream().anyMatch(scope::includes)) {
			return row;
		}
		throw new NotFoundException("resident", id);
	}

	/** A resident's own record, for the portal: unmasked, since it is theirs. */
	ResidentView own(long residentId) {
		ResidentRow row = this.jdbc.sql("SELECT " + ResidentRow.COLUMNS + " FROM resident r WHERE r.id = ?")
			.param(residentId)
			.query(ResidentRow::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("resident", residentId));
		// the resident's own view: their phone in full (they sign in with it), their ID
		// number and emergency contact masked — a portal account is not where to read
		// them
		ResidentView full = view(row, true, currentOccupancies(List.of(residentId)).getOrDefault(residentId, List.of()),
				true);
		ResidentView masked = view(row, false, full.currentRooms(), true);
		return new ResidentView(full.id(), full.communityId(), full.name(), full.phone(), full.idType(),
				masked.idNumber(), full.gender(), masked.emergencyContact(), full.note(), true, true,
				full.currentRooms(), full.createdAt(), full.updatedAt());
	}

}
