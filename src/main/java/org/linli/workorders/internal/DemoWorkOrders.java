package org.linli.workorders.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.ActingStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.residents.Residents;
import org.linli.shared.Seed;
import org.linli.shared.Times;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderStatus.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repairs' demo data in the first community, made through the same service as real
 * orders (numbers, steps, charges, notices): residents' reports in every state — one
 * chargeable repair completed and rated (its charge is paid by billing's demo), one
 * completed and waiting for its rating with its charge open, one rated two stars and
 * waiting for a call-back — front-desk orders assigned, on hold and given back, one
 * withdrawn, and two overdue. The QR report of equipment's demo becomes an order through
 * its event. Runs after the demo staff and equipment.
 */
@Component
@Order(130)
class DemoWorkOrders implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoWorkOrders.class);

	private final JdbcClient jdbc;

	private final WorkOrderService orders;

	private final Settings settings;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final Estate estate;

	private final Residents residents;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoWorkOrders(JdbcClient jdbc, WorkOrderService orders, Settings settings, CommunityDirectory communities,
			StaffDirectory staff, Estate estate, Residents residents, TransactionTemplate transactions, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.settings = settings;
		this.communities = communities;
		this.staff = staff;
		this.estate = estate;
		this.residents = residents;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		if (!this.enabled || this.communities.allCommunities().isEmpty()
				|| this.jdbc.sql("SELECT count(*) FROM work_order WHERE source <> 'QR'")
					.query(Long.class)
					.single() > 0) {
			return;
		}
		long community = this.communities.allCommunities().get(0).id();
		List<StaffDirectory.StaffRef> people = this.staff.inCommunity(community);
		Optional<StaffDirectory.StaffRef> manager = pick(people, Role.MANAGER);
		Optional<StaffDirectory.StaffRef> technician = pick(people, Role.TECHNICIAN);
		List<RoomRef> rooms = this.estate.roomsIn(community)
			.stream()
			.filter((r) -> !this.residents.occupantsOf(r.id(), Times.today(this.clock)).isEmpty())
			.limit(6)
			.toList();
		if (manager.isEmpty() || technician.isEmpty() || rooms.size() < 6) {
			return;
		}
		int made = this.transactions.execute((status) -> seed(community, manager.get(), technician.get(), rooms));
		log.info("Seeded {} demo repair orders", made);
	}

	private int seed(long community, StaffDirectory.StaffRef manager, StaffDirectory.StaffRef technician,
			List<RoomRef> rooms) {
		as(manager, Role.MANAGER, () -> {
			for (String[] price : new String[][] { { "角阀", "个", "30.00" }, { "水龙头", "个", "85.00" },
					{ "LED 灯泡", "个", "15.00" }, { "空气开关", "个", "45.00" }, { "门锁芯", "个", "60.00" } }) {
				this.settings.putPrice(community,
						new Settings.PriceCommand(price[0], price[1], new BigDecimal(price[2])));
			}
			return null;
		});
		// a leak repaired, charged 80.00, rated five stars (billing's demo pays it)
		long leak = report(rooms.get(0), RepairCategory.PLUMBING, "厨房水槽下的水管漏水，地面有积水");
		work(leak, manager, technician, Step.START);
		complete(leak, technician, "更换角阀，检查无渗漏", "50.00", "角阀", true);
		this.orders.rate(reporter(leak), leak, 5, "师傅很专业，半小时就修好了");
		// a socket repaired free, rated two stars: on the manager's call-back list
		long socket = report(rooms.get(1), RepairCategory.ELECTRICAL, "客厅插座没电，空气开关跳闸后合不上");
		work(socket, manager, technician, Step.START);
		complete(socket, technician, "更换空气开关", "0.00", null, false);
		this.orders.rate(reporter(socket), socket, 2, "等了两天才来");
		// a tap replaced and charged, waiting for its rating (its charge still open)
		long tap = report(rooms.get(2), RepairCategory.PLUMBING, "卫生间水龙头关不紧，一直滴水");
		work(tap, manager, technician, Step.START);
		complete(tap, technician, "更换水龙头", "40.00", "水龙头", true);
		// a window waiting for dispatch for over a day: overdue
		long window = report(rooms.get(3), RepairCategory.DOOR_WINDOW, "卧室窗户把手断了，窗户关不上");
		backdate(window, Duration.ofHours(30));
		// withdrawn by its reporter
		long withdrawn = report(rooms.get(4), RepairCategory.LIGHTING, "阳台灯不亮");
		this.orders.withdraw(reporter(withdrawn), withdrawn);
		long[] desk = as(manager, Role.MANAGER, () -> {
			// the front desk for callers: one assigned, one on hold for parts, one given
			// back
			WorkOrderView light = this.orders.register(community,
					new WorkOrderService.StaffReport(rooms.get(5).id(), null, null, Area.IN_HOME,
							RepairCategory.LIGHTING, Urgency.URGENT, "厨房吸顶灯闪烁", "来电业主", "13800138000", null));
			this.orders.assign(light.id(), technician.id());
			WorkOrderView lobby = this.orders.register(community, new WorkOrderService.StaffReport(null, null, "3栋大堂",
					Area.PUBLIC, RepairCategory.DOOR_WINDOW, Urgency.NORMAL, "大堂单元门闭门器损坏，门关不严", null, null, null));
			this.orders.assign(lobby.id(), technician.id());
			WorkOrderView gate = this.orders.register(community,
					new WorkOrderService.StaffReport(null, null, "2栋地下车库入口", Area.PUBLIC, RepairCategory.FACILITY,
							Urgency.EMERGENCY, "车库入口道闸抬杆不动", null, null, null));
			this.orders.assign(gate.id(), technician.id());
			return new long[] { lobby.id(), gate.id() };
		});
		as(technician, Role.TECHNICIAN, () -> {
			this.orders.advance(desk[0], Step.ACCEPT, null);
			this.orders.advance(desk[0], Step.START, null);
			this.orders.advance(desk[0], Step.HOLD, "闭门器需订货，预计三天到");
			return this.orders.advance(desk[1], Step.RETURN, "道闸属厂家维保范围，请联系厂家");
		});
		// the gate, an emergency, has waited six hours: overdue
		backdate(desk[1], Duration.ofHours(6));
		return 9;
	}

	private long report(RoomRef room, RepairCategory category, String description) {
		long resident = this.residents.occupantsOf(room.id(), Times.today(this.clock)).get(0);
		return this.orders
			.report(resident,
					new WorkOrderService.ResidentReport(room.id(), Area.IN_HOME, category, description, null, null))
			.id();
	}

	private long reporter(long order) {
		return this.jdbc.sql("SELECT reporter_resident_id FROM work_order WHERE id = ?")
			.param(order)
			.query(Long.class)
			.single();
	}

	private void work(long order, StaffDirectory.StaffRef manager, StaffDirectory.StaffRef technician, Step until) {
		as(manager, Role.MANAGER, () -> this.orders.assign(order, technician.id()));
		as(technician, Role.TECHNICIAN, () -> {
			this.orders.advance(order, Step.ACCEPT, null);
			return this.orders.advance(order, until, null);
		});
	}

	private void complete(long order, StaffDirectory.StaffRef technician, String note, String labour, String material,
			boolean chargeable) {
		as(technician, Role.TECHNICIAN, () -> this.orders.complete(order,
				new WorkOrderService.Completion(note, new BigDecimal(labour), (material != null)
						? List.of(new WorkOrderService.MaterialLine(material, BigDecimal.ONE, null)) : List.of(),
						chargeable)));
	}

	/** Moves an order's report and limits into the past (demo only). */
	private void backdate(long order, Duration by) {
		this.jdbc
			.sql("""
					UPDATE work_order SET created_at = created_at - make_interval(secs => :by), respond_by = respond_by - make_interval(secs => :by),
					    resolve_by = resolve_by - make_interval(secs => :by)
					WHERE id = :id""")
			.param("by", by.toSeconds())
			.param("id", order)
			.update();
		this.jdbc.sql("UPDATE work_order_step SET at = at - make_interval(secs => :by) WHERE work_order_id = :id")
			.param("by", by.toSeconds())
			.param("id", order)
			.update();
	}

	private <T> T as(StaffDirectory.StaffRef person, Role role, Supplier<T> work) {
		return ActingStaff.as(person, role, work);
	}

	private static Optional<StaffDirectory.StaffRef> pick(List<StaffDirectory.StaffRef> people, Role role) {
		return people.stream().filter((p) -> p.roles().contains(role) && !p.allCommunities()).findFirst();
	}

}
