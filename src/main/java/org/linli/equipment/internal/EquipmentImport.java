package org.linli.equipment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.identity.AuditLog;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetCells;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a community's devices from the .xlsx template: every row is checked by the
 * archive's own rules first, and the devices are written only when no row has a problem
 * (all or nothing), in one batch; each problem is reported with its row and column.
 */
@Service
public class EquipmentImport {

	static final int MAX_ROWS = 5_000;

	static final List<String> COLUMNS = List.of("code", "name", "category", "brand", "model", "serialNumber",
			"location", "installDate", "warrantyUntil", "price", "status", "contractorName", "licenceNumber",
			"licenceExpiry");

	private final EquipmentService equipment;

	private final JdbcTemplate jdbc;

	private final MessageSource messages;

	private final AuditLog audit;

	private final Clock clock;

	EquipmentImport(EquipmentService equipment, JdbcTemplate jdbc, MessageSource messages, AuditLog audit,
			Clock clock) {
		this.equipment = equipment;
		this.jdbc = jdbc;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	public record ImportReport(int imported, int rows, List<RowError> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	/**
	 * The template: a header row, and a second sheet explaining the columns and the
	 * allowed values.
	 */
	public byte[] template() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(msg("equipment.title"));
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.size(); i++) {
				header.createCell(i).setCellValue(column(COLUMNS.get(i)));
				sheet.setColumnWidth(i, 16 * 256);
			}
			Sheet help = workbook.createSheet(msg("equipment.import.helpSheet"));
			Row categories = help.createRow(0);
			categories.createCell(0).setCellValue(column("category"));
			categories.createCell(1)
				.setCellValue(String.join("、",
						DeviceKinds.CATEGORIES.stream().map((c) -> msg("equipment.category." + c)).toList()));
			Row statuses = help.createRow(1);
			statuses.createCell(0).setCellValue(column("status"));
			statuses.createCell(1)
				.setCellValue(String.join("、",
						DeviceKinds.STATUSES.stream().map((c) -> msg("equipment.status." + c)).toList()));
			Row dates = help.createRow(2);
			dates.createCell(0).setCellValue(column("installDate"));
			dates.createCell(1).setCellValue(msg("equipment.import.dates"));
			Row elevators = help.createRow(3);
			elevators.createCell(0).setCellValue(column("licenceNumber"));
			elevators.createCell(1).setCellValue(msg("equipment.licenceHelp"));
			help.setColumnWidth(0, 18 * 256);
			help.setColumnWidth(1, 80 * 256);
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@Transactional
	@PreAuthorize(EquipmentService.WRITE)
	public ImportReport importDevices(long communityId, InputStream file) {
		this.equipment.requireCommunity(communityId);
		List<Object[]> inserts = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Set<String> existing = new HashSet<>(
				this.jdbc.queryForList("SELECT code FROM equipment WHERE community_id = ?", String.class, communityId));
		Set<String> seen = new HashSet<>();
		int rows = 0;
		Instant now = Instant.now(this.clock);
		try (Workbook workbook = new XSSFWorkbook(file)) {
			Sheet sheet = workbook.getSheetAt(0);
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || blank(row)) {
					continue;
				}
				if (++rows > MAX_ROWS) {
					throw InvalidInputException.field("file", "estate.import.tooManyRows", MAX_ROWS);
				}
				Checks checks = new Checks();
				String category = choice(text(row, 2), "equipment.category.", DeviceKinds.CATEGORIES, "category",
						checks);
				String status = choice(text(row, 10), "equipment.status.", DeviceKinds.STATUSES, "status", checks);
				LocalDate installed = date(row, 7, "installDate", checks);
				LocalDate warranty = date(row, 8, "warrantyUntil", checks);
				LocalDate expiry = date(row, 13, "contractor.licenceExpiry", checks);
				BigDecimal price = decimal(text(row, 9), checks);
				String contractor = text(row, 11);
				String licence = text(row, 12);
				EquipmentService.EquipmentCommand command = new EquipmentService.EquipmentCommand(text(row, 0),
						text(row, 1), (category != null) ? category : (text(row, 2) == null ? null : "?"), text(row, 3),
						text(row, 4), text(row, 5), text(row, 6), null, installed, null, warranty, price, status, null,
						(contractor == null && licence == null && expiry == null) ? null
								: new EquipmentService.Contractor(contractor, licence, expiry));
				if (!checks.has("category")) {
					this.equipment.rules(communityId, command)
						.problems()
						.stream()
						.filter((p) -> !"?".equals(command.category()) || !"category".equals(p.field()))
						.forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
				}
				String code = (command.code() != null) ? command.code().trim() : null;
				if (code != null && existing.contains(code)) {
					checks.add("code", "equipment.codeTaken", code);
				}
				else if (code != null && !seen.add(code)) {
					checks.add("code", "estate.import.duplicateInFile", code);
				}
				if (checks.isEmpty()) {
					inserts.add(EquipmentService.values(communityId, command, EquipmentService.token(), now));
				}
				else {
					int excelRow = r + 1;
					checks.problems()
						.forEach((p) -> errors.add(new RowError(excelRow, p.field(), column(p.field()), this.messages
							.getMessage(p.messageKey(), p.args(), p.messageKey(), LocaleContextHolder.getLocale()))));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw InvalidInputException.field("file", "estate.import.unreadable");
		}
		if (rows == 0) {
			throw InvalidInputException.field("file", "estate.import.empty");
		}
		if (!errors.isEmpty()) {
			return new ImportReport(0, rows, errors);
		}
		this.jdbc.batchUpdate(
				"""
						INSERT INTO equipment (community_id, code, name, category, brand, model, serial_number, location, purchase_date,
						                       install_date, supplier, warranty_until, price, status, responsible_id, contractor_name,
						                       contractor_licence, contractor_licence_expiry, public_token, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				inserts);
		this.audit.record("EQUIPMENT_IMPORTED", "community", communityId, communityId,
				AuditLog.Changes.of().set("devices", inserts.size()));
		return new ImportReport(inserts.size(), rows, List.of());
	}

	private String choice(String value, String prefix, List<String> codes, String field, Checks checks) {
		if (value == null) {
			return null;
		}
		for (String code : codes) {
			if (code.equalsIgnoreCase(value)
					|| value.equals(this.messages.getMessage(prefix + code, null, "", Locale.SIMPLIFIED_CHINESE))
					|| value.equalsIgnoreCase(this.messages.getMessage(prefix + code, null, "", Locale.ENGLISH))) {
				return code;
			}
		}
		checks.add(field, "validation.invalidValue");
		return null;
	}

	private static LocalDate date(Row row, int index, String field, Checks checks) {
		Cell cell = row.getCell(index);
		if (cell == null) {
			return null;
		}
		if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate();
		}
		String text = SheetCells.text(cell);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text.replace('/', '-').replace('.', '-'));
		}
		catch (java.time.format.DateTimeParseException ex) {
			checks.add(field, "validation.invalidValue");
			return null;
		}
	}

	private static BigDecimal decimal(String text, Checks checks) {
		if (text == null) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			checks.add("price", "validation.number");
			return null;
		}
	}

	private static String text(Row row, int index) {
		return SheetCells.text(row.getCell(index));
	}

	private static boolean blank(Row row) {
		for (int i = 0; i < COLUMNS.size(); i++) {
			if (text(row, i) != null) {
				return false;
			}
		}
		return true;
	}

	private String column(String field) {
		String key = switch (field) {
			case "contractor.name", "contractorName" -> "equipment.contractorName";
			case "contractor.licenceNumber", "licenceNumber" -> "equipment.licenceNumber";
			case "contractor.licenceExpiry", "licenceExpiry" -> "equipment.licenceExpiry";
			default -> "equipment." + field;
		};
		return msg(key);
	}

	private String msg(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

}
