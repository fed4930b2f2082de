package org.linli.residents.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Gender;
import org.linli.residents.OccupancyRole;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetImport;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports residents and their occupancies into one community from the .xlsx template.
 * Rows with the same ID number, or the same phone and name, are one person with several
 * rooms; a person already registered (same ID number, or same phone and name in the
 * community) is linked, not registered twice. Every row is checked first and nothing is
 * written unless all rows are right; the writes are batched.
 */
@Service
public class ResidentImport {

	static final List<String> COLUMNS = List.of("name", "phone", "idNumber", "gender", "emergencyContact", "note",
			"room", "role", "since");

	private final JdbcTemplate jdbc;

	private final PersonalDataCipher cipher;

	private final Estate estate;

	private final CurrentStaff current;

	private final Occupancies occupancies;

	private final AuditLog audit;

	static final int MAX_ROWS = 20_000;

	private final Messages messages;

	private final Clock clock;

	private final PhoneTails phoneTails;

	ResidentImport(JdbcTemplate jdbc, PersonalDataCipher cipher, Estate estate, CurrentStaff current,
			Occupancies occupancies, AuditLog audit, Messages messages, Clock clock, PhoneTails phoneTails) {
		this.phoneTails = phoneTails;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.estate = estate;
		this.current = current;
		this.occupancies = occupancies;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	public byte[] template() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(msg("residents.import.sheet"));
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				header.createCell(i).setCellValue(msg("residents.import.column." + COLUMNS.get(i)));
				sheet.setColumnWidth(i, 18 * 256);
			}
			Sheet help = workbook.createSheet(msg("estate.import.helpSheet"));
			for (int i = 0; i < COLUMNS.size(); i++) {
				Row row = help.createRow(i);
				row.createCell(0).setCellValue(msg("residents.import.column." + COLUMNS.get(i)));
				row.createCell(1).setCellValue(msg("residents.import.help." + COLUMNS.get(i)));
			}
			help.setColumnWidth(1, 90 * 256);
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ImportReport importResidents(long communityId, InputStream file) {
		this.current.requireCommunity(communityId, "community", communityId);
		List<Parsed> rows = SheetImport.read(null, file, COLUMNS.size(), MAX_ROWS, false)
			.stream()
			.map(this::parse)
			.toList();
		SheetImport sheet = new SheetImport(this.messages, (field) -> msg("residents.import.column." + field));
		CommunityScope only = new CommunityScope(false, Set.of(communityId));
		Map<String, Person> people = new LinkedHashMap<>();
		Set<String> stays = new java.util.HashSet<>();
		List<Stay> accepted = new ArrayList<>();
		for (Parsed row : rows) {
			Checks checks = new Checks();
			row.problems().forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
			RoomRef room = null;
			if (row.room() != null) {
				List<RoomRef> found = this.estate.findByCode(only, row.room());
				if (found.size() == 1) {
					room = found.get(0);
				}
				else {
					checks.add("room", found.isEmpty() ? "residents.room.unknown" : "residents.room.ambiguous",
							row.room());
				}
			}
			Person person = null;
			if (checks.isEmpty()) {
				String key = (row.idNumber() != null) ? "id:" + row.idNumber()
						: "phone:" + row.phone() + ":" + row.name();
				person = people.get(key);
				if (person == null) {
					person = existing(row, communityId, checks);
					if (checks.isEmpty()) {
						people.put(key, person);
					}
				}
				else if (!person.name().equals(row.name())) {
					checks.add("name", "residents.import.nameMismatch", person.name());
				}
			}
			if (checks.isEmpty()) {
				String stayKey = person.key() + "|" + room.id();
				if (!stays.add(stayKey)) {
					checks.add("room", "residents.import.duplicateStay", row.room());
				}
				else if (person.existingId() != null && overlaps(person.existingId(), room.id(), row.since())) {
					checks.add("room", "residents.occupancy.overlap");
				}
				else {
					accepted.add(new Stay(person, room, row.role(), row.since()));
				}
			}
			sheet.accept(row.number(), checks);
		}
		if (!sheet.ok()) {
			return new ImportReport(0, 0, rows.size(), sheet.errors());
		}
		int created = write(communityId, people.values(), accepted);
		this.audit.record("RESIDENTS_IMPORTED", "community", communityId, communityId,
				AuditLog.Changes.of().set("residents", created).set("occupancies", accepted.size()));
		this.occupancies.refreshStatuses(accepted.stream().map((s) -> s.room().id()).distinct().toList());
		return new ImportReport(created, accepted.size(), rows.size(), List.of());
	}

	private Person existing(Parsed row, long communityId, Checks checks) {
		if (row.idNumber() != null) {
			List<Map<String, Object>> found = this.jdbc.queryForList("SELECT id, name FROM resident WHERE id_hash = ?",
					this.cipher.searchHash(row.idNumber()));
			if (!found.isEmpty()) {
				if (!row.name().equals(found.get(0).get("name"))) {
					checks.add("idNumber", "residents.idNumber.taken", found.get(0).get("name"),
							String.valueOf(found.get(0).get("id")));
					return null;
				}
				return Person.existing((Long) found.get(0).get("id"), row);
			}
		}
		List<Map<String, Object>> samePhone = this.jdbc.queryForList("""
				SELECT r.id, r.name FROM resident r WHERE r.phone_hash = ? AND (r.community_id = ?
				  OR EXISTS (SELECT 1 FROM occupancy o WHERE o.resident_id = r.id AND o.community_id = ?))""",
				this.cipher.searchHash(row.phone()), communityId, communityId);
		for (Map<String, Object> match : samePhone) {
			if (row.name().equals(match.get("name"))) {
				return Person.existing((Long) match.get("id"), row);
			}
		}
		if (!samePhone.isEmpty()) {
			checks.add("phone", "residents.phone.taken", samePhone.get(0).get("name"),
					String.valueOf(samePhone.get(0).get("id")));
			return null;
		}
		return Person.fresh(row);
	}

