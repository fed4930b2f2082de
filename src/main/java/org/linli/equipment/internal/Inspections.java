package org.linli.equipment.internal;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linli.equipment.InspectionAbnormal;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.identity.StaffUser;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inspection plans (巡检计划): a route of ordered checkpoints (a device or a place) with
 * check items, a frequency and a time window; rounds (巡检任务) are created per window and
 * assigned; an inspector records each checkpoint as normal or abnormal, and an abnormal
 * one publishes {@link InspectionAbnormal} and records a fault on the device. A round not
 * finished by the end of its window is missed (漏检).
 */
@Service
@Transactional(readOnly = true)
public class Inspections {

	static final int HORIZON_DAYS = 7;

	/** The longest day range the rounds list covers at once. */
	static final int MAX_RANGE_DAYS = 62;

	private final JdbcClient jdbc;

	private final EquipmentService equipment;

	private final CurrentStaff current;

	private final StaffDirectory staff;

	private final AuditLog audit;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EquipmentFiles files;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	Inspections(org.springframework.jdbc.core.JdbcTemplate template, JdbcClient jdbc, EquipmentService equipment,
			CurrentStaff current, StaffDirectory staff, AuditLog audit, JsonMapper json,
			ApplicationEventPublisher events, Clock clock, EquipmentFiles files) {
		this.files = files;
		this.template = template;
		this.jdbc = jdbc;
		this.equipment = equipment;
		this.current = current;
		this.staff = staff;
		this.audit = audit;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	public record CheckpointCommand(String name, Long equipmentId, List<String> items) {
	}

	public record PlanCommand(String name, Schedules.Frequency frequency, LocalTime windowStart, LocalTime windowEnd,
			Long assigneeId, LocalDate startDate, List<CheckpointCommand> checkpoints) {
	}

	public record CheckpointView(long id, int seq, String name, Long equipmentId, String equipmentCode,
			List<String> items) {
	}

	public record PlanView(long id, long communityId, String name, Schedules.Frequency frequency, LocalTime windowStart,
			LocalTime windowEnd, Long assigneeId, String assignee, LocalDate startDate,
			List<CheckpointView> checkpoints) {
	}

	public record ResultView(long id, long checkpointId, boolean normal, String note, Instant at, List<Long> photos) {
	}

	public record RoundView(long id, long planId, String plan, long communityId, Long assigneeId, String assignee,
			Instant startsAt, Instant endsAt, Instant completedAt, RoundStatus status, List<CheckpointView> checkpoints,
			List<ResultView> results) {

		public String window() {
			return Times.minutes(this.startsAt) + " – " + Times.minutes(this.endsAt).substring(11);
		}

		public ResultView resultOf(long checkpointId) {
			return this.results.stream().filter((r) -> r.checkpointId() == checkpointId).findFirst().orElse(null);
		}

	}

	@SqlRead
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<PlanView> plans(long communityId) {
		this.equipment.requireCommunity(communityId);
		return plans(this.jdbc.sql("SELECT id FROM inspection_plan WHERE community_id = ? ORDER BY id")
			.param(communityId)
			.query(Long.class)
			.list());
	}

	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public PlanView create(long communityId, PlanCommand command) {
		this.equipment.requireCommunity(communityId);
		Checks checks = new Checks().required("name", EquipmentService.blank(command.name()))
			.maxLength("name", command.name(), 100)
			.required("frequency", command.frequency())
			.required("windowStart", command.windowStart())
			.required("windowEnd", command.windowEnd())
			.required("startDate", command.startDate());
		Schedules.checkStart("startDate", command.startDate(), LocalDate.now(this.clock), checks);
		if (command.windowStart() != null && command.windowEnd() != null
				&& !command.windowEnd().isAfter(command.windowStart())) {
			checks.add("windowEnd", "equipment.inspection.windowOrder");
		}
		if (EquipmentService.blank(command.name()) != null && this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM inspection_plan WHERE community_id = ? AND name = ? AND active)")
			.params(communityId, command.name().trim())
			.query(Boolean.class)
			.single()) {
			checks.add("name", "equipment.inspection.nameTaken", command.name().trim());
		}
		List<CheckpointCommand> points = (command.checkpoints() != null) ? command.checkpoints() : List.of();
		if (points.isEmpty()) {
			checks.add("checkpoints", "equipment.inspection.checkpointsRequired");
		}
		for (int i = 0; i < points.size(); i++) {
			CheckpointCommand p = points.get(i);
			if (EquipmentService.blank(p.name()) == null && p.equipmentId() == null) {
				checks.add("checkpoints[" + i + "].name", "validation.required");
			}
			if (p.items() == null || p.items().stream().allMatch((s) -> s == null || s.isBlank())) {
				checks.add("checkpoints[" + i + "].items", "equipment.inspection.itemsRequired");
			}
			if (p.equipmentId() != null
					&& this.jdbc.sql("SELECT count(*) FROM equipment WHERE id = ? AND community_id = ?")
						.params(p.equipmentId(), communityId)
						.query(Long.class)
						.single() == 0) {
				checks.add("checkpoints[" + i + "].equipmentId", "equipment.unknownDevice",
						String.valueOf(p.equipmentId()));
			}
		}
		if (command.assigneeId() != null
				&& this.staff.staff(command.assigneeId()).filter((s) -> s.worksIn(communityId)).isEmpty()) {
			checks.add("assigneeId", "equipment.unknownStaff", String.valueOf(command.assigneeId()));
		}
		checks.throwIfAny();
		long id = this.jdbc
			.sql("""
					INSERT INTO inspection_plan (community_id, name, frequency, window_start, window_end, assignee_id, start_date, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, command.name().trim(), command.frequency().name(), Time.valueOf(command.windowStart()),
					Time.valueOf(command.windowEnd()), command.assigneeId(), Date.valueOf(command.startDate()), now())
			.query(Long.class)
			.single();
		for (int i = 0; i < points.size(); i++) {
			CheckpointCommand p = points.get(i);
			String name = (EquipmentService.blank(p.name()) != null) ? p.name().trim()
					: this.equipment.find(p.equipmentId()).name();
			this.jdbc.sql(
					"INSERT INTO inspection_checkpoint (plan_id, seq, name, equipment_id, items) VALUES (?, ?, ?, ?, ?)")
				.params(id, i + 1, name, p.equipmentId(),
						this.json.writeValueAsString(
								p.items().stream().filter((s) -> s != null && !s.isBlank()).map(String::trim).toList()))
				.update();
		}
		int rounds = generate(id);
		this.audit.record("INSPECTION_PLAN_CREATED", "inspectionPlan", id, communityId,
				AuditLog.Changes.of()
					.set("name", command.name().trim())
					.set("checkpoints", points.size())
					.set("rounds", rounds));
		return plan(id);
	}

	/**
	 * A plan's rounds up to a week ahead, from the day after its last round: the days no
	 * job ran (a server down, a restore) get their rounds afterwards, shown MISSED once
	 * their window has closed. A new route starts with its first window still open when
	 * it was made. Existing rounds are left alone.
	 */
	@Transactional
	public int generate(long planId) {
		PlanView plan = plan(planId);
		LocalDate today = LocalDate.now(this.clock);
		Instant made = this.jdbc.sql("SELECT created_at FROM inspection_plan WHERE id = ?")
			.param(planId)
			.query(Timestamp.class)
			.single()
			.toInstant();
		LocalDate from = this.jdbc.sql("SELECT max(starts_at) FROM inspection_round WHERE plan_id = ?")
			.param(planId)
			.query(Timestamp.class)
			.optional()
			.map((last) -> LocalDate.ofInstant(last.toInstant(), this.clock.getZone()).plusDays(1))
			.orElse(LocalDate.ofInstant(made, this.clock.getZone()));
		List<Object[]> rows = new ArrayList<>();
		for (Schedules.Window w : Schedules.windows(plan.frequency(), plan.startDate(), plan.windowStart(),
				plan.windowEnd(), from.isAfter(today) ? today : from, today.plusDays(HORIZON_DAYS),
				this.clock.getZone())) {
			if (!w.ends().toInstant().isAfter(made)) {
				continue; // closed before the route existed
			}
			rows.add(new Object[] { planId, plan.communityId(), plan.assigneeId(),
					Timestamp.from(w.starts().toInstant()), Timestamp.from(w.ends().toInstant()), now() });
		}
		return StaffRules.inserted(this.template.batchUpdate("""
				INSERT INTO inspection_round (plan_id, community_id, assignee_id, starts_at, ends_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT inspection_round_once DO NOTHING""", rows));
	}

	/**
	 * Keeps every active route's rounds a week ahead (EquipmentJobs, daily); idempotent.
	 */
	@Transactional
	public int generateAll() {
		int created = 0;
		for (Long plan : this.jdbc.sql("SELECT id FROM inspection_plan WHERE active ORDER BY id")
			.query(Long.class)
			.list()) {
			created += generate(plan);
		}
		return created;
	}

	/**
	 * The signed-in staff member's rounds from yesterday on (an inspector's list on the
	 * phone).
	 */
	@SqlRead
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<RoundView> mine() {
		StaffUser user = this.current.require();
		Instant since = LocalDate.now(this.clock).minusDays(1).atStartOfDay(this.clock.getZone()).toInstant();
		return rounds(this.jdbc.sql(
				"SELECT id FROM inspection_round WHERE assignee_id = ? AND ends_at >= ? ORDER BY starts_at, id LIMIT 100")
			.params(user.getAccountId(), Timestamp.from(since))
			.query(Long.class)
			.list());
	}

	/**
	 * A community's rounds of a day range, missed ones included: all of them for
	 * managers, one's own for the others.
	 */
	@SqlRead
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<RoundView> ofCommunity(long communityId, LocalDate from, LocalDate to) {
		this.equipment.requireCommunity(communityId);
		if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_RANGE_DAYS))) {
			throw InvalidInputException.field("to", "equipment.round.range", MAX_RANGE_DAYS);
		}
		StaffUser user = this.current.require();
		boolean all = StaffRules.manages(user);
		return rounds(this.jdbc.sql("""
				SELECT id FROM inspection_round WHERE community_id = ? AND starts_at >= ? AND starts_at < ?
				  AND (? OR assignee_id = ?) ORDER BY starts_at, id""")
			.params(communityId, Timestamp.from(from.atStartOfDay(this.clock.getZone()).toInstant()),
					Timestamp.from(to.plusDays(1).atStartOfDay(this.clock.getZone()).toInstant()), all,
					user.getAccountId())
			.query(Long.class)
			.list());
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public RoundView get(long id) {
		RoundView round = round(id);
		this.current.requireCommunity(round.communityId(), "inspectionRound", id);
		StaffUser user = this.current.require();
		if (!StaffRules.manages(user) && user.hasRole(Role.INSPECTOR)
				&& (round.assigneeId() == null || round.assigneeId() != user.getAccountId())) {
			throw new NotFoundException("inspectionRound", id);
		}
		return round;
	}

	/**
	 * Records one checkpoint of a round, by its inspector (or a manager) while the window
	 * is open. An abnormal one publishes {@link InspectionAbnormal}. The round completes
	 * with its last checkpoint.
	 */
	@Transactional
	@PreAuthorize(Access.INSPECTORS)
	public RoundView record(long roundId, long checkpointId, Boolean normal, String note) {
		RoundView round = get(roundId);
		StaffUser user = this.current.require();
		StaffRules.requireAssigneeOrManager(user, round.assigneeId());
		this.jdbc.sql("SELECT id FROM inspection_round WHERE id = ? FOR UPDATE")
			.param(roundId)
			.query(Long.class)
			.single();
		round = round(roundId);
		CheckpointView checkpoint = round.checkpoints()
			.stream()
			.filter((c) -> c.id() == checkpointId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("checkpoint", checkpointId));
		Checks checks = new Checks().required("normal", normal).maxLength("note", note, 500);
		Instant now = Instant.now(this.clock);
		if (round.status() == RoundStatus.MISSED) {
			checks.add("normal", "equipment.inspection.missed");
		}
		else if (now.isBefore(round.startsAt())) {
			checks.add("normal", "equipment.inspection.notYet", round.window());
		}
		if (Boolean.FALSE.equals(normal) && EquipmentService.blank(note) == null) {
			checks.add("note", "equipment.inspection.noteRequired");
		}
		if (round.resultOf(checkpointId) != null) {
			checks.add("normal", "equipment.inspection.recorded");
		}
		checks.throwIfAny();
		this.jdbc.sql("""
				INSERT INTO inspection_result (round_id, checkpoint_id, normal, note, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(roundId, checkpointId, normal, EquipmentService.blank(note), user.getAccountId(),
					Timestamp.from(now))
			.update();
		if (!normal) {
			if (checkpoint.equipmentId() != null) {
				this.equipment.fault(checkpoint.equipmentId(), round.communityId(), FaultSource.INSPECTION,
						checkpoint.name() + "：" + note.trim(), user.getDisplayName(), roundId);
			}
			this.events.publishEvent(new InspectionAbnormal(round.communityId(), roundId, checkpointId,
					checkpoint.name(), checkpoint.equipmentId(), note.trim(), user.getAccountId()));
		}
		long recorded = this.jdbc.sql("SELECT count(*) FROM inspection_result WHERE round_id = ?")
			.param(roundId)
			.query(Long.class)
			.single();
		if (recorded == round.checkpoints().size()) {
			this.jdbc.sql("UPDATE inspection_round SET completed_at = ? WHERE id = ?")
				.params(Timestamp.from(now), roundId)
				.update();
		}
		return round(roundId);
	}

	/** A photo of a recorded checkpoint, by the round's inspector or a manager. */
	@Transactional
	@PreAuthorize(Access.INSPECTORS)
	public RoundView addPhoto(long roundId, long checkpointId, byte[] photo) {
		RoundView round = get(roundId);
		StaffUser user = this.current.require();
		StaffRules.requireAssigneeOrManager(user, round.assigneeId());
		ResultView result = round.resultOf(checkpointId);
		if (result == null) {
			throw InvalidInputException.field("photo", "equipment.inspection.recordFirst");
		}
		this.files.addPhoto(round.communityId(), null, result.id(), photo);
		return round(roundId);
	}

	private PlanView plan(long id) {
		List<PlanView> plans = plans(List.of(id));
		if (plans.isEmpty()) {
			throw new NotFoundException("inspectionPlan", id);
		}
		return plans.get(0);
	}

	/**
	 * Plans by id, in that order, with their checkpoints and assignees: three queries
	 * however many there are.
	 */
	private List<PlanView> plans(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, List<CheckpointView>> checkpoints = new HashMap<>();
		this.jdbc.sql("""
				SELECT c.plan_id, c.id, c.seq, c.name, c.equipment_id, e.code, c.items FROM inspection_checkpoint c
				LEFT JOIN equipment e ON e.id = c.equipment_id WHERE c.plan_id IN (:ids) ORDER BY c.plan_id, c.seq""")
			.param("ids", ids)
			.query((rs, n) -> checkpoints.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new CheckpointView(rs.getLong(2), rs.getInt(3), rs.getString(4), (Long) rs.getObject(5),
						rs.getString(6), this.json.readValue(rs.getString(7), new TypeReference<List<String>>() {
						}))))
			.list();
		Map<Long, PlanView> plans = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT id, community_id, name, frequency, window_start, window_end, assignee_id, start_date FROM inspection_plan WHERE id IN (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> plans.put(rs.getLong("id"),
					new PlanView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("name"),
							Schedules.Frequency.valueOf(rs.getString("frequency")),
							rs.getTime("window_start").toLocalTime(), rs.getTime("window_end").toLocalTime(),
							(Long) rs.getObject("assignee_id"), null, rs.getDate("start_date").toLocalDate(),
							List.copyOf(checkpoints.getOrDefault(rs.getLong("id"), List.of())))))
			.list();
		Map<Long, String> names = this.staff.names(plans.values().stream().map(PlanView::assigneeId).toList());
		List<PlanView> views = new ArrayList<>();
		for (Long id : ids) {
			PlanView p = plans.get(id);
			if (p != null) {
				views.add(new PlanView(p.id(), p.communityId(), p.name(), p.frequency(), p.windowStart(), p.windowEnd(),
						p.assigneeId(), (p.assigneeId() != null) ? names.get(p.assigneeId()) : null, p.startDate(),
						p.checkpoints()));
			}
		}
		return views;
	}

	private RoundView round(long id) {
		List<RoundView> rounds = rounds(List.of(id));
		if (rounds.isEmpty()) {
			throw new NotFoundException("inspectionRound", id);
		}
		return rounds.get(0);
	}

	/**
	 * Rounds by id, in that order, with their route, results and photos: a few queries
	 * however many there are.
	 */
	private List<RoundView> rounds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		record Row(long id, long plan, long community, Long assignee, Instant starts, Instant ends, Instant done) {
		}
		Map<Long, Row> rows = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT id, plan_id, community_id, assignee_id, starts_at, ends_at, completed_at FROM inspection_round WHERE id IN (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> {
				Timestamp done = rs.getTimestamp("completed_at");
				return rows.put(rs.getLong("id"),
						new Row(rs.getLong("id"), rs.getLong("plan_id"), rs.getLong("community_id"),
								(Long) rs.getObject("assignee_id"), rs.getTimestamp("starts_at").toInstant(),
								rs.getTimestamp("ends_at").toInstant(), (done != null) ? done.toInstant() : null));
			})
			.list();
		Map<Long, PlanView> plans = new HashMap<>();
		plans(rows.values().stream().map(Row::plan).distinct().toList()).forEach((p) -> plans.put(p.id(), p));
		Map<Long, List<ResultView>> results = new HashMap<>();
		List<ResultView> recorded = new ArrayList<>();
		Map<Long, Long> roundOf = new HashMap<>();
		this.jdbc.sql(
				"SELECT id, round_id, checkpoint_id, normal, note, recorded_at FROM inspection_result WHERE round_id IN (:ids) ORDER BY id")
			.param("ids", ids)
			.query((rs, n) -> {
				ResultView r = new ResultView(rs.getLong(1), rs.getLong(3), rs.getBoolean(4), rs.getString(5),
						rs.getTimestamp(6).toInstant(), List.of());
				roundOf.put(r.id(), rs.getLong(2));
				return recorded.add(r);
			})
			.list();
		Map<Long, List<Long>> photos = this.files.photosOf("result", recorded.stream().map(ResultView::id).toList());
		for (ResultView r : recorded) {
			results.computeIfAbsent(roundOf.get(r.id()), (k) -> new ArrayList<>())
				.add(new ResultView(r.id(), r.checkpointId(), r.normal(), r.note(), r.at(),
						photos.getOrDefault(r.id(), List.of())));
		}
		Map<Long, String> names = this.staff.names(rows.values().stream().map(Row::assignee).toList());
		Instant now = Instant.now(this.clock);
		List<RoundView> views = new ArrayList<>();
		for (Long id : ids) {
			Row r = rows.get(id);
			if (r == null) {
				continue;
			}
			PlanView plan = plans.get(r.plan());
			RoundStatus status = RoundStatus.of(r.done() != null, r.starts(), r.ends(), now);
			views.add(new RoundView(id, plan.id(), plan.name(), r.community(), r.assignee(), names.get(r.assignee()),
					r.starts(), r.ends(), r.done(), status, plan.checkpoints(),
					results.getOrDefault(id, new ArrayList<>())));
		}
		return views;
	}

	private String name(Long staffId) {
		return (staffId != null) ? this.staff.names(List.of(staffId)).get(staffId) : null;
	}

	private Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
	}

}
