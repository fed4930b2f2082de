package org.linli.equipment.internal;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.equipment.FaultReported;
import org.linli.equipment.RepairRecords;
import org.linli.estate.Estate;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffDirectory;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The equipment archive (设备档案): devices per community with a code unique in it, their
 * contractor (an elevator's must hold a licence), search, history, the compliance view,
 * and the public page behind each device's QR label.
 */
@Service
@Transactional(readOnly = true)
public class EquipmentService {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final StaffDirectory staff;

	private final AuditLog audit;

	private final Clock clock;

	private final PublicReportLimits limits;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<RepairRecords> repairs;

	EquipmentService(JdbcClient jdbc, CurrentStaff current, Estate estate, StaffDirectory staff, AuditLog audit,
			Clock clock, PublicReportLimits limits, ApplicationEventPublisher events,
			ObjectProvider<RepairRecords> repairs) {
		this.events = events;
		this.repairs = repairs;
		this.limits = limits;
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.staff = staff;
		this.audit = audit;
		this.clock = clock;
	}

	public record Contractor(String name, String licenceNumber, LocalDate licenceExpiry) {
	}

	public record EquipmentCommand(String code, String name, DeviceCategory category, String brand, String model,
			String serialNumber, String location, LocalDate purchaseDate, LocalDate installDate, String supplier,
			LocalDate warrantyUntil, BigDecimal price, DeviceStatus status, Long responsibleId, Contractor contractor) {
	}

	public record EquipmentView(long id, long communityId, String code, String name, DeviceCategory category,
			String brand, String model, String serialNumber, String location, LocalDate purchaseDate,
			LocalDate installDate, String supplier, LocalDate warrantyUntil, BigDecimal price, DeviceStatus status,
			Long responsibleId, String responsible, Contractor contractor, String publicToken) {
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	@SqlRead
	public PageView<EquipmentView> list(long communityId, String q, DeviceCategory category, DeviceStatus status,
			int page, int size) {
		return list(communityId, q, category, status, page, size, null, null);
	}

	private static final Map<String, String> SORTS = Map.of("code", "e.code", "name", "e.name", "category",
			"e.category, e.code", "status", "e.status", "location", "e.location", "warrantyUntil", "e.warranty_until");

	/** The same, sorted by code, name, category, status, location or warrantyUntil. */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	@SqlRead
	public PageView<EquipmentView> list(long communityId, String q, DeviceCategory category, DeviceStatus status,
			int page, int size, String sort, String dir) {
		requireCommunity(communityId);
		PageQuery query = new PageQuery(page, size, sort, dir);
		PageView<EquipmentView> rows = filtered(communityId, q, category, status)
			.orderBy(query, SORTS, "category", false, "e.id")
			.page(this.jdbc, COLUMNS, query, this::row);
		return new PageView<>(named(rows.content()), rows.page(), rows.size(), rows.totalElements(), rows.totalPages());
	}

	/** Every device the filters select, unpaged (the Excel export). */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<EquipmentView> matching(long communityId, String q, DeviceCategory category, DeviceStatus status) {
		requireCommunity(communityId);
		return named(filtered(communityId, q, category, status).orderBy("e.category, e.code, e.id")
			.list(this.jdbc, COLUMNS, this::row));
	}

	private static SqlList filtered(long communityId, String q, DeviceCategory category, DeviceStatus status) {
		return SqlList.from("FROM equipment e")
			.where("e.community_id = :community")
			.param("community", communityId)
			.when(q, "(e.code ILIKE :q OR e.name ILIKE :q OR e.location ILIKE :q OR e.serial_number ILIKE :q)", "q",
					(q != null) ? "%" + q.trim().replace("%", "\\%").replace("_", "\\_") + "%" : null)
			.when(category, "e.category = :category", "category")
			.when(status, "e.status = :status", "status");
	}

	/** Every device of a community (for exports and pickers). */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<EquipmentView> all(long communityId) {
		requireCommunity(communityId);
		return named(this.jdbc.sql(SELECT + " WHERE e.community_id = ? ORDER BY e.category, e.code")
			.param(communityId)
			.query(this::row)
			.list());
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public EquipmentView get(long id) {
		EquipmentView view = find(id);
		this.current.requireCommunity(view.communityId(), "equipment", id);
		return view;
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public EquipmentView create(long communityId, EquipmentCommand command) {
		requireCommunity(communityId);
		check(communityId, command);
		Instant now = Instant.now(this.clock);
		long id;
		try {
			id = this.jdbc
				.sql("""
						INSERT INTO equipment (community_id, code, name, category, brand, model, serial_number, location, purchase_date,
						                       install_date, supplier, warranty_until, price, status, responsible_id, contractor_name,
						                       contractor_licence, contractor_licence_expiry, public_token, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
				.params(values(communityId, command, token(), now))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInputException.conflict("code", "equipment.codeTaken", command.code().trim());
		}
		this.audit.record("EQUIPMENT_CREATED", "equipment", id, communityId,
				AuditLog.Changes.of().set("code", command.code().trim()).set("name", command.name().trim()));
		return find(id);
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public EquipmentView update(long id, EquipmentCommand command) {
		EquipmentView before = get(id);
		check(before.communityId(), command);
		try {
			this.jdbc
				.sql("""
						UPDATE equipment SET code = ?, name = ?, category = ?, brand = ?, model = ?, serial_number = ?, location = ?,
						       purchase_date = ?, install_date = ?, supplier = ?, warranty_until = ?, price = ?, status = ?,
						       responsible_id = ?, contractor_name = ?, contractor_licence = ?, contractor_licence_expiry = ?,
						       updated_at = ?
						WHERE id = ?""")
				.params(update(command, id))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInputException.conflict("code", "equipment.codeTaken", command.code().trim());
		}
		EquipmentView after = find(id);
		this.audit.record("EQUIPMENT_UPDATED", "equipment", id, before.communityId(),
				AuditLog.Changes.of()
					.changed("code", before.code(), after.code())
					.changed("status", before.status(), after.status())
					.changed("contractor", before.contractor(), after.contractor()));
		return after;
	}

	/**
	 * The checks of a device: required fields, known category and status, a licence for
	 * an elevator's contractor.
	 */
	private void check(long communityId, EquipmentCommand c) {
		rules(communityId, c).throwIfAny();
	}

	Checks rules(long communityId, EquipmentCommand c) {
		Checks checks = new Checks().required("code", blank(c.code()))
			.required("name", blank(c.name()))
			.required("category", c.category())
			.maxLength("code", c.code(), 40)
			.maxLength("name", c.name(), 100)
			.maxLength("brand", c.brand(), 60)
			.maxLength("model", c.model(), 60)
			.maxLength("serialNumber", c.serialNumber(), 60)
			.maxLength("location", c.location(), 100)
			.maxLength("supplier", c.supplier(), 100);
		if (c.price() != null && (c.price().signum() < 0 || c.price().stripTrailingZeros().scale() > 2)) {
			checks.add("price", "validation.invalidValue");
		}
		if (c.installDate() != null && c.purchaseDate() != null && c.installDate().isBefore(c.purchaseDate())) {
			checks.add("installDate", "equipment.installBeforePurchase");
		}
		if (c.responsibleId() != null
				&& this.staff.staff(c.responsibleId()).filter((s) -> s.worksIn(communityId)).isEmpty()) {
			checks.add("responsibleId", "equipment.unknownStaff", String.valueOf(c.responsibleId()));
		}
		Contractor contractor = c.contractor();
		if (c.category() != null && c.category().isSpecialEquipment()
				&& (contractor == null || blank(contractor.name()) == null || blank(contractor.licenceNumber()) == null
						|| contractor.licenceExpiry() == null)) {
			checks.add("contractor.licenceNumber", "equipment.elevatorNeedsLicence");
		}
		if (contractor != null) {
			checks.maxLength("contractor.name", contractor.name(), 100)
				.maxLength("contractor.licenceNumber", contractor.licenceNumber(), 60);
		}
		return checks;
	}

	public record HistoryEntry(Instant at, HistoryKind kind, String summary, BigDecimal cost, Long refId) {

		public String time() {
			return org.linli.shared.Times.minutes(this.at);
		}

	}

	/**
	 * A device's whole history, newest first: maintenance done, inspections of it, faults
	 * reported.
	 */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<HistoryEntry> history(long id) {
		get(id);
		List<HistoryEntry> entries = new ArrayList<>();
		this.jdbc
			.sql("""
					SELECT t.id, t.completed_at, p.name, t.notes, t.cost FROM maintenance_task t JOIN maintenance_plan p ON p.id = t.plan_id
					WHERE t.equipment_id = ? AND t.completed_at IS NOT NULL""")
			.param(id)
			.query((rs,
					n) -> entries.add(new HistoryEntry(rs.getTimestamp(2).toInstant(), HistoryKind.MAINTENANCE,
							rs.getString(3) + ((rs.getString(4) != null) ? "：" + rs.getString(4) : ""),
							rs.getBigDecimal(5), rs.getLong(1))))
			.list();
		this.jdbc.sql("""
				SELECT r.id, r.recorded_at, c.name, r.normal, r.note FROM inspection_result r
				JOIN inspection_checkpoint c ON c.id = r.checkpoint_id WHERE c.equipment_id = ?""")
			.param(id)
			.query((rs, n) -> entries.add(new HistoryEntry(rs.getTimestamp(2).toInstant(),
					rs.getBoolean(4) ? HistoryKind.INSPECTION : HistoryKind.INSPECTION_ABNORMAL,
					rs.getString(3) + ((rs.getString(5) != null) ? "：" + rs.getString(5) : ""), null, rs.getLong(1))))
			.list();
		this.jdbc.sql("SELECT id, created_at, source, description FROM equipment_fault WHERE equipment_id = ?")
			.param(id)
			.query((rs,
					n) -> entries.add(new HistoryEntry(rs.getTimestamp(2).toInstant(),
							FaultSource.valueOf(rs.getString(3)).historyKind(), rs.getString(4), null, rs.getLong(1))))
			.list();
		RepairRecords records = this.repairs.getIfAvailable();
		if (records != null) {
			for (RepairRecords.Repair repair : records.ofDevice(id)) {
				entries.add(new HistoryEntry(repair.at(), HistoryKind.REPAIR,
						repair.number() + "：" + repair.description(), repair.cost(), repair.workOrderId()));
			}
		}
		entries.sort(java.util.Comparator.comparing(HistoryEntry::at).reversed());
		return entries;
	}

	public record ElevatorState(long id, String code, String name, String location, LocalDate lastMaintained,
			long daysSince, boolean overdue) {
	}

	public record Uninspected(long id, String code, String name, String location) {
	}

	public record LicenceState(long id, String code, String name, String contractor, String licence, LocalDate expiry,
			boolean expired) {
	}

	public record Compliance(long communityId, LocalDate today, List<ElevatorState> elevators,
			List<Uninspected> fireNotInspected, List<LicenceState> licences) {
	}

	/**
	 * The compliance view: every elevator's last maintenance (red after 15 days, or
	 * never), fire equipment neither inspected nor maintained this month, contractor
	 * licences expired or expiring within 30 days.
	 */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public Compliance compliance(long communityId) {
		requireCommunity(communityId);
		LocalDate today = LocalDate.now(this.clock);
		List<ElevatorState> elevators = this.jdbc
			.sql("""
					SELECT e.id, e.code, e.name, e.location,
					       (SELECT max(t.completed_at) FROM maintenance_task t WHERE t.equipment_id = e.id) AS last
					FROM equipment e WHERE e.community_id = ? AND e.category = 'ELEVATOR' AND e.status <> 'SCRAPPED' ORDER BY e.code""")
			.param(communityId)
			.query((rs, n) -> {
				Timestamp last = rs.getTimestamp("last");
				LocalDate day = (last != null) ? Times.date(last.toInstant()) : null;
				long since = (day != null) ? java.time.temporal.ChronoUnit.DAYS.between(day, today) : -1;
				return new ElevatorState(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
						rs.getString("location"), day, since, day == null || since > Schedules.ELEVATOR_MAX_DAYS);
			})
			.list();
		Timestamp monthStart = Timestamp.from(Times.startOf(today.withDayOfMonth(1)));
		List<Uninspected> fire = this.jdbc
			.sql("""
					SELECT e.id, e.code, e.name, e.location FROM equipment e
					WHERE e.community_id = ? AND e.category = 'FIRE' AND e.status <> 'SCRAPPED'
					  AND NOT EXISTS (SELECT 1 FROM inspection_result r JOIN inspection_checkpoint c ON c.id = r.checkpoint_id
					                  WHERE c.equipment_id = e.id AND r.recorded_at >= ?)
					  AND NOT EXISTS (SELECT 1 FROM maintenance_task t WHERE t.equipment_id = e.id AND t.completed_at >= ?)
					ORDER BY e.code""")
			.params(communityId, monthStart, monthStart)
			.query((rs, n) -> new Uninspected(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		List<LicenceState> licences = this.jdbc
			.sql("""
					SELECT id, code, name, contractor_name, contractor_licence, contractor_licence_expiry FROM equipment
					WHERE community_id = ? AND contractor_licence_expiry IS NOT NULL AND contractor_licence_expiry <= ? AND status <> 'SCRAPPED'
					ORDER BY contractor_licence_expiry, code""")
			.params(communityId, Date.valueOf(today.plusDays(30)))
			.query((rs, n) -> {
				LocalDate expiry = rs.getDate(6).toLocalDate();
				return new LicenceState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), expiry, expiry.isBefore(today));
			})
			.list();
		return new Compliance(communityId, today, elevators, fire, licences);
	}

	public record PublicDevice(String token, String name, String code, String location, String community,
			DeviceCategory category) {
	}

	/** What the QR page shows anyone: the device's name, code and location. */
	public PublicDevice publicDevice(String token) {
		return this.jdbc.sql(
				"SELECT public_token, name, code, location, community_id, category FROM equipment WHERE public_token = ?")
			.param((token != null) ? token : "")
			.query((rs, n) -> new PublicDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					this.estate.nameOf(rs.getLong(5)), DeviceCategory.valueOf(rs.getString(6))))
			.optional()
			.orElseThrow(() -> new NotFoundException("equipment", token));
	}

	/**
	 * A fault reported on a QR page, and the follow-up code its reporter checks the
	 * repair's progress with (kept only as a hash).
	 */
	public record ReportedFault(long id, String followUpCode) {
	}

	/** A fault reported through the QR page, without signing in. */
	@Transactional
	public ReportedFault reportFault(String token, String description, String reporterName) {
		long[] device = this.jdbc.sql("SELECT id, community_id FROM equipment WHERE public_token = ?")
			.param((token != null) ? token : "")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.optional()
			.orElseThrow(() -> new NotFoundException("equipment", token));
		Checks checks = new Checks().maxLength("description", description, 1000)
			.maxLength("reporterName", reporterName, 64);
		if (blank(description) == null) {
			checks.add("description", "equipment.public.descriptionRequired");
		}
		checks.throwIfAny();
		this.limits.take(AuditLog.clientAddress(), token);
		long id = fault(device[0], device[1], FaultSource.PUBLIC, description.trim(), blank(reporterName), null);
		String code = FollowUpCodes.next();
		this.jdbc.sql("UPDATE equipment_fault SET follow_up_hash = ? WHERE id = ?")
			.params(FollowUpCodes.hash(code), id)
			.update();
		EquipmentView reported = find(device[0]);
		this.events.publishEvent(new FaultReported(id, device[1], device[0], reported.code(), reported.category(),
				description.trim(), blank(reporterName), this.clock.instant()));
		return new ReportedFault(id, code);
	}

	/**
	 * How the repair of a fault reported on this device's QR page is going, by the code
	 * its reporter was given: empty for a code of another device or none (lookups are
	 * rate-limited like reports).
	 */
	public java.util.Optional<RepairRecords.Progress> followUp(String token, String code) {
		long device = this.jdbc.sql("SELECT id FROM equipment WHERE public_token = ?")
			.param((token != null) ? token : "")
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("equipment", token));
		this.limits.takeLookup(AuditLog.clientAddress());
		String normalized = FollowUpCodes.normalize(code);
		if (normalized == null) {
			return java.util.Optional.empty();
		}
		java.util.Optional<Long> fault = this.jdbc
			.sql("SELECT id FROM equipment_fault WHERE follow_up_hash = ? AND equipment_id = ?")
			.params(FollowUpCodes.hash(normalized), device)
			.query(Long.class)
			.optional();
		RepairRecords records = this.repairs.getIfAvailable();
		if (fault.isEmpty() || records == null) {
			return java.util.Optional.empty();
		}
		return java.util.Optional
			.of(records.ofFault(fault.get()).orElse(new RepairRecords.Progress(null, "SUBMITTED", List.of())));
	}

	long fault(long equipmentId, long communityId, FaultSource source, String description, String reporter,
			Long roundId) {
		return this.jdbc
			.sql("""
					INSERT INTO equipment_fault (equipment_id, community_id, source, description, reporter_name, round_id, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(equipmentId, communityId, source.name(), description, reporter, roundId,
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
	}

	EquipmentView find(long id) {
		return named(List.of(this.jdbc.sql(SELECT + " WHERE e.id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("equipment", id)))).get(0);
	}

	@SqlRead
	void requireCommunity(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
	}

	private static final String COLUMNS = """
			SELECT e.id, e.community_id, e.code, e.name, e.category, e.brand, e.model, e.serial_number, e.location, e.purchase_date,
			       e.install_date, e.supplier, e.warranty_until, e.price, e.status, e.responsible_id, e.contractor_name,
			       e.contractor_licence, e.contractor_licence_expiry, e.public_token""";

	private static final String SELECT = COLUMNS + "\nFROM equipment e";

	private EquipmentView row(ResultSet rs, int n) throws SQLException {
		Long responsible = (Long) rs.getObject("responsible_id");
		String contractorName = rs.getString("contractor_name");
		Date expiry = rs.getDate("contractor_licence_expiry");
		return new EquipmentView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("code"),
				rs.getString("name"), DeviceCategory.valueOf(rs.getString("category")), rs.getString("brand"),
				rs.getString("model"), rs.getString("serial_number"), rs.getString("location"),
				date(rs, "purchase_date"), date(rs, "install_date"), rs.getString("supplier"),
				date(rs, "warranty_until"), rs.getBigDecimal("price"), DeviceStatus.valueOf(rs.getString("status")),
				responsible, null,
				(contractorName != null || rs.getString("contractor_licence") != null) ? new Contractor(contractorName,
						rs.getString("contractor_licence"), (expiry != null) ? expiry.toLocalDate() : null) : null,
				rs.getString("public_token"));
	}

	/** The devices with their responsible staff's names, looked up in one query. */
	private List<EquipmentView> named(List<EquipmentView> devices) {
		Map<Long, String> names = this.staff.names(devices.stream().map(EquipmentView::responsibleId).toList());
		return devices.stream()
			.map((e) -> new EquipmentView(e.id(), e.communityId(), e.code(), e.name(), e.category(), e.brand(),
					e.model(), e.serialNumber(), e.location(), e.purchaseDate(), e.installDate(), e.supplier(),
					e.warrantyUntil(), e.price(), e.status(), e.responsibleId(), names.get(e.responsibleId()),
					e.contractor(), e.publicToken()))
			.toList();
	}

	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return (date != null) ? date.toLocalDate() : null;
	}

	static Object[] values(long communityId, EquipmentCommand c, String token, Instant now) {
		Contractor k = c.contractor();
		return new Object[] { communityId, c.code().trim(), c.name().trim(), c.category().name(), blank(c.brand()),
				blank(c.model()), blank(c.serialNumber()), blank(c.location()), sql(c.purchaseDate()),
				sql(c.installDate()), blank(c.supplier()), sql(c.warrantyUntil()), c.price(),
				((c.status() != null) ? c.status() : DeviceStatus.IN_USE).name(), c.responsibleId(),
				(k != null) ? blank(k.name()) : null, (k != null) ? blank(k.licenceNumber()) : null,
				(k != null) ? sql(k.licenceExpiry()) : null, token, Timestamp.from(now), Timestamp.from(now) };
	}

	private Object[] update(EquipmentCommand c, long id) {
		Contractor k = c.contractor();
		return new Object[] { c.code().trim(), c.name().trim(), c.category().name(), blank(c.brand()), blank(c.model()),
				blank(c.serialNumber()), blank(c.location()), sql(c.purchaseDate()), sql(c.installDate()),
				blank(c.supplier()), sql(c.warrantyUntil()), c.price(),
				((c.status() != null) ? c.status() : DeviceStatus.IN_USE).name(), c.responsibleId(),
				(k != null) ? blank(k.name()) : null, (k != null) ? blank(k.licenceNumber()) : null,
				(k != null) ? sql(k.licenceExpiry()) : null, Timestamp.from(Instant.now(this.clock)), id };
	}

	private static Date sql(LocalDate date) {
		return (date != null) ? Date.valueOf(date) : null;
	}

	static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	static String token() {
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