	private boolean overlaps(long residentId, long roomId, LocalDate since) {
		Boolean overlap = this.jdbc.queryForObject(
				"""
						SELECT count(*) > 0 FROM occupancy WHERE resident_id = ? AND room_id = ? AND (until IS NULL OR until > ?)""",
				Boolean.class, residentId, roomId, since);
		return Boolean.TRUE.equals(overlap);
	}

	private int write(long communityId, java.util.Collection<Person> people, List<Stay> stays) {
		List<Person> fresh = people.stream().filter((p) -> p.existingId() == null).toList();
		List<Long> ids = fresh.isEmpty() ? List.of() : this.jdbc
			.queryForList("SELECT nextval('resident_id_seq') FROM generate_series(1, ?)", Long.class, fresh.size());
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		List<Object[]> residentRows = new ArrayList<>();
		for (int i = 0; i < fresh.size(); i++) {
			Person p = fresh.get(i);
			p.assign(ids.get(i));
			Gender gender = (p.gender() != null) ? p.gender()
					: (p.idNumber() != null) ? IdNumbers.genderOf(p.idNumber()) : null;
			residentRows.add(new Object[] { ids.get(i), communityId, p.name(), this.cipher.encrypt(p.phone()),
					this.cipher.searchHash(p.phone()), (p.idNumber() != null) ? "ID_CARD" : null,
					this.cipher.encrypt(p.idNumber()), this.cipher.searchHash(p.idNumber()),
					(gender != null) ? gender.name() : null, this.cipher.encrypt(p.emergencyContact()), p.note(), now,
					now });
		}
		this.jdbc.batchUpdate(
				"""
						INSERT INTO resident (id, community_id, name, phone_cipher, phone_hash, id_type, id_cipher, id_hash, gender,
						                      emergency_cipher, note, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				residentRows);
		List<Object[]> stayRows = new ArrayList<>();
		for (Stay s : stays) {
			stayRows.add(new Object[] { s.person().id(), s.room().id(), s.room().communityId(), s.role().name(),
					java.sql.Date.valueOf(s.since()), now });
		}
		Residents.forgetStays();
		this.jdbc.batchUpdate("""
				INSERT INTO occupancy (resident_id, room_id, community_id, role, since, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""", stayRows);
		this.phoneTails.fillMissing();
		return fresh.size();
	}

	private Parsed parse(SheetImport.SheetRow row) {
		Checks checks = new Checks();
		String name = row.text(0);
		checks.required("name", name).maxLength("name", name, 64);
		String phone = PhoneNumbers.normalize(row.text(1));
		if (row.text(1) == null) {
			checks.add("phone", "validation.required");
		}
		else if (phone == null) {
			checks.add("phone", "validation.phone");
		}
		String idNumber = IdNumbers.normalize(row.text(2));
		if (idNumber != null && !IdNumbers.isValidIdCard(idNumber)) {
			checks.add("idNumber", "residents.idNumber.invalid");
		}
		Gender gender = row.choice(Gender.class, "residents.gender.", 3, "gender", checks, this.messages);
		OccupancyRole role = row.choice(OccupancyRole.class, "residents.role.", 7, "role", checks, this.messages);
		checks.required("role", row.text(7)).required("room", row.text(6)).required("since", row.text(8));
		LocalDate since = row.date(8, "since", checks);
		return new Parsed(row.number(), name, phone, idNumber, gender, row.text(4), row.text(5), row.text(6), role,
				since, checks.problems());
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

	public record ImportReport(int residents, int occupancies, int rows, List<RowError> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	private record Parsed(int number, String name, String phone, String idNumber, Gender gender,
			String emergencyContact, String note, String room, OccupancyRole role, LocalDate since,
			List<InvalidInputException.FieldProblem> problems) {
	}

	private record Stay(Person person, RoomRef room, OccupancyRole role, LocalDate since) {
	}

	/**
	 * A person of the file: already registered (with an id), or to be registered (an id
	 * is assigned on write).
	 */
	private static final class Person {

		private final Map<String, Object> data = new HashMap<>();

		private Long id;

		private final Long existingId;

		private Person(Long existingId, Parsed row) {
			this.existingId = existingId;
			this.id = existingId;
			this.data.put("name", row.name());
			this.data.put("phone", row.phone());
			this.data.put("idNumber", row.idNumber());
			this.data.put("gender", row.gender());
			this.data.put("emergencyContact", row.emergencyContact());
			this.data.put("note", row.note());
		}

		static Person existing(long id, Parsed row) {
			return new Person(id, row);
		}

		static Person fresh(Parsed row) {
			return new Person(null, row);
		}

		void assign(long id) {
			this.id = id;
		}

		Long id() {
			return this.id;
		}

		Long existingId() {
			return this.existingId;
		}

		String key() {
			return (this.existingId != null) ? "existing:" + this.existingId : "new:" + System.identityHashCode(this);
		}

		String name() {
			return (String) this.data.get("name");
		}

		String phone() {
			return (String) this.data.get("phone");
		}

		String idNumber() {
			return (String) this.data.get("idNumber");
		}

		Gender gender() {
			return (Gender) this.data.get("gender");
		}

		String emergencyContact() {
			return (String) this.data.get("emergencyContact");
		}

		String note() {
			return (String) this.data.get("note");
		}

	}

}
