package org.linli.estate.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.Times;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a community's rooms from the .xlsx template: every row is checked first, and
 * the rooms are written only when no row has a problem (all or nothing), with batched
 * inserts.
 */
@Service
public class RoomImport {

	private static final Logger log = LoggerFactory.getLogger(RoomImport.class);

	static final int MAX_ROWS = 20_000;

	/** Template columns, in order. */
	static final List<String> COLUMNS = List.of("building", "unit", "floor", "number", "buildingArea", "usableArea",
			"type", "status", "handoverDate");

	/** Stands in for an unknown building when checking the rest of a row. */
	private static final Building ANY_BUILDING = new Building(0, new BuildingCommand("?", 200, false), Instant.EPOCH);

	private final EstateService estate;

	private final BuildingRepository buildings;

	private final JdbcTemplate jdbc;

	private final Messages messages;

	private final AuditLog audit;

	private final Clock clock;

	RoomImport(EstateService estate, BuildingRepository buildings, JdbcTemplate jdbc, Messages messages, AuditLog audit,
			Clock clock) {
		this.estate = estate;
		this.buildings = buildings;
		this.jdbc = jdbc;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The template to fill in: a header row, and a second sheet explaining the columns
	 * and allowed values.
	 */
	public byte[] template() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(msg("estate.import.sheet"));
			Row header = sheet.createRow(0);
			var bold = workbook.createCellStyle();
			var font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			for (int i = 0; i < COLUMNS.size(); i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(msg("estate.import.column." + COLUMNS.get(i)));
				cell.setCellStyle(bold);
				sheet.setColumnWidth(i, 16 * 256);
			}
			Sheet help = workbook.createSheet(msg("estate.import.helpSheet"));
			int r = 0;
			for (String column : COLUMNS) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(msg("estate.import.column." + column));
				row.createCell(1).setCellValue(msg("estate.import.help." + column));
			}
			help.setColumnWidth(0, 18 * 256);
			help.setColumnWidth(1, 80 * 256);
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public ImportReport importRooms(long communityId, InputStream file) {
		this.estate.findCommunity(communityId);
		List<ParsedRow> rows = SheetImport.read(null, file, COLUMNS.size(), MAX_ROWS, false)
			.stream()
			.map(this::parse)
			.toList();
		SheetImport sheet = new SheetImport(this.messages, (field) -> msg("estate.import.column." + field));
		Map<String, Building> byName = new HashMap<>();
		this.buildings.findByCommunityIdOrderByNameAsc(communityId).forEach((b) -> byName.put(b.getName(), b));
		Set<String> existing = new HashSet<>(this.jdbc.queryForList("""
				SELECT r.building_id || '|' || coalesce(u.name, '') || '|' || r.number
				FROM room r LEFT JOIN building_unit u ON u.id = r.unit_id WHERE r.community_id = ?""", String.class,
				communityId));
		Set<String> seen = new HashSet<>();
		List<ValidRow> valid = new ArrayList<>();
		for (ParsedRow row : rows) {
			Checks checks = new Checks();
			row.problems().forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
			Building building = byName.get(row.building());
			if (row.building() == null) {
				checks.add("building", "validation.required");
			}
			else if (building == null) {
				checks.add("building", "estate.import.unknownBuilding", row.building());
			}
			if (building == null && row.command() != null) {
				// the building is unknown, but the row's other mistakes are worth
				// reporting in the same pass
				RoomService.rules(ANY_BUILDING, row.command())
					.problems()
					.stream()
					.filter((p) -> !"floor".equals(p.field()))
					.forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
			}
			if (building != null && row.command() != null) {
				RoomService.rules(building, row.command())
					.problems()
					.forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
				String key = building.getId() + "|" + ((row.command().unit() != null) ? row.command().unit() : "") + "|"
						+ row.command().number();
				if (row.command().number() != null && existing.contains(key)) {
					checks.add("number", "estate.room.number.taken", row.command().number());
				}
				else if (row.command().number() != null && !seen.add(key)) {
					checks.add("number", "estate.import.duplicateInFile", row.command().number());
				}
			}
			if (sheet.accept(row.rowNumber(), checks)) {
				valid.add(new ValidRow(building, row.command()));
			}
		}
		if (!sheet.ok()) {
			return new ImportReport(0, rows.size(), sheet.errors());
		}
		write(communityId, valid);
		this.audit.record("ROOMS_IMPORTED", "community", communityId, communityId,
				AuditLog.Changes.of().set("rooms", valid.size()));
		return new ImportReport(valid.size(), rows.size(), List.of());
	}

	private void write(long communityId, List<ValidRow> rows) {
		List<Object[]> units = rows.stream()
			.filter((r) -> r.command().unit() != null)
			.map((r) -> List.of(r.building().getId(), r.command().unit()))
			.distinct()
			.map(List::toArray)
			.toList();
		this.jdbc.batchUpdate("INSERT INTO building_unit (building_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
				units);
		Map<String, Long> unitIds = new HashMap<>();
		this.jdbc.query("""
				SELECT u.id, u.building_id, u.name FROM building_unit u JOIN building b ON b.id = u.building_id
				WHERE b.community_id = ?""", (rs) -> {
			unitIds.put(rs.getLong("building_id") + "|" + rs.getString("name"), rs.getLong("id"));
		}, communityId);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		List<Object[]> inserts = new ArrayList<>(rows.size());
		for (ValidRow row : rows) {
			RoomCommand c = row.command();
			Long unitId = (c.unit() != null) ? unitIds.get(row.building().getId() + "|" + c.unit()) : null;
			inserts.add(new Object[] { communityId, row.building().getId(), unitId, c.floor(), c.number(),
					c.buildingArea(), c.usableArea(), c.type().name(), c.status().name(),
					Date.valueOf((c.handoverDate() != null) ? c.handoverDate() : Times.today(this.clock)), now, now });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO room (community_id, building_id, unit_id, floor, number, building_area, usable_area, type,
				                  status, handover_date, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
	}

	private ParsedRow parse(SheetImport.SheetRow row) {
		Checks problems = new Checks();
		Integer floor = row.integer(2, "floor", problems);
		BigDecimal area = row.decimal(4, "buildingArea", problems);
		BigDecimal usable = row.decimal(5, "usableArea", problems);
		RoomType type = row.choice(RoomType.class, "estate.room.type.", 6, "type", problems, this.messages);
		RoomStatus status = row.choice(RoomStatus.class, "estate.room.status.", 7, "status", problems, this.messages);
		LocalDate handover = row.date(8, "handoverDate", problems);
		if (floor == null && !problems.has("floor")) {
			problems.add("floor", "validation.required");
		}
		RoomCommand command = problems.isEmpty()
				? new RoomCommand(row.text(1), floor, row.text(3), area, usable, type, status, handover) : null;
		return new ParsedRow(row.number(), row.text(0), command, problems.problems());
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

	/** The outcome: how many rooms were written, or why none were. */
	public record ImportReport(int imported, int rows, List<RowError> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	private record ParsedRow(int rowNumber, String building, RoomCommand command,
			List<InvalidInputException.FieldProblem> problems) {
	}

	private record ValidRow(Building building, RoomCommand command) {
	}

}
