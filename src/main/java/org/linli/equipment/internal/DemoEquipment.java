package org.linli.equipment.internal;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.linli.equipment.DeviceCategory;
import org.linli.equipment.FaultReported;
import org.linli.estate.Estate;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The equipment's demo data: every building's elevator (one contractor's licence about to
 * expire), fire equipment, pumps, power and CCTV; elevator plans every 15 days with their
 * past visits done (one elevator left overdue), a daily fire inspection route with its
 * rounds, and a fault reported through a QR label. Runs after the demo staff accounts
 * (order 100), who become the assignees.
 */
@Component
@Order(110)
class DemoEquipment implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoEquipment.class);

	private final JdbcClient jdbc;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final Maintenance maintenance;

	private final Inspections inspections;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	private final org.springframework.context.ApplicationEventPublisher events;

	DemoEquipment(JdbcClient jdbc, Estate estate, CommunityDirectory communities, StaffDirectory staff,
			Maintenance maintenance, Inspections inspections, TransactionTemplate transactions, Clock clock,
			org.springframework.context.ApplicationEventPublisher events,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.events = events;
		this.jdbc = jdbc;
		this.estate = estate;
		this.communities = communities;
		this.staff = staff;
		this.maintenance = maintenance;
		this.inspections = inspections;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		if (!this.enabled || this.jdbc.sql("SELECT count(*) FROM equipment").query(Long.class).single() > 0
				|| this.communities.allCommunities().isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> seedAll());
	}

	private void seedAll() {
		LocalDate today = LocalDate.now(this.clock);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		int devices = 0;
		boolean firstElevator = true;
		for (CommunityDirectory.CommunityRef community : this.communities.allCommunities()) {
			List<StaffDirectory.StaffRef> people = this.staff.inCommunity(community.id());
			Long technician = pick(people, Role.TECHNICIAN).orElse(null);
			Long inspector = pick(people, Role.INSPECTOR).orElse(null);
			List<CommunityDirectory.CommunityRef> buildings = this.estate.buildingsIn(community.id());
			Long firstFire = null;
			for (int b = 0; b < buildings.size(); b++) {
				CommunityDirectory.CommunityRef building = buildings.get(b);
				long elevator = device(community.id(), "DT-" + (b + 1) + "-01", building.name() + "1号电梯",
						DeviceCategory.ELEVATOR, "奥的斯", "GeN2", building.name(), "安达电梯维保有限公司",
						"TS3131" + (100 + b) + "-2026", firstElevator ? today.plusDays(20) : today.plusYears(2),
						technician, now);
				firstElevator = false;
				long plan = plan(community.id(), elevator, building.name() + "电梯半月保", 15, null,
						"[\"曳引机\",\"制动器\",\"门锁\",\"轿厢照明\",\"应急呼叫\"]", technician, today.minusDays(60), now);
				this.maintenance.generate(plan);
				// the past visits were done on their day, except on the last building's
				// elevator, which is overdue
				LocalDate doneBefore = (b == buildings.size() - 1) ? today.minusDays(20) : today;
				this.jdbc
					.sql("""
							UPDATE maintenance_task SET completed_at = (due_date + TIME '10:30') AT TIME ZONE :zone,
							       completed_by = assignee_id, notes = '例行半月保', cost = 0,
							       results = '[{"item":"曳引机","ok":true},{"item":"制动器","ok":true},{"item":"门锁","ok":true},{"item":"轿厢照明","ok":true},{"item":"应急呼叫","ok":true}]'
							WHERE plan_id = :plan AND due_date < :before""")
					.param("zone", this.clock.getZone().getId())
					.param("plan", plan)
					.param("before", doneBefore)
					.update();
				this.jdbc.sql("DELETE FROM maintenance_task WHERE plan_id = ? AND completed_at IS NULL")
					.param(plan)
					.update();
				this.maintenance.generate(plan);
				long fire = device(community.id(), "XF-" + (b + 1) + "-01", building.name() + "消防栓与灭火器",
						DeviceCategory.FIRE, "淮海", "MFZ/ABC4", building.name() + "各层楼梯间", null, null, null, technician,
						now);
				firstFire = (firstFire == null) ? fire : firstFire;
				devices += 2;
			}
			long pump = device(community.id(), "SB-01", "生活供水泵组", DeviceCategory.WATER, "格兰富", "CR 15-5", "地下泵房", null,
					null, null, technician, now);
			device(community.id(), "PD-01", "配电房低压柜", DeviceCategory.POWER, "正泰", "GCK", "配电房", null, null, null,
					technician, now);
			device(community.id(), "JK-01", "小区监控主机", DeviceCategory.CCTV, "海康威视", "DS-9632N", "监控中心", null, null, null,
					technician, now);
			devices += 3;
			long pumpPlan = plan(community.id(), pump, "水泵月度保养", null, 1, "[\"轴承润滑\",\"密封检查\",\"压力表校验\"]", technician,
					today.minusMonths(2), now);
			this.maintenance.generate(pumpPlan);
			if (firstFire != null) {
				long route = this.jdbc
					.sql("""
							INSERT INTO inspection_plan (community_id, name, frequency, window_start, window_end, assignee_id, start_date, created_at)
							VALUES (?, '消防设施日巡', 'DAILY', ?, ?, ?, ?, ?) RETURNING id""")
					.params(community.id(), Time.valueOf(LocalTime.of(8, 0)), Time.valueOf(LocalTime.of(20, 0)),
							inspector, Date.valueOf(today.minusDays(7)), now)
					.query(Long.class)
					.single();
				this.jdbc.sql(
						"INSERT INTO inspection_checkpoint (plan_id, seq, name, equipment_id, items) VALUES (?, 1, '1栋消防设施', ?, ?)")
					.params(route, firstFire, "[\"压力表指针在绿区\",\"铅封完好\",\"消防通道畅通\"]")
					.update();
				this.jdbc.sql(
						"INSERT INTO inspection_checkpoint (plan_id, seq, name, equipment_id, items) VALUES (?, 2, '地下泵房', ?, ?)")
					.params(route, pump, "[\"无渗漏\",\"运行声音正常\"]")
					.update();
				this.inspections.generate(route);
				long fault = this.jdbc
					.sql("""
							INSERT INTO equipment_fault (equipment_id, community_id, source, description, reporter_name, created_at)
							VALUES (?, ?, 'PUBLIC', '泵房门口有积水，可能漏水', '住户', ?) RETURNING id""")
					.params(pump, community.id(), now)
					.query(Long.class)
					.single();
				// as a QR report would: the repairs module opens its order
				this.events.publishEvent(new FaultReported(fault, community.id(), pump,
						this.jdbc.sql("SELECT code FROM equipment WHERE id = ?")
							.param(pump)
							.query(String.class)
							.single(),
						DeviceCategory.WATER, "泵房门口有积水，可能漏水", "住户", now.toInstant()));
			}
		}
		log.info("Seeded {} demo devices with maintenance plans and inspection routes", devices);
	}

	private long device(long community, String code, String name, DeviceCategory category, String brand, String model,
			String location, String contractor, String licence, LocalDate licenceExpiry, Long responsible,
			Timestamp now) {
		return this.jdbc
			.sql("""
					INSERT INTO equipment (community_id, code, name, category, brand, model, location, install_date, status, responsible_id,
					                       contractor_name, contractor_licence, contractor_licence_expiry, public_token, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, DATE '2019-06-01', 'IN_USE', ?, ?, ?, ?, md5(random()::text || clock_timestamp()::text), ?, ?)
					RETURNING id""")
			.params(community, code, name, category.name(), brand, model, location, responsible, contractor, licence,
					(licenceExpiry != null) ? Date.valueOf(licenceExpiry) : null, now, now)
			.query(Long.class)
			.single();
	}

	private long plan(long community, long equipment, String name, Integer days, Integer months, String checklist,
			Long assignee, LocalDate start, Timestamp now) {
		return this.jdbc
			.sql("""
					INSERT INTO maintenance_plan (community_id, equipment_id, name, interval_days, interval_months, checklist, assignee_id,
					                              lead_days, start_date, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, 3, ?, ?) RETURNING id""")
			.params(community, equipment, name, days, months, checklist, assignee, Date.valueOf(start), now)
			.query(Long.class)
			.single();
	}

	private static Optional<Long> pick(List<StaffDirectory.StaffRef> people, Role role) {
		return people.stream()
			.filter((p) -> p.roles().contains(role) && !p.allCommunities())
			.map(StaffDirectory.StaffRef::id)
			.findFirst();
	}

}
