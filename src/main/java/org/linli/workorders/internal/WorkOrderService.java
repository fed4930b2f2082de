package org.linli.workorders.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.linli.billing.Billing;
import org.linli.billing.ChargeKind;
import org.linli.equipment.Equipment;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderCompleted;
import org.linli.workorders.WorkOrderOpened;
import org.linli.workorders.WorkOrderSource;
import org.linli.workorders.WorkOrderStatus;
import org.linli.workorders.WorkOrderStatus.Step;
import org.linli.workorders.WorkOrders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Repair work orders: the four ways in, every step of {@link WorkOrderStatus}, completion
 * with its charge, the reporter's rating and the manager's call-back, and the reads.
 * <p>
 * Who sees what: dispatchers (managers, customer service) every order of their
 * communities; a technician the orders assigned to them and the pool; a resident the
 * orders they reported and those of the rooms they live in. Anything else is 404.
 */
@Service
@Transactional(readOnly = true)
public class WorkOrderService {

	static final int MAX_PHOTOS = 6;

	private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final Residents residents;

	private final Equipment equipment;

	private final Billing billing;

	private final StaffDirectory staff;

	private final Settings settings;

	private final WorkOrderNotices notices;

	private final AuditLog audit;

	private final PersonalDataCipher cipher;

	private final Messages messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	WorkOrderService(JdbcClient jdbc, CurrentStaff current, Estate estate, Residents residents, Equipment equipment,
			Billing billing, StaffDirectory staff, Settings settings, WorkOrderNotices notices, AuditLog audit,
			PersonalDataCipher cipher, Messages messages, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.residents = residents;
		this.equipment = equipment;
		this.billing = billing;
		this.staff = staff;
		this.settings = settings;
		this.notices = notices;
		this.audit = audit;
		this.cipher = cipher;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	// ---------------------------------------------------------------- the ways in

	/**
	 * A resident's report: in one of their homes (roomId) or in a public area of its
	 * community (area PUBLIC, with a location).
	 */
	public record ResidentReport(Long roomId, Area area, RepairCategory category, String description, String location,
			OffsetDateTime preferredTime) {
	}

	@Transactional
	public WorkOrderView report(long residentId, ResidentReport report) {
		Checks checks = new Checks().required("roomId", report.roomId())
			.required("category", report.category())
			.required("description", blank(report.description()))
			.maxLength("description", report.description(), 1000)
			.maxLength("location", report.location(), 200);
		Area area = (report.area() != null) ? report.area() : Area.IN_HOME;
		if (area == Area.PUBLIC) {
			checks.required("location", blank(report.location()));
		}
		checks.throwIfAny();
		if (!this.residents.roomsOf(residentId, Times.today(this.clock)).contains(report.roomId())) {
			throw new NotFoundException("room", report.roomId());
		}
		RoomRef room = this.estate.room(report.roomId()).orElseThrow(() -> new NotFoundException("room", 0));
		String name = this.residents.names(List.of(residentId)).get(residentId);
		String location = blank(report.location());
		NewOrder order = new NewOrder(room.communityId(), WorkOrderSource.PORTAL, null, area,
				(area == Area.IN_HOME) ? room.id() : null, null, location,
				(area == Area.IN_HOME) ? inHome(room, location) : location, report.category(), Urgency.NORMAL,
				report.description().trim(), instant(report.preferredTime()), residentId, null, name, null, null);
		return get(open(order).orElseThrow());
	}

	/**
	 * Customer service for a caller or walk-in (代客报修): a room, a device or a location
	 * text, with the caller's name and phone.
	 */
	public record StaffReport(Long roomId, Long deviceId, String location, Area area, RepairCategory category,
			Urgency urgency, String description, String reporterName, String reporterPhone,
			OffsetDateTime preferredTime) {
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public WorkOrderView register(long communityId, StaffReport report) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		Checks checks = new Checks().required("category", report.category())
			.required("description", blank(report.description()))
			.maxLength("description", report.description(), 1000)
			.maxLength("location", report.location(), 200)
			.maxLength("reporterName", report.reporterName(), 64)
			.maxLength("reporterPhone", report.reporterPhone(), 20);
		if (report.roomId() == null && report.deviceId() == null && blank(report.location()) == null) {
			checks.add("roomId", "workorders.place.required");
		}
		String phone = null;
		if (blank(report.reporterPhone()) != null) {
			phone = PhoneNumbers.normalize(report.reporterPhone());
			if (phone == null) {
				checks.add("reporterPhone", "validation.phone");
			}
		}
		checks.throwIfAny();
		RoomRef room = null;
		if (report.roomId() != null) {
			room = this.estate.room(report.roomId())
				.filter((r) -> r.communityId() == communityId)
				.orElseThrow(() -> InvalidInputException.field("roomId", "workorders.room.notInCommunity"));
		}
		Equipment.DeviceRef device = null;
		if (report.deviceId() != null) {
			device = this.equipment.device(report.deviceId())
				.filter((d) -> d.communityId() == communityId)
				.orElseThrow(() -> InvalidInputException.field("deviceId", "workorders.device.notInCommunity"));
		}
		Area area = (report.area() != null) ? report.area() : ((room != null) ? Area.IN_HOME : Area.PUBLIC);
		if (area == Area.IN_HOME && room == null) {
			throw InvalidInputException.field("roomId", "validation.required");
		}
		String place = (device != null) ? devicePlace(device)
				: (room != null && area == Area.IN_HOME) ? inHome(room, blank(report.location()))
						: (blank(report.location()) != null) ? report.location().trim() : room.code();
		NewOrder order = new NewOrder(communityId, WorkOrderSource.STAFF, null, area, (room != null) ? room.id() : null,
				(device != null) ? device.id() : null, blank(report.location()), place, report.category(),
				(report.urgency() != null) ? report.urgency() : Urgency.NORMAL, report.description().trim(),
				instant(report.preferredTime()), null, null, blank(report.reporterName()), phone, null);
		return get(open(order).orElseThrow());
	}

	/**
	 * A fault reported on a device's QR page: an order for that device, once per report.
	 */
	@Transactional
	public Optional<Long> fromQrReport(long faultId, long communityId, long deviceId, String description,
			String reporterName) {
		Equipment.DeviceRef device = this.equipment.device(deviceId).orElseThrow();
		return open(new NewOrder(communityId, WorkOrderSource.QR, "fault:" + faultId, Area.PUBLIC, null, deviceId, null,
				devicePlace(device), RepairCategory.of(device.category()), Urgency.NORMAL, description, null, null,
				null, reporterName, null, null));
	}

	/**
	 * An abnormal inspection checkpoint: an order for its device or place, linked to the
	 * round, once per abnormal result.
	 */
	@Transactional
	public Optional<Long> fromInspection(long communityId, long roundId, long checkpointId, String checkpoint,
			Long deviceId, String note, Long inspectorId) {
		Equipment.DeviceRef device = (deviceId != null) ? this.equipment.device(deviceId).orElse(null) : null;
		String inspector = (inspectorId != null) ? this.staff.names(List.of(inspectorId)).get(inspectorId) : null;
		String description = checkpoint + "：" + note;
		return open(new NewOrder(communityId, WorkOrderSource.INSPECTION, "inspection:" + roundId + ":" + checkpointId,
				Area.PUBLIC, null, (device != null) ? device.id() : null, (device == null) ? checkpoint : null,
				(device != null) ? devicePlace(device) : checkpoint,
				RepairCategory.of((device != null) ? device.category() : null), Urgency.NORMAL,
				(description.length() > 1000) ? description.substring(0, 1000) : description, null, null, inspectorId,
				inspector, null, roundId));
	}

	private record NewOrder(long communityId, WorkOrderSource source, String sourceKey, Area area, Long roomId,
			Long equipmentId, String location, String place, RepairCategory category, Urgency urgency,
			String description, Instant preferredTime, Long reporterResidentId, Long reporterStaffId,
			String reporterName, String reporterPhone, Long roundId) {
	}

	/**
	 * Writes a new order with its number and limits, turns its device UNDER_REPAIR, and
	 * tells the dispatchers; empty when its source key made one before.
	 */
	private Optional<Long> open(NewOrder o) {
		if (o.sourceKey() != null) {
			// the same event delivered twice at once: one waits, then finds the first's
			// order
			this.jdbc.sql("SELECT pg_advisory_xact_lock(7301, hashtext(?))").param(o.sourceKey()).query().singleRow();
		}
		if (o.equipmentId() != null) {
			lockDevice(o.equipmentId());
		}
		if (o.sourceKey() != null && this.jdbc.sql("SELECT 1 FROM work_order WHERE source_key = ?")
			.param(o.sourceKey())
			.query(Integer.class)
			.optional()
			.isPresent()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Sla sla = this.settings.rules(o.communityId()).sla(o.urgency());
		String number = nextNumber(o.communityId(), now);
		Actor actor = (o.source() == WorkOrderSource.STAFF) ? Actor.current() : new Actor(null, null);
		Long id = this.jdbc
			.sql("""
					INSERT INTO work_order (community_id, number, source, source_key, area, room_id, equipment_id, location, place,
					    category, urgency, description, preferred_time, reporter_resident_id, reporter_staff_id, reporter_name,
					    reporter_phone_cipher, status, created_at, created_by, respond_by, resolve_by, inspection_round_id)
					VALUES (:community, :number, :source, :key, :area, :room, :device, :location, :place, :category, :urgency,
					    :description, :preferred, :resident, :staff, :name, :phone, 'SUBMITTED', :now, :by, :respondBy, :resolveBy, :round)
					ON CONFLICT (source_key) DO NOTHING RETURNING id""")
			.param("community", o.communityId())
			.param("number", number)
			.param("source", o.source().name())
			.param("key", o.sourceKey())
			.param("area", o.area().name())
			.param("room", o.roomId())
			.param("device", o.equipmentId())
			.param("location", o.location())
			.param("place", truncate(o.place(), 300))
			.param("category", o.category().name())
			.param("urgency", o.urgency().name())
			.param("description", o.description())
			.param("preferred", timestamp(o.preferredTime()))
			.param("resident", o.reporterResidentId())
			.param("staff", (o.reporterStaffId() != null) ? o.reporterStaffId() : actor.staffId())
			.param("name", o.reporterName())
			.param("phone", (o.reporterPhone() != null) ? this.cipher.encrypt(o.reporterPhone()) : null)
			.param("now", Timestamp.from(now))
			.param("by", byName(actor, o.reporterName()))
			.param("respondBy", Timestamp.from(sla.respondBy(now)))
			.param("resolveBy", Timestamp.from(sla.resolveBy(now)))
			.param("round", o.roundId())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return Optional.empty();
		}
		long stepId = addStep(o.communityId(), id, WorkOrderStatus.SUBMITTED, null, byName(actor, o.reporterName()));
		if (o.equipmentId() != null && this.equipment.repairBegan(o.equipmentId(), number)) {
			this.jdbc.sql("UPDATE work_order SET device_marked = true WHERE id = ?").param(id).update();
		}
		this.audit.record("WORK_ORDER_OPENED", "workOrder", id, o.communityId(),
				AuditLog.Changes.of()
					.set("number", number)
					.set("source", o.source().name())
					.set("category", o.category().name())
					.set("place", o.place()));
		this.events.publishEvent(new WorkOrderOpened(id, o.communityId(), number, o.source(), o.category(), o.urgency(),
				o.roomId(), o.equipmentId()));
		this.notices.opened(o.communityId(), id, stepId, number, o.place(), o.source() != WorkOrderSource.STAFF);
		return Optional.of(id);
	}

	private String nextNumber(long communityId, Instant now) {
		int year = ZonedDateTime.ofInstant(now, Times.zone()).getYear();
		int next = this.jdbc.sql("""
				INSERT INTO work_order_number (community_id, year, last) VALUES (?, ?, 1)
				ON CONFLICT (community_id, year) DO UPDATE SET last = work_order_number.last + 1 RETURNING last""")
			.params(communityId, year)
			.query(Integer.class)
			.single();
		return String.format("BX%d-%05d", year, next);
	}

	/**
	 * A complaint that is really a fault (source COMPLAINT): in the room it names, or at
	 * a location; once per complaint — the same complaint again answers its first order.
	 * An anonymous complaint's order names no reporter.
	 */
	@Transactional
	public WorkOrders.OpenedOrder fromComplaint(WorkOrders.ComplaintRepair repair) {
		Checks checks = new Checks().required("category", repair.category())
			.required("description", blank(repair.description()))
			.maxLength("description", repair.description(), 1000)
			.maxLength("location", repair.location(), 200);
		if (repair.roomId() == null) {
			checks.required("location", blank(repair.location()));
		}
		checks.throwIfAny();
		String key = "complaint:" + repair.complaintId();
		RoomRef room = null;
		if (repair.roomId() != null) {
			room = this.estate.room(repair.roomId())
				.filter((r) -> r.communityId() == repair.communityId())
				.orElseThrow(() -> InvalidInputException.field("roomId", "workorders.room.notInCommunity"));
		}
		Area area = (room != null) ? Area.IN_HOME : Area.PUBLIC;
		String location = blank(repair.location());
		Optional<Long> opened = open(new NewOrder(repair.communityId(), WorkOrderSource.COMPLAINT, key, area,
				(room != null) ? room.id() : null, null, location, (room != null) ? inHome(room, location) : location,
				repair.category(), (repair.urgency() != null) ? repair.urgency() : Urgency.NORMAL,
				repair.description().trim(), null, repair.reporterResidentId(), null, repair.reporterName(), null,
				null));
		long id = opened.orElseGet(() -> this.jdbc.sql("SELECT id FROM work_order WHERE source_key = ?")
			.param(key)
			.query(Long.class)
			.single());
		String number = this.jdbc.sql("SELECT number FROM work_order WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
		return new WorkOrders.OpenedOrder(id, number, opened.isEmpty());
	}

	/** The complaint an order was opened for, from its source key. */
	private static Long complaintOf(String sourceKey) {
		return (sourceKey != null && sourceKey.startsWith("complaint:"))
				? Long.valueOf(sourceKey.substring("complaint:".length())) : null;
	}

	// ---------------------------------------------------------------- steps

	/** The row of an order as a step needs it, locked. */
	private record Locked(long id, long communityId, String number, WorkOrderStatus status, Long assigneeId, Area area,
			Long roomId, Long equipmentId, Long reporterResidentId, boolean deviceMarked, Long chargeBillId,
			RepairCategory category, String place) {
	}

	/**
	 * Orders of one device change its status one at a time: whoever opens, completes or
	 * cancels an order of a device first takes this lock, before any order's row.
	 */
	private void lockDevice(long equipmentId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(7302, ?)").param((int) equipmentId).query().singleRow();
	}

	private Locked lock(long id) {
		this.jdbc.sql("SELECT equipment_id FROM work_order WHERE id = ?")
			.param(id)
			.query((rs, n) -> (Long) rs.getObject(1))
			.optional()
			.flatMap(Optional::ofNullable)
			.ifPresent(this::lockDevice);
		return this.jdbc.sql("""
				SELECT id, community_id, number, status, assignee_id, area, room_id, equipment_id, reporter_resident_id,
				       device_marked, charge_bill_id, category, place
				FROM work_order WHERE id = ? FOR UPDATE""")
			.param(id)
			.query((rs, n) -> new Locked(rs.getLong("id"), rs.getLong("community_id"), rs.getString("number"),
					WorkOrderStatus.valueOf(rs.getString("status")), (Long) rs.getObject("assignee_id"),
					Area.valueOf(rs.getString("area")), (Long) rs.getObject("room_id"),
					(Long) rs.getObject("equipment_id"), (Long) rs.getObject("reporter_resident_id"),
					rs.getBoolean("device_marked"), (Long) rs.getObject("charge_bill_id"),
					RepairCategory.valueOf(rs.getString("category")), rs.getString("place")))
			.optional()
			.orElseThrow(() -> new NotFoundException("workOrder", id));
	}

	/** Locks an order the signed-in staff member may see (404 otherwise). */
	private Locked lockVisible(long id) {
		Locked order = lock(id);
		this.current.requireCommunity(order.communityId(), "workOrder", id);
		Actor actor = Actor.current();
		if (!actor.dispatches() && !order.status().inPool() && !actor.staffId().equals(order.assigneeId())) {
			throw new NotFoundException("workOrder", id);
		}
		return order;
	}

	/** Refuses a step not allowed from the order's state: 409 naming both states. */
	static void requireAllowed(Step step, WorkOrderStatus from) {
		if (!step.allowedFrom(from)) {
			throw InvalidInputException.conflict("status", "workorders.transition.refused",
					new DefaultMessageSourceResolvable("workorders.status." + from.name()),
					new DefaultMessageSourceResolvable("workorders.status." + step.to().name()), from.name(),
					step.to().name());
		}
	}

	/** A dispatcher gives the order to a technician of its community (派单). */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public WorkOrderView assign(long id, Long assigneeId) {
		Locked order = lockVisible(id);
		if (assigneeId == null) {
			throw InvalidInputException.field("assigneeId", "validation.required");
		}
		StaffDirectory.StaffRef technician = this.staff.staff(assigneeId)
			.filter((s) -> s.worksIn(order.communityId()) && s.roles().contains(Role.TECHNICIAN))
			.orElseThrow(() -> InvalidInputException.field("assigneeId", "workorders.assignee.notTechnician"));
		requireAllowed(Step.ASSIGN, order.status());
		this.jdbc.sql("UPDATE work_order SET status = 'ASSIGNED', assignee_id = ? WHERE id = ?")
			.params(technician.id(), id)
			.update();
		long step = addStep(order.communityId(), id, WorkOrderStatus.ASSIGNED, "→ " + technician.name(),
				byName(Actor.current(), null));
		this.audit.record("WORK_ORDER_ASSIGNED", "workOrder", id, order.communityId(),
				AuditLog.Changes.of().changed("assigneeId", order.assigneeId(), technician.id()));
		this.notices.assigned(order.communityId(), id, step, order.number(), order.place(), technician.id());
		this.notices.step(order.communityId(), id, step, order.number(), WorkOrderStatus.ASSIGNED,
				order.reporterResidentId(), null);
		return get(id);
	}

	/** A technician takes an order from the pool (抢单), when the community allows it. */
	@Transactional
	@PreAuthorize(Access.REPAIRS)
	public WorkOrderView take(long id) {
		Locked order = lockVisible(id);
		Actor actor = Actor.current();
		if (!actor.isTechnician()) {
			throw new AccessDeniedException("Only technicians take orders from the pool");
		}
		if (!this.settings.rules(order.communityId()).poolEnabled()) {
			throw InvalidInputException.conflict("status", "workorders.pool.disabled");
		}
		requireAllowed(Step.TAKE, order.status());
		Instant now = this.clock.instant();
		this.jdbc.sql(
				"UPDATE work_order SET status = 'ACCEPTED', assignee_id = ?, responded_at = coalesce(responded_at, ?) WHERE id = ?")
			.params(actor.staffId(), Timestamp.from(now), id)
			.update();
		long step = addStep(order.communityId(), id, WorkOrderStatus.ACCEPTED, null, byName(actor, null));
		this.audit.record("WORK_ORDER_TAKEN", "workOrder", id, order.communityId(),
				AuditLog.Changes.of().set("assigneeId", actor.staffId()));
		this.notices.step(order.communityId(), id, step, order.number(), WorkOrderStatus.ACCEPTED,
				order.reporterResidentId(), null);
		return get(id);
	}

	/**
	 * A step of the order's technician (or a manager for them): accept, start, hold,
	 * resume or return. Hold and return need a note; a returned order goes back to the
	 * pool.
	 */
	@Transactional
	@PreAuthorize(Access.REPAIRS)
	public WorkOrderView advance(long id, Step step, String note) {
		if (step != Step.ACCEPT && step != Step.START && step != Step.HOLD && step != Step.RESUME
				&& step != Step.RETURN) {
			throw new IllegalArgumentException(step.name());
		}
		Locked order = lockVisible(id);
		requireAssigneeOrManager(order);
		Checks checks = new Checks().maxLength("note", note, 1000);
		if (step.needsNote()) {
			checks.required("note", blank(note));
		}
		checks.throwIfAny();
		requireAllowed(step, order.status());
		Instant now = this.clock.instant();
		switch (step) {
			case ACCEPT -> this.jdbc
				.sql("UPDATE work_order SET status = 'ACCEPTED', responded_at = coalesce(responded_at, ?) WHERE id = ?")
				.params(Timestamp.from(now), id)
				.update();
			case RETURN -> this.jdbc.sql("UPDATE work_order SET status = 'RETURNED', assignee_id = NULL WHERE id = ?")
				.param(id)
				.update();
			default ->
				this.jdbc.sql("UPDATE work_order SET status = ? WHERE id = ?").params(step.to().name(), id).update();
		}
		long stepId = addStep(order.communityId(), id, step.to(), blank(note), byName(Actor.current(), null));
		this.audit.record("WORK_ORDER_" + step.name(), "workOrder", id, order.communityId(),
				AuditLog.Changes.of().changed("status", order.status(), step.to()).set("note", blank(note)));
		this.notices.step(order.communityId(), id, stepId, order.number(), step.to(), order.reporterResidentId(), null);
		if (step == Step.RETURN) {
			this.notices.returned(order.communityId(), id, stepId, order.number(), order.place(), blank(note));
		}
		return get(id);
	}

	private void requireAssigneeOrManager(Locked order) {
		Actor actor = Actor.current();
		if (!actor.manages() && !actor.staffId().equals(order.assigneeId())) {
			throw new AccessDeniedException("Not the order's technician");
		}
	}

	/** What a completed repair used, and whether the household pays for it. */
	public record Completion(String note, BigDecimal labour, List<MaterialLine> materials, Boolean chargeable) {
	}

	/** A material used; its unit price may come from the community's price list. */
	public record MaterialLine(String name, BigDecimal quantity, BigDecimal unitPrice) {
	}

	/**
	 * Completes the repair. An in-home repair marked chargeable becomes one bill line for
	 * the room (labour + materials); completing again (a retry) answers the order as it
	 * is and charges nothing twice.
	 */
	@Transactional
	@PreAuthorize(Access.REPAIRS)
	public WorkOrderView complete(long id, Completion completion) {
		Locked order = lockVisible(id);
		requireAssigneeOrManager(order);
		if (order.status() == WorkOrderStatus.COMPLETED || order.status() == WorkOrderStatus.CLOSED) {
			return get(id);
		}
		requireAllowed(Step.COMPLETE, order.status());
		Map<String, Settings.Price> prices = new HashMap<>();
		this.settings.activePrices(order.communityId()).forEach((p) -> prices.put(p.name(), p));
		Checks checks = new Checks().required("note", blank(completion.note()))
			.maxLength("note", completion.note(), 1000);
		BigDecimal labour = (completion.labour() != null) ? completion.labour() : BigDecimal.ZERO;
		checkAmount(checks, "labour", labour);
		List<WorkOrderView.Material> materials = new ArrayList<>();
		List<MaterialLine> lines = (completion.materials() != null) ? completion.materials() : List.of();
		if (lines.size() > 30) {
			checks.add("materials", "workorders.materials.tooMany", 30);
		}
		for (int i = 0; i < lines.size() && i < 30; i++) {
			MaterialLine line = lines.get(i);
			String field = "materials[" + i + "]";
			if (line == null) {
				checks.add(field, "validation.required");
				continue;
			}
			checks.required(field + ".name", blank(line.name()))
				.maxLength(field + ".name", line.name(), 100)
				.required(field + ".quantity", line.quantity());
			BigDecimal unitPrice = line.unitPrice();
			if (unitPrice == null && line.name() != null && prices.containsKey(line.name().trim())) {
				unitPrice = prices.get(line.name().trim()).unitPrice().amount();
			}
			checks.required(field + ".unitPrice", unitPrice);
			if (line.quantity() != null && (line.quantity().signum() <= 0 || line.quantity().scale() > 2
					|| line.quantity().compareTo(new BigDecimal("10000")) >= 0)) {
				checks.add(field + ".quantity", "validation.invalidValue");
			}
			checkAmount(checks, field + ".unitPrice", unitPrice);
			if (!checks.has(field + ".name") && line.quantity() != null && unitPrice != null
					&& !checks.has(field + ".quantity") && !checks.has(field + ".unitPrice")) {
				BigDecimal amount = line.quantity().multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
				materials.add(new WorkOrderView.Material(line.name().trim(), line.quantity(),
						unitPrice.setScale(2, RoundingMode.HALF_UP), amount));
			}
		}
		boolean chargeable = Boolean.TRUE.equals(completion.chargeable());
		if (chargeable && (order.area() != Area.IN_HOME || order.roomId() == null)) {
			checks.add("chargeable", "workorders.charge.publicNever");
		}
		checks.throwIfAny();
		Money materialsTotal = Money
			.of(materials.stream().map(WorkOrderView.Material::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
		Money cost = Money.of(labour).plus(materialsTotal);
		if (chargeable && !cost.isPositive()) {
			throw InvalidInputException.field("chargeable", "workorders.charge.nothing");
		}
		Instant now = this.clock.instant();
		Long billId = null;
		if (chargeable) {
			String description = this.messages.get(Locale.SIMPLIFIED_CHINESE, "workorders.charge.description",
					order.number(),
					this.messages.get(Locale.SIMPLIFIED_CHINESE, "workorders.category." + order.category().name()));
			billId = this.billing
				.charge(new Billing.RoomCharge(order.roomId(), ChargeKind.REPAIR, cost, description, chargeKey(id),
						null))
				.billId();
		}
		for (WorkOrderView.Material m : materials) {
			this.jdbc.sql("""
					INSERT INTO work_order_material (community_id, work_order_id, name, quantity, unit_price, amount)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(order.communityId(), id, m.name(), m.quantity(), m.unitPrice(), m.amount())
				.update();
		}
		this.jdbc
			.sql("""
					UPDATE work_order SET status = 'COMPLETED', completed_at = :now, completion_note = :note, labour = :labour,
					    materials_total = :materials, chargeable = :chargeable, charge_amount = :charge, charge_bill_id = :bill
					WHERE id = :id""")
			.param("now", Timestamp.from(now))
			.param("note", completion.note().trim())
			.param("labour", Money.of(labour).amount())
			.param("materials", materialsTotal.amount())
			.param("chargeable", chargeable)
			.param("charge", chargeable ? cost.amount() : null)
			.param("bill", billId)
			.param("id", id)
			.update();
		long step = addStep(order.communityId(), id, WorkOrderStatus.COMPLETED, completion.note().trim(),
				byName(Actor.current(), null));
		releaseDevice(order);
		this.audit.record("WORK_ORDER_COMPLETED", "workOrder", id, order.communityId(),
				AuditLog.Changes.of()
					.set("labour", Money.of(labour).amount())
					.set("materials", materialsTotal.amount())
					.set("chargeable", chargeable)
					.set("billId", billId));
		this.events.publishEvent(new WorkOrderCompleted(id, order.communityId(), order.number(), order.area(),
				order.roomId(), order.equipmentId(), cost, chargeable ? cost : Money.ZERO, now));
		this.notices.step(order.communityId(), id, step, order.number(), WorkOrderStatus.COMPLETED,
				order.reporterResidentId(), chargeable ? cost : null);
		return get(id);
	}

	static String chargeKey(long id) {
		return "workorder:" + id;
	}

	/**
	 * Staff cancel an order with a reason. A completed order's charge is cancelled with
	 * it (an adjustment row), refused once anything was paid on it.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public WorkOrderView cancel(long id, String note) {
		Locked order = lockVisible(id);
		new Checks().required("note", blank(note)).maxLength("note", note, 1000).throwIfAny();
		requireAllowed(Step.CANCEL, order.status());
		if (order.chargeBillId() != null) {
			// the bill line keeps the reason, as much of it as a line's reason holds
			this.billing.cancelCharge(chargeKey(id), truncate(order.number() + "：" + note.trim(), 200));
		}
		return cancelled(order, note.trim(), byName(Actor.current(), null));
	}

	/** The reporter withdraws their order before work begins. */
	@Transactional
	public WorkOrderView withdraw(long residentId, long id) {
		Locked order = lock(id);
		if (!Long.valueOf(residentId).equals(order.reporterResidentId())) {
			throw new NotFoundException("workOrder", id);
		}
		requireAllowed(Step.WITHDRAW, order.status());
		return cancelled(order, null, this.residents.names(List.of(residentId)).get(residentId));
	}

	private WorkOrderView cancelled(Locked order, String note, String by) {
		this.jdbc.sql("UPDATE work_order SET status = 'CANCELLED', closed_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), order.id())
			.update();
		long step = addStep(order.communityId(), order.id(), WorkOrderStatus.CANCELLED, note, by);
		if (order.status().isOpen()) {
			releaseDevice(order);
		}
		this.audit.record("WORK_ORDER_CANCELLED", "workOrder", order.id(), order.communityId(),
				AuditLog.Changes.of().changed("status", order.status(), WorkOrderStatus.CANCELLED).set("note", note));
		this.notices.step(order.communityId(), order.id(), step, order.number(), WorkOrderStatus.CANCELLED,
				order.reporterResidentId(), null);
		if (order.assigneeId() != null) {
			this.notices.cancelledForTechnician(order.communityId(), order.id(), step, order.number(),
					order.assigneeId());
		}
		return get(order.id());
	}

	/**
	 * The device goes back IN_USE when its repair is over — unless another open order for
	 * it remains, which then carries the mark.
	 */
	private void releaseDevice(Locked order) {
		if (order.equipmentId() == null || !order.deviceMarked()) {
			return;
		}
		this.jdbc.sql("UPDATE work_order SET device_marked = false WHERE id = ?").param(order.id()).update();
		int passed = this.jdbc.sql("""
				UPDATE work_order SET device_marked = true WHERE id = (
				  SELECT id FROM work_order WHERE equipment_id = :device AND id <> :id
				    AND status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')
				  ORDER BY id LIMIT 1)
				AND status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')""")
			.param("device", order.equipmentId())
			.param("id", order.id())
			.update();
		if (passed == 0) {
			this.equipment.repairOver(order.equipmentId(), order.number());
		}
	}

	/**
	 * The reporter (or someone living in the room) rates a completed repair, which closes
	 * it; 1 or 2 stars put it on the manager's call-back list.
	 */
	@Transactional
	public WorkOrderView rate(long residentId, long id, Integer stars, String comment) {
		Locked order = lock(id);
		requireResidentSees(residentId, order);
		Checks checks = new Checks().range("stars", stars, 1, 5).maxLength("comment", comment, 500);
		if (stars == null) {
			checks.add("stars", "workorders.rate.starsRequired");
		}
		checks.throwIfAny();
		requireAllowed(Step.RATE, order.status());
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					UPDATE work_order SET status = 'CLOSED', closed_at = :now, rating = :stars, rating_comment = :comment, rated_at = :now
					WHERE id = :id""")
			.param("now", Timestamp.from(now))
			.param("stars", stars)
			.param("comment", blank(comment))
			.param("id", id)
			.update();
		long step = addStep(order.communityId(), id, WorkOrderStatus.CLOSED, blank(comment),
				this.residents.names(List.of(residentId)).get(residentId));
		if (stars <= 2) {
			this.notices.lowRating(order.communityId(), id, step, order.number(), stars);
		}
		return get(id);
	}

	/**
	 * A call-back (回访) to a resident unhappy with a repair, by a manager or customer
	 * service.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public WorkOrderView callback(long id, String note) {
		Locked order = lockVisible(id);
		new Checks().required("note", blank(note)).maxLength("note", note, 1000).throwIfAny();
		boolean due = this.jdbc.sql("SELECT rating <= 2 AND callback_at IS NULL FROM work_order WHERE id = ?")
			.param(id)
			.query((rs, n) -> rs.getBoolean(1))
			.single();
		if (!due) {
			throw InvalidInputException.conflict("note", "workorders.callback.notDue");
		}
		this.jdbc.sql("UPDATE work_order SET callback_note = ?, callback_at = ?, callback_by = ? WHERE id = ?")
			.params(note.trim(), Timestamp.from(this.clock.instant()), byName(Actor.current(), null), id)
			.update();
		this.audit.record("WORK_ORDER_CALLED_BACK", "workOrder", id, order.communityId(),
				AuditLog.Changes.of().set("note", note.trim()));
		return get(id);
	}

	/**
	 * Closes the orders completed more than seven days ago that nobody rated: answers how
	 * many (one statement; safe to run twice).
	 */
	@Transactional
	public int closeUnrated() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				WITH closed AS (
				  UPDATE work_order SET status = 'CLOSED', closed_at = :now
				  WHERE status = 'COMPLETED' AND completed_at <= :cutoff RETURNING id, community_id)
				INSERT INTO work_order_step (community_id, work_order_id, status, note, by_name, at)
				SELECT community_id, id, 'CLOSED', NULL, NULL, :now FROM closed""")
			.param("now", Timestamp.from(now))
			.param("cutoff", Timestamp.from(now.minus(java.time.Duration.ofDays(7))))
			.update();
	}

	/**
	 * Flags the orders that just went past a limit and tells the community's managers,
	 * once per order: answers how many.
	 */
	@Transactional
	public int flagOverdue() {
		Instant now = this.clock.instant();
		record Late(long id, long communityId, String number, String place) {
		}
		List<Late> late = this.jdbc
			.sql("UPDATE work_order w SET overdue_notified_at = :now WHERE " + Sla.OVERDUE_SQL
					+ " AND w.overdue_notified_at IS NULL RETURNING w.id, w.community_id, w.number, w.place")
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Late(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
		for (Late order : late) {
			this.notices.overdue(order.communityId(), order.id(), order.number(), order.place());
		}
		return late.size();
	}

	private long addStep(long communityId, long orderId, WorkOrderStatus status, String note, String by) {
		return this.jdbc.sql("""
				INSERT INTO work_order_step (community_id, work_order_id, status, note, by_name, at)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, orderId, status.name(), note, truncate(by, 100), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
	}

	// ---------------------------------------------------------------- reads

	/** An order the signed-in staff member may see. */
	@PreAuthorize(Access.REPAIRS)
	public WorkOrderView find(long id) {
		WorkOrderView view = get(id);
		this.current.requireCommunity(view.communityId(), "workOrder", id);
		Actor actor = Actor.current();
		if (!actor.dispatches() && !view.status().inPool() && !actor.staffId().equals(view.assigneeId())) {
			throw new NotFoundException("workOrder", id);
		}
		return view;
	}

	/** An order a resident may see: theirs, or of a room they live in. */
	public WorkOrderView findForResident(long residentId, long id) {
		WorkOrderView view = get(id);
		if (!this.residentSees(residentId, view.roomId(), id)) {
			throw new NotFoundException("workOrder", id);
		}
		// the call-back is the office's own note
		return new WorkOrderView(view.id(), view.number(), view.communityId(), view.roomId(), view.deviceId(),
				view.location(), view.place(), view.source(), view.complaintId(), view.area(), view.category(),
				view.urgency(), view.status(), view.assigneeId(), view.assigneeName(), view.description(),
				view.preferredTime(), view.reporterName(), null, view.createdAt(), view.respondBy(), view.resolveBy(),
				view.overdue(), view.completion(), view.charge(), view.rating(), view.ratingComment(), null,
				view.photos(), view.history());
	}

	/** Whether the signed-in staff member dispatches, or is the order's technician. */
	boolean mayWorkOn(WorkOrderView order) {
		Actor actor = Actor.current();
		return actor.dispatches() || (actor.staffId() != null && actor.staffId().equals(order.assigneeId()));
	}

	/** Whether the resident reported the order (only they add photos or withdraw it). */
	public boolean isReporter(long residentId, long id) {
		return this.jdbc.sql("SELECT 1 FROM work_order WHERE id = ? AND reporter_resident_id = ?")
			.params(id, residentId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	private void requireResidentSees(long residentId, Locked order) {
		if (!residentSees(residentId, order.roomId(), order.id())) {
			throw new NotFoundException("workOrder", order.id());
		}
	}

	/**
	 * The resident reported it, or it is of a room they live in and was reported since
	 * their stay there began.
	 */
	private boolean residentSees(long residentId, Long roomId, long id) {
		record Seen(Long reporter, Instant createdAt) {
		}
		Seen order = this.jdbc.sql("SELECT reporter_resident_id, created_at FROM work_order WHERE id = ?")
			.param(id)
			.query((rs, n) -> new Seen((Long) rs.getObject(1), rs.getTimestamp(2).toInstant()))
			.optional()
			.orElse(null);
		if (order == null) {
			return false;
		}
		if (Long.valueOf(residentId).equals(order.reporter())) {
			return true;
		}
		java.time.LocalDate since = (roomId != null)
				? this.residents.staysOf(residentId, Times.today(this.clock)).get(roomId) : null;
		return since != null && !order.createdAt().isBefore(Times.startOf(since));
	}

	/** The community an order belongs to (for photo checks), 404 when there is none. */
	long communityOf(long id) {
		return this.jdbc.sql("SELECT community_id FROM work_order WHERE id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("workOrder", id));
	}

	WorkOrderView get(long id) {
		Instant now = this.clock.instant();
		Actor actor = Actor.current();
		WorkOrderView base = this.jdbc
			.sql("SELECT w.*, " + Sla.OVERDUE_SQL + " AS overdue FROM work_order w WHERE w.id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> view(rs, actor))
			.optional()
			.orElseThrow(() -> new NotFoundException("workOrder", id));
		List<WorkOrderView.HistoryStep> history = this.jdbc
			.sql("SELECT status, at, by_name, note FROM work_order_step WHERE work_order_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new WorkOrderView.HistoryStep(WorkOrderStatus.valueOf(rs.getString(1)),
					rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)))
			.list();
		List<WorkOrderView.Photo> photos = this.jdbc
			.sql("SELECT id, kind, uploaded_at FROM work_order_photo WHERE work_order_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new WorkOrderView.Photo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		WorkOrderView.Completion completion = base.completion();
		if (completion != null) {
			List<WorkOrderView.Material> materials = this.jdbc.sql(
					"SELECT name, quantity, unit_price, amount FROM work_order_material WHERE work_order_id = ? ORDER BY id")
				.param(id)
				.query((rs, n) -> new WorkOrderView.Material(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
						rs.getBigDecimal(4)))
				.list();
			completion = new WorkOrderView.Completion(completion.note(), completion.labour(), materials,
					completion.total(), completion.completedAt());
		}
		WorkOrderView.Charge charge = base.charge();
		if (charge != null) {
			charge = this.billing.chargeLine(chargeKey(id))
				.map((line) -> new WorkOrderView.Charge(line.amount().amount(), line.billId(), line.status()))
				.orElse(charge);
		}
		String assignee = (base.assigneeId() != null)
				? this.staff.names(List.of(base.assigneeId())).get(base.assigneeId()) : null;
		return new WorkOrderView(base.id(), base.number(), base.communityId(), base.roomId(), base.deviceId(),
				base.location(), base.place(), base.source(), base.complaintId(), base.area(), base.category(),
				base.urgency(), base.status(), base.assigneeId(), assignee, base.description(), base.preferredTime(),
				base.reporterName(), base.reporterPhone(), base.createdAt(), base.respondBy(), base.resolveBy(),
				base.overdue(), completion, charge, base.rating(), base.ratingComment(), base.callback(), photos,
				history);
	}

	private WorkOrderView view(ResultSet rs, Actor actor) throws SQLException {
		String phone = null;
		if (actor.isStaff()) {
			String clear = (rs.getString("reporter_phone_cipher") != null) ? this.cipher.decrypt(rs
				.getString("reporter_phone_cipher")) : (rs.getObject("reporter_resident_id") != null)
						? this.residents.contact(rs.getLong("reporter_resident_id")).map((c) -> c.phone()).orElse(null)
						: null;
			// the technician going to the job calls the reporter; others see it masked
			boolean onTheJob = actor.staffId().equals(rs.getObject("assignee_id", Long.class))
					&& WorkOrderStatus.valueOf(rs.getString("status")).isOpen();
			phone = (clear == null) ? null : (actor.seesPersonalData() || onTheJob) ? clear : Masking.phone(clear);
		}
		WorkOrderView.Completion completion = (rs.getTimestamp("completed_at") != null) ? new WorkOrderView.Completion(
				rs.getString("completion_note"), rs.getBigDecimal("labour"), List.of(),
				Money.of(rs.getBigDecimal("labour")).plus(Money.of(rs.getBigDecimal("materials_total"))).amount(),
				rs.getTimestamp("completed_at").toInstant()) : null;
		WorkOrderView.Charge charge = (rs.getObject("charge_bill_id") != null)
				? new WorkOrderView.Charge(rs.getBigDecimal("charge_amount"), rs.getLong("charge_bill_id"), null)
				: null;
		WorkOrderView.Callback callback = (rs.getTimestamp("callback_at") != null)
				? new WorkOrderView.Callback(rs.getString("callback_note"), rs.getTimestamp("callback_at").toInstant(),
						rs.getString("callback_by"))
				: null;
		return new WorkOrderView(rs.getLong("id"), rs.getString("number"), rs.getLong("community_id"),
				(Long) rs.getObject("room_id"), (Long) rs.getObject("equipment_id"), rs.getString("location"),
				rs.getString("place"), WorkOrderSource.valueOf(rs.getString("source")),
				complaintOf(rs.getString("source_key")), Area.valueOf(rs.getString("area")),
				RepairCategory.valueOf(rs.getString("category")), Urgency.valueOf(rs.getString("urgency")),
				WorkOrderStatus.valueOf(rs.getString("status")), (Long) rs.getObject("assignee_id"), null,
				rs.getString("description"), instant(rs, "preferred_time"), rs.getString("reporter_name"), phone,
				instant(rs, "created_at"), instant(rs, "respond_by"), instant(rs, "resolve_by"),
				rs.getBoolean("overdue"), completion, charge, (Integer) rs.getObject("rating", Integer.class),
				rs.getString("rating_comment"), callback, List.of(), List.of());
	}

	/** One line of a list of orders. */
	public record Row(long id, String number, String place, WorkOrderSource source, RepairCategory category,
			Urgency urgency, WorkOrderStatus status, Long assigneeId, String assigneeName, Instant createdAt,
			Instant resolveBy, boolean overdue, Integer rating, boolean callbackDue) {

		public String created() {
			return Times.minutes(this.createdAt);
		}

		public String resolveByTime() {
			return Times.minutes(this.resolveBy);
		}

	}

	/** The filters of a community's list. */
	public record Filter(WorkOrderStatus status, Long assigneeId, Boolean overdue, WorkOrderSource source,
			RepairCategory category, Boolean callbackDue, String q, Boolean open, Boolean pool) {

		public static Filter none() {
			return new Filter(null, null, null, null, null, null, null, null, null);
		}

	}

	private static final Map<String, String> SORTS = Map.of("number", "w.id", "createdAt", "w.created_at", "resolveBy",
			"w.resolve_by", "status",
			"CASE w.status WHEN 'SUBMITTED' THEN 0 WHEN 'RETURNED' THEN 1 WHEN 'ASSIGNED' THEN 2 WHEN 'ACCEPTED' THEN 3 "
					+ "WHEN 'IN_PROGRESS' THEN 4 WHEN 'ON_HOLD' THEN 5 WHEN 'COMPLETED' THEN 6 WHEN 'CLOSED' THEN 7 ELSE 8 END",
			"category", "w.category", "urgency",
			"CASE w.urgency WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END");

	private static final String ROW = "SELECT w.id, w.number, w.place, w.source, w.category, w.urgency, w.status, "
			+ "w.assignee_id, w.created_at, w.resolve_by, w.rating, w.callback_at, " + Sla.OVERDUE_SQL + " AS overdue";

	/**
	 * A community's orders, newest first by default; a technician who does not dispatch
	 * sees only theirs and the pool.
	 */
	@PreAuthorize(Access.REPAIRS)
	@SqlRead
	public PageView<Row> list(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		PageView<Row> page = filtered(communityId, filter).orderBy(query, SORTS, "createdAt", true, "w.id DESC")
			.page(this.jdbc, ROW, query, this::row);
		return new PageView<>(named(page.content()), page.page(), page.size(), page.totalElements(), page.totalPages());
	}

	/** Every order the list's filters select, in its order (for the export). */
	@SqlRead
	@PreAuthorize(Access.REPAIRS)
	public List<Row> all(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		return named(filtered(communityId, filter).orderBy(query, SORTS, "createdAt", true, "w.id DESC")
			.list(this.jdbc, ROW, this::row));
	}

	private SqlList filtered(long communityId, Filter filter) {
		Actor actor = Actor.current();
		SqlList list = SqlList.from("FROM work_order w")
			.where("w.community_id = :community")
			.param("community", communityId)
			.param("now", Timestamp.from(this.clock.instant()))
			.when(filter.status(), "w.status = :status", "status")
			.when(filter.assigneeId(), "w.assignee_id = :assignee", "assignee")
			.when(filter.source(), "w.source = :source", "source")
			.when(filter.category(), "w.category = :category", "category")
			.when(Boolean.TRUE.equals(filter.overdue()), Sla.OVERDUE_SQL)
			.when(Boolean.FALSE.equals(filter.overdue()), "NOT " + Sla.OVERDUE_SQL)
			.when(Boolean.TRUE.equals(filter.callbackDue()), "w.rating <= 2 AND w.callback_at IS NULL")
			.when(Boolean.TRUE.equals(filter.open()),
					"w.status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')")
			.when(Boolean.TRUE.equals(filter.pool()), "w.status IN ('SUBMITTED','RETURNED')")
			.when(filter.q(), "(w.number ILIKE :q OR w.place ILIKE :q OR w.description ILIKE :q)", "q", "%"
					+ ((filter.q() != null) ? filter.q().trim().replace("%", "\\%").replace("_", "\\_") : "") + "%");
		if (!actor.dispatches()) {
			list.where("(w.assignee_id = :me OR w.status IN ('SUBMITTED','RETURNED'))").param("me", actor.staffId());
		}
		return list;
	}

	/** The technician's own orders (open first) and the pool of their communities. */
	@PreAuthorize(Access.REPAIRS)
	public Mine mine() {
		Actor actor = Actor.current();
		Instant now = this.clock.instant();
		CommunityScope scope = this.current.scope();
		if (!scope.all() && scope.communityIds().isEmpty()) {
			return new Mine(List.of(), List.of());
		}
		List<Row> assigned = named(SqlList.from("FROM work_order w")
			.where("w.assignee_id = :me")
			.param("me", actor.staffId())
			.where("(w.status IN ('ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD') OR (w.status = 'COMPLETED' AND w.completed_at > :since))")
			.param("since", Timestamp.from(now.minus(java.time.Duration.ofDays(3))))
			.param("now", Timestamp.from(now))
			.when(!scope.all(), "w.community_id IN (:communities)")
			.param("communities", List.copyOf(scope.communityIds()))
			.orderBy("CASE w.status WHEN 'COMPLETED' THEN 1 ELSE 0 END, w.resolve_by, w.id")
			.list(this.jdbc, ROW, this::row));
		List<Row> pool = named(SqlList.from("FROM work_order w")
			.where("w.status IN ('SUBMITTED','RETURNED')")
			.param("now", Timestamp.from(now))
			.when(!scope.all(), "w.community_id IN (:communities)")
			.param("communities", List.copyOf(scope.communityIds()))
			.orderBy("CASE w.urgency WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END, w.id")
			.page(this.jdbc, ROW, new PageQuery(0, 100, null, null), this::row)
			.content());
		return new Mine(assigned, pool);
	}

	public record Mine(List<Row> assigned, List<Row> pool) {
	}

	/**
	 * The orders a resident reported or that concern the rooms they live in, newest
	 * first.
	 */
	public PageView<Row> ofResident(long residentId, PageQuery query) {
		// the rooms they live in, from the day their stay began: not earlier occupants'
		// repairs
		List<Map.Entry<Long, java.time.LocalDate>> stays = List
			.copyOf(this.residents.staysOf(residentId, Times.today(this.clock)).entrySet());
		StringBuilder theirs = new StringBuilder("(w.reporter_resident_id = :resident");
		SqlList list = SqlList.from("FROM work_order w")
			.param("resident", residentId)
			.param("now", Timestamp.from(this.clock.instant()));
		for (int i = 0; i < stays.size(); i++) {
			theirs.append(" OR (w.room_id = :room")
				.append(i)
				.append(" AND w.created_at >= :since")
				.append(i)
				.append(')');
			list.param("room" + i, stays.get(i).getKey())
				.param("since" + i, Timestamp.from(Times.startOf(stays.get(i).getValue())));
		}
		return list.where(theirs.append(')').toString()).orderBy("w.id DESC").page(this.jdbc, ROW, query, this::row);
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("number"), rs.getString("place"),
				WorkOrderSource.valueOf(rs.getString("source")), RepairCategory.valueOf(rs.getString("category")),
				Urgency.valueOf(rs.getString("urgency")), WorkOrderStatus.valueOf(rs.getString("status")),
				(Long) rs.getObject("assignee_id"), null, instant(rs, "created_at"), instant(rs, "resolve_by"),
				rs.getBoolean("overdue"), (Integer) rs.getObject("rating", Integer.class),
				rs.getObject("rating") != null && rs.getInt("rating") <= 2 && rs.getTimestamp("callback_at") == null);
	}

	private List<Row> named(List<Row> rows) {
		Map<Long, String> names = this.staff.names(rows.stream().map(Row::assigneeId).toList());
		return rows.stream()
			.map((r) -> new Row(r.id(), r.number(), r.place(), r.source(), r.category(), r.urgency(), r.status(),
					r.assigneeId(), names.get(r.assigneeId()), r.createdAt(), r.resolveBy(), r.overdue(), r.rating(),
					r.callbackDue()))
			.toList();
	}

	// ---------------------------------------------------------------- helpers

	private static void checkAmount(Checks checks, String field, BigDecimal value) {
		if (value != null && (value.signum() < 0 || value.scale() > 2 || value.compareTo(MAX_AMOUNT) >= 0)) {
			checks.add(field, "validation.invalidValue");
		}
	}

	/** A room's code, and where in it when the reporter said. */
	private static String inHome(RoomRef room, String location) {
		return (location != null) ? room.code() + "（" + location + "）" : room.code();
	}

	private static String devicePlace(Equipment.DeviceRef device) {
		return device.code() + " " + device.name() + ((device.location() != null) ? "（" + device.location() + "）" : "");
	}

	private static String byName(Actor actor, String fallback) {
		if (actor.isStaff()) {
			return actor.staff().getDisplayName();
		}
		return fallback;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
