package org.linli.equipment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linli.equipment.DeviceCategory;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffDirectory;
import org.linli.identity.StaffUser;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance plans (维保计划) and their tasks (维保任务). Saving a plan creates its tasks for
 * the next 60 days; a task is SCHEDULED until its plan's lead time before the due date,
 * then OPEN, then OVERDUE until done; a daily job keeps the horizon filled (idempotent,
 * and one node at a time by an advisory lock). Tasks are never skipped: an absent
 * assignee leaves the task open, reassignable, overdue. Completing a task records each
 * checklist result, who, when, cost and notes, and moves the plan's later open tasks to
 * count from the completion.
 */
@Service
@Transactional(readOnly = true)
public class Maintenance {

	private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

	static final int HORIZON_DAYS = 60;

	private final JdbcClient jdbc;

	private final EquipmentService equipment;

	private final CurrentStaff current;

	private final StaffDirectory staff;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	private final EquipmentFiles files;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	private final Messages messages;

	Maintenance(Messages messages, org.springframework.jdbc.core.JdbcTemplate template, JdbcClient jdbc,
			EquipmentService equipment, CurrentStaff current, StaffDirectory staff, AuditLog audit, JsonMapper json,
			Clock clock, EquipmentFiles files) {
		this.files = files;
		this.template = template;
		this.messages = messages;
		this.jdbc = jdbc;
		this.equipment = equipment;
		this.current = current;
		this.staff = staff;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	public record PlanCommand(String name, Integer intervalDays, Integer intervalWeeks, Integer intervalMonths,
			List<String> checklist, Long assigneeId, String contractor, Integer leadDays, LocalDate startDate) {
	}

	public record PlanView(long id, long communityId, Long equipmentId, DeviceCategory category, String name,
			Integer intervalDays, Integer intervalMonths, List<String> checklist, Long assigneeId, String assignee,
			String contractor, int leadDays, LocalDate startDate, boolean active) {
	}

	public record TaskView(long id, long planId, String plan, long equipmentId, String equipmentCode, String equipment,
			LocalDate dueDate, Long assigneeId, String assignee, TaskStatus status, Instant completedAt,
			String completedBy, List<Result> results, String notes, BigDecimal cost, List<String> checklist,
			List<Long> photos) {
	}

	public record Result(String item, boolean ok, String note) {
	}

	public record Completion(List<Result> results, String notes, BigDecimal cost) {
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<PlanView> plansOf(long equipmentId) {
		EquipmentService.EquipmentView device = this.equipment.get(equipmentId);
		return namedPlans(this.jdbc.sql(PLAN
				+ " WHERE p.equipment_id = ? OR (p.equipment_id IS NULL AND p.community_id = ? AND p.category = ?) ORDER BY p.id")
			.params(equipmentId, device.communityId(), device.category().name())
			.query(this::plan)
			.list());
	}

	/** A plan for one device; its tasks for the next 60 days exist when this returns. */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public PlanView create(long equipmentId, PlanCommand command) {
		EquipmentService.EquipmentView device = this.equipment.get(equipmentId);
		return create(device.communityId(), equipmentId, null, device.category(),
				msg("equipment.plan.defaultName", device.name()), command);
	}

	/**
	 * A plan for every device of a category in a community, present and future (they join
	 * it as they are registered).
	 */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public PlanView createForCategory(long communityId, DeviceCategory category, PlanCommand command) {
		this.equipment.requireCommunity(communityId);
		if (category == null) {
			throw InvalidInputException.field("category", "validation.required");
		}
		return create(communityId, null, category, category,
				msg("equipment.plan.defaultName", msg("equipment.category." + category)), command);
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public List<PlanView> plansOfCommunity(long communityId) {
		this.equipment.requireCommunity(communityId);
		return namedPlans(this.jdbc.sql(PLAN + " WHERE p.community_id = ? ORDER BY p.id")
			.param(communityId)
			.query(this::plan)
			.list());
	}

	private PlanView create(long communityId, Long equipmentId, DeviceCategory category, DeviceCategory deviceCategory,
			String defaultName, PlanCommand command) {
		Integer days = (command.intervalWeeks() != null && command.intervalDays() == null)
				? Integer.valueOf(command.intervalWeeks() * 7) : command.intervalDays();
		Checks checks = new Checks().required("startDate", command.startDate())
			.maxLength("name", command.name(), 100)
			.maxLength("contractor", command.contractor(), 100);
		Schedules.checkStart("startDate", command.startDate(), LocalDate.now(this.clock), checks);
		checks.range("intervalDays", days, 1, 3660).range("intervalMonths", command.intervalMonths(), 1, 120);
		if ((days == null) == (command.intervalMonths() == null)) {
			checks.add("intervalDays", "equipment.plan.intervalRequired");
		}
		else if ((days != null && days <= 0) || (command.intervalMonths() != null && command.intervalMonths() <= 0)) {
			checks.add((days != null) ? "intervalDays" : "intervalMonths", "validation.positive");
		}
		else if (deviceCategory.isSpecialEquipment()
				&& new Schedules.Cadence(days, command.intervalMonths()).maxDays() > Schedules.ELEVATOR_MAX_DAYS) {
			checks.add((days != null) ? "intervalDays" : "intervalMonths", "equipment.plan.elevatorRule",
					Schedules.ELEVATOR_MAX_DAYS);
		}
		List<String> checklist = (command.checklist() != null) ? command.checklist()
			.stream()
			.filter((i) -> i != null && !i.isBlank())
			.map(String::trim)
			.distinct()
			.toList() : List.of();
		if (checklist.isEmpty()) {
			checks.add("checklist", "equipment.plan.checklistRequired");
		}
		if (command.leadDays() != null && (command.leadDays() < 0 || command.leadDays() > 60)) {
			checks.add("leadDays", "validation.range", 0, 60);
		}
		if (command.assigneeId() != null
				&& this.staff.staff(command.assigneeId()).filter((s) -> s.worksIn(communityId)).isEmpty()) {
			checks.add("assigneeId", "equipment.unknownStaff", String.valueOf(command.assigneeId()));
		}
		checks.throwIfAny();
		String name = (command.name() != null && !command.name().isBlank()) ? command.name().trim() : defaultName;
		long id = this.jdbc
			.sql("""
					INSERT INTO maintenance_plan (community_id, equipment_id, category, name, interval_days, interval_months, checklist,
					                              assignee_id, contractor, lead_days, start_date, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, equipmentId, (category != null) ? category.name() : null, name, days,
					command.intervalMonths(), this.json.writeValueAsString(checklist), command.assigneeId(),
					EquipmentService.blank(command.contractor()), (command.leadDays() != null) ? command.leadDays() : 3,
					Date.valueOf(command.startDate()), now())
			.query(Long.class)
			.single();
		int tasks = generate(id);
		this.audit.record("MAINTENANCE_PLAN_CREATED", "maintenancePlan", id, communityId,
				AuditLog.Changes.of()
					.set("equipmentId", equipmentId)
					.set("category", (category != null) ? category.name() : null)
					.set("intervalDays", days)
					.set("intervalMonths", command.intervalMonths())
					.set("tasks", tasks));
		return namedPlans(List.of(this.jdbc.sql(PLAN + " WHERE p.id = ?").param(id).query(this::plan).single())).get(0);
	}

	/**
	 * A plan's tasks up to the horizon, from its last completion (or start): the missing
	 * ones are created, the existing ones left alone. Answers how many were created.
	 */
	@Transactional
	public int generate(long planId) {
		Map<String, Object> plan = this.jdbc
			.sql("""
					SELECT equipment_id, community_id, interval_days, interval_months, assignee_id, start_date, active, category
					FROM maintenance_plan WHERE id = ?""")
			.param(planId)
			.query((rs, n) -> {
				Map<String, Object> row = new HashMap<>();
				row.put("equipment", rs.getObject(1));
				row.put("category", rs.getString(8));
				row.put("community", rs.getLong(2));
				row.put("days", rs.getObject(3));
				row.put("months", rs.getObject(4));
				row.put("assignee", rs.getObject(5));
				row.put("start", rs.getDate(6).toLocalDate());
				row.put("active", rs.getBoolean(7));
				return row;
			})
			.single();
		if (!(Boolean) plan.get("active")) {
			return 0;
		}
		List<Long> devices = (plan.get("equipment") != null) ? List.of((Long) plan.get("equipment")) : this.jdbc.sql(
				"SELECT id FROM equipment WHERE community_id = ? AND category = ? AND status <> 'SCRAPPED' ORDER BY id")
			.params(plan.get("community"), plan.get("category"))
			.query(Long.class)
			.list();
		Schedules.Cadence cadence = new Schedules.Cadence((Integer) plan.get("days"), (Integer) plan.get("months"));
		Map<Long, LocalDate> last = lastCompletions(planId);
		List<Object[]> rows = new ArrayList<>();
		for (Long equipmentId : devices) {
			for (LocalDate due : Schedules.dueDates(cadence, (LocalDate) plan.get("start"), last.get(equipmentId),
					today(), HORIZON_DAYS)) {
				rows.add(new Object[] { planId, equipmentId, plan.get("community"), Date.valueOf(due),
						plan.get("assignee"), now() });
			}
		}
		return StaffRules.inserted(this.template.batchUpdate("""
				INSERT INTO maintenance_task (plan_id, equipment_id, community_id, due_date, assignee_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT maintenance_task_once DO NOTHING""", rows));
	}

	/**
	 * Keeps every active plan's tasks generated ahead (EquipmentJobs, daily); idempotent.
	 */
	@Transactional
	public int generateAll() {
		int created = 0;
		for (Long plan : this.jdbc.sql("SELECT id FROM maintenance_plan WHERE active ORDER BY id")
			.query(Long.class)
			.list()) {
			created += generate(plan);
		}
		if (created > 0) {
			log.info("Created {} maintenance tasks", created);
		}
		return created;
	}

	/**
	 * A community's tasks by status (OPEN, OVERDUE, DONE; all when blank), a page at a
	 * time, by due date. Technicians see the tasks assigned to them; managers see all.
	 */
	@PreAuthorize(Access.EQUIPMENT_READERS)
	public PageView<TaskView> tasks(long communityId, TaskStatus status, int page, int size) {
		this.equipment.requireCommunity(communityId);
		StaffUser user = this.current.require();
		PageView<TaskView> rows = SqlList.from(TASK_FROM)
			.where("t.community_id = :community")
			.param("community", communityId)
			.param("today", Date.valueOf(today()))
			.when(StaffRules.manages(user) ? null : user.getAccountId(), "t.assignee_id = :me", "me")
			.when(status == TaskStatus.DONE, "t.completed_at IS NOT NULL")
			.when(status == TaskStatus.OVERDUE, "t.completed_at IS NULL AND t.due_date < :today")
			// open: everything not done yet, including what is overdue
			.when(status == TaskStatus.OPEN, "t.completed_at IS NULL")
			.when(status == TaskStatus.SCHEDULED, "t.completed_at IS NULL AND t.due_date - p.lead_days > :today")
			.orderBy("t.due_date, t.id")
			.page(this.jdbc, TASK_COLUMNS, new PageQuery(page, (size <= 0) ? 50 : size, null, null), this::taskRow);
		return new PageView<>(named(rows.content()), rows.page(), rows.size(), rows.totalElements(), rows.totalPages());
	}

	@PreAuthorize(Access.EQUIPMENT_READERS)
	public TaskView task(long id) {
		TaskView task = findTask(id);
		this.current.requireCommunity(communityOf(id), "maintenanceTask", id);
		StaffUser user = this.current.require();
		// as in the list: who does not manage sees the tasks assigned to them, and no
		// other
		if (!StaffRules.manages(user) && (task.assigneeId() == null || task.assigneeId() != user.getAccountId())) {
			throw new NotFoundException("maintenanceTask", id);
		}
		return task;
	}

	/**
	 * Completes a task: every checklist item's result, notes, cost; by its assignee or a
	 * manager.
	 */
	@Transactional
	@PreAuthorize(Access.TECHNICIANS)
	public TaskView complete(long id, Completion completion) {
		TaskView task = task(id);
		StaffUser user = this.current.require();
		StaffRules.requireAssigneeOrManager(user, task.assigneeId());
		this.jdbc.sql("SELECT id FROM maintenance_task WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
		if (findTask(id).completedAt() != null) {
			throw InvalidInputException.conflict("results", "equipment.task.done");
		}
		Checks checks = new Checks().maxLength("notes", completion.notes(), 1000);
		List<Result> results = (completion.results() != null) ? completion.results() : List.of();
		for (String item : task.checklist()) {
			if (results.stream().noneMatch((r) -> item.equals(r.item()))) {
				checks.add("results", "equipment.task.itemMissing", item);
			}
		}
		for (Result r : results) {
			if (r.item() == null || !task.checklist().contains(r.item())) {
				checks.add("results", "equipment.task.unknownItem", String.valueOf(r.item()));
			}
		}
		if (completion.cost() != null
				&& (completion.cost().signum() < 0 || completion.cost().stripTrailingZeros().scale() > 2)) {
			checks.add("cost", "validation.invalidValue");
		}
		else if (completion.cost() != null && completion.cost().compareTo(new BigDecimal("10000000")) > 0) {
			checks.add("cost", "validation.tooLarge", "10000000");
		}
		checks.throwIfAny();
		Instant now = Instant.now(this.clock);
		this.jdbc
			.sql("""
					UPDATE maintenance_task SET completed_at = ?, completed_by = ?, results = ?, notes = ?, cost = ? WHERE id = ?""")
			.params(Timestamp.from(now), user.getAccountId(), this.json.writeValueAsString(results),
					EquipmentService.blank(completion.notes()),
					(completion.cost() != null) ? completion.cost().setScale(2, RoundingMode.HALF_UP) : null, id)
			.update();
		// later open tasks count from this completion: the ones not yet due are laid out
		// again from it
		this.jdbc
			.sql("""
					DELETE FROM maintenance_task t WHERE plan_id = ? AND equipment_id = ? AND completed_at IS NULL AND due_date > ?
					  AND NOT EXISTS (SELECT 1 FROM equipment_photo p WHERE p.maintenance_task_id = t.id)""")
			.params(task.planId(), task.equipmentId(), Date.valueOf(today()))
			.update();
		generate(task.planId());
		this.audit.record("MAINTENANCE_DONE", "maintenanceTask", id, communityOf(id),
				AuditLog.Changes.of()
					.set("equipmentId", task.equipmentId())
					.set("dueDate", task.dueDate().toString())
					.set("cost", completion.cost())
					.set("failed", results.stream().filter((r) -> !r.ok()).map(Result::item).toList()));
		return findTask(id);
	}

	/**
	 * Gives an open task to someone else (an absent assignee's task stays open until it
	 * is done).
	 */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public TaskView reassign(long id, Long assigneeId) {
		TaskView task = task(id);
		long community = communityOf(id);
		if (assigneeId == null || this.staff.staff(assigneeId).filter((s) -> s.worksIn(community)).isEmpty()) {
			throw InvalidInputException.field("assigneeId", "equipment.unknownStaff", String.valueOf(assigneeId));
		}
		if (task.completedAt() != null) {
			throw InvalidInputException.conflict("assigneeId", "equipment.task.done");
		}
		this.jdbc.sql("UPDATE maintenance_task SET assignee_id = ? WHERE id = ?").params(assigneeId, id).update();
		this.audit.record("MAINTENANCE_REASSIGNED", "maintenanceTask", id, community,
				AuditLog.Changes.of().changed("assigneeId", task.assigneeId(), assigneeId));
		return findTask(id);
	}

	/** Each device's last completion of a plan's task, in the community's days. */
	private Map<Long, LocalDate> lastCompletions(long planId) {
		Map<Long, LocalDate> last = new HashMap<>();
		this.jdbc.sql(
				"SELECT equipment_id, max(completed_at) FROM maintenance_task WHERE plan_id = ? AND completed_at IS NOT NULL GROUP BY equipment_id")
			.param(planId)
			.query((rs, n) -> last.put(rs.getLong(1), Times.date(rs.getTimestamp(2).toInstant())))
			.list();
		return last;
	}

	private long communityOf(long taskId) {
		return this.jdbc.sql("SELECT community_id FROM maintenance_task WHERE id = ?")
			.param(taskId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("maintenanceTask", taskId));
	}

	private TaskView findTask(long id) {
		TaskView t = named(List.of(this.jdbc.sql(TASK + " WHERE t.id = :id")
			.param("id", id)
			.param("today", Date.valueOf(today()))
			.query(this::taskRow)
			.optional()
			.orElseThrow(() -> new NotFoundException("maintenanceTask", id)))).get(0);
		return new TaskView(t.id(), t.planId(), t.plan(), t.equipmentId(), t.equipmentCode(), t.equipment(),
				t.dueDate(), t.assigneeId(), t.assignee(), t.status(), t.completedAt(), t.completedBy(), t.results(),
				t.notes(), t.cost(), t.checklist(),
				this.files.photosOf("task", List.of(id)).getOrDefault(id, List.of()));
	}

	/** A photo of the job, by the task's assignee or a manager. */
	@Transactional
	@PreAuthorize(Access.TECHNICIANS)
	public TaskView addPhoto(long id, byte[] photo) {
		TaskView task = task(id);
		StaffUser user = this.current.require();
		StaffRules.requireAssigneeOrManager(user, task.assigneeId());
		this.files.addPhoto(communityOf(id), id, null, photo);
		return findTask(id);
	}

	private static final String PLAN = """
			SELECT p.id, p.community_id, p.equipment_id, p.category, p.name, p.interval_days, p.interval_months, p.checklist,
			       p.assignee_id, p.contractor, p.lead_days, p.start_date, p.active
			FROM maintenance_plan p""";

	private static final String TASK_COLUMNS = """
			SELECT t.id, t.plan_id, p.name AS plan, t.equipment_id, e.code, e.name AS equipment, t.due_date, t.assignee_id,
			       t.completed_at, t.completed_by, t.results, t.notes, t.cost, p.checklist, p.lead_days""";

	private static final String TASK_FROM = """
			FROM maintenance_task t JOIN maintenance_plan p ON p.id = t.plan_id JOIN equipment e ON e.id = t.equipment_id""";

	private static final String TASK = TASK_COLUMNS + "\n" + TASK_FROM;

	private PlanView plan(ResultSet rs, int n) throws SQLException {
		Long assignee = (Long) rs.getObject("assignee_id");
		return new PlanView(rs.getLong("id"), rs.getLong("community_id"), (Long) rs.getObject("equipment_id"),
				(rs.getString("category") != null) ? DeviceCategory.valueOf(rs.getString("category")) : null,
				rs.getString("name"), (Integer) rs.getObject("interval_days"),
				(Integer) rs.getObject("interval_months"), list(rs.getString("checklist")), assignee, null,
				rs.getString("contractor"), rs.getInt("lead_days"), rs.getDate("start_date").toLocalDate(),
				rs.getBoolean("active"));
	}

	private TaskView taskRow(ResultSet rs, int n) throws SQLException {
		Long assignee = (Long) rs.getObject("assignee_id");
		Long by = (Long) rs.getObject("completed_by");
		Timestamp done = rs.getTimestamp("completed_at");
		String results = rs.getString("results");
		return new TaskView(rs.getLong("id"), rs.getLong("plan_id"), rs.getString("plan"), rs.getLong("equipment_id"),
				rs.getString("code"), rs.getString("equipment"), rs.getDate("due_date").toLocalDate(), assignee, null,
				TaskStatus.of(done != null, rs.getDate("due_date").toLocalDate(), rs.getInt("lead_days"), today()),
				(done != null) ? done.toInstant() : null, (by != null) ? String.valueOf(by) : null,
				(results != null) ? this.json.readValue(results, new TypeReference<List<Result>>() {
				}) : List.of(), rs.getString("notes"), rs.getBigDecimal("cost"), list(rs.getString("checklist")),
				List.of());
	}

	private List<String> list(String json) {
		return new ArrayList<>(this.json.readValue(json, new TypeReference<List<String>>() {
		}));
	}

	/** The tasks with their assignees' and completers' names, looked up in one query. */
	private List<TaskView> named(List<TaskView> tasks) {
		List<Long> ids = new ArrayList<>();
		for (TaskView t : tasks) {
			ids.add(t.assigneeId());
			ids.add((t.completedBy() != null) ? Long.valueOf(t.completedBy()) : null);
		}
		Map<Long, String> names = this.staff.names(ids);
		return tasks.stream()
			.map((t) -> new TaskView(t.id(), t.planId(), t.plan(), t.equipmentId(), t.equipmentCode(), t.equipment(),
					t.dueDate(), t.assigneeId(), names.get(t.assigneeId()), t.status(), t.completedAt(),
					(t.completedBy() != null) ? names.get(Long.valueOf(t.completedBy())) : null, t.results(), t.notes(),
					t.cost(), t.checklist(), t.photos()))
			.toList();
	}

	private List<PlanView> namedPlans(List<PlanView> plans) {
		Map<Long, String> names = this.staff.names(plans.stream().map(PlanView::assigneeId).toList());
		return plans.stream()
			.map((p) -> new PlanView(p.id(), p.communityId(), p.equipmentId(), p.category(), p.name(), p.intervalDays(),
					p.intervalMonths(), p.checklist(), p.assigneeId(), names.get(p.assigneeId()), p.contractor(),
					p.leadDays(), p.startDate(), p.active()))
			.toList();
	}

	private String msg(String key, Object... args) {
		return this.messages.get(key, args);
	}

	private Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
