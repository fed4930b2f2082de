package org.linli.equipment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.shared.Checks;
import org.linli.shared.Messages;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetImport;

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

	private final Messages messages;

	private final AuditLog audit;

	private final Clock clock;

	EquipmentImport(EquipmentService equipment, JdbcTemplate jdbc, Messages messages, AuditLog audit, Clock clock) {
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
						Arrays.stream(DeviceCategory.values()).map((c) -> msg("equipment.category." + c)).toList()));
			Row statuses = help.createRow(1);
			statuses.createCell(0).setCellValue(column("status"));
			statuses.createCell(1)
				.setCellValue(String.join("、",
						Arrays.stream(DeviceStatus.values()).map((c) -> msg("equipment.status." + c)).toList()));
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
	@PreAuthorize(Access.MANAGERS)
	public ImportReport importDevices(long communityId, InputStream file) {
		this.equipment.requireCommunity(communityId);
		List<SheetImport.SheetRow> rows = SheetImport.read(null, file, COLUMNS.size(), MAX_ROWS, false);
		SheetImport sheet = new SheetImport(this.messages, this::column);
		Set<String> existing = new HashSet<>(
				this.jdbc.queryForList("SELECT code FROM equipment WHERE community_id = ?", String.class, communityId));
		Set<String> seen = new HashSet<>();
		List<Object[]> inserts = new ArrayList<>();
		Instant now = Instant.now(this.clock);
		for (SheetImport.SheetRow row : rows) {
			Checks checks = new Checks();
			DeviceCategory category = row.choice(DeviceCategory.class, "equipment.category.", 2, "category", checks,
					this.messages);
			DeviceStatus status = row.choice(DeviceStatus.class, "equipment.status.", 10, "status", checks,
					this.messages);
			LocalDate installed = row.date(7, "installDate", checks);
			LocalDate warranty = row.date(8, "warrantyUntil", checks);
			LocalDate expiry = row.date(13, "contractor.licenceExpiry", checks);
			BigDecimal price = row.decimal(9, "price", checks);
			String contractor = row.text(11);
			String licence = row.text(12);
			EquipmentService.EquipmentCommand command = new EquipmentService.EquipmentCommand(row.text(0), row.text(1),
					category, row.text(3), row.text(4), row.text(5), row.text(6), null, installed, null, warranty,
					price, status, null, (contractor == null && licence == null && expiry == null) ? null
							: new EquipmentService.Contractor(contractor, licence, expiry));
			// the archive's own rules, for what could be read
			this.equipment.rules(communityId, command)
				.problems()
				.stream()
				.filter((p) -> !checks.has(p.field()))
				.forEach((p) -> checks.add(p.field(), p.messageKey(), p.args()));
			String code = (command.code() != null) ? command.code().trim() : null;
			if (code != null && existing.contains(code)) {
				checks.add("code", "equipment.codeTaken", code);
			}
			else if (code != null && !seen.add(code)) {
				checks.add("code", "estate.import.duplicateInFile", code);
			}
			if (sheet.accept(row, checks)) {
				inserts.add(EquipmentService.values(communityId, command, EquipmentService.token(), now));
			}
		}
		if (!sheet.ok()) {
			return new ImportReport(0, rows.size(), sheet.errors());
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
		return new ImportReport(inserts.size(), rows.size(), List.of());
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
		return this.messages.get(key);
	}

}
