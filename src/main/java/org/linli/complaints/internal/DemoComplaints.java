package org.linli.complaints.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintChannel;
import org.linli.complaints.ComplaintKind;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.ActingStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.residents.Residents;
import org.linli.shared.Seed;
import org.linli.shared.Times;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The complaints' demo data in the first community, made through the same service as real
 * items (numbers, timelines, notices): an anonymous noise complaint followed up twice,
 * resolved and confirmed, a second one about the same noise linked to it and in progress,
 * a sanitation complaint reopened by an unsatisfied resident, a suggestion replied to and
 * awaiting confirmation, praise, a caller's parking complaint nobody accepted for six
 * hours (overdue), a leak that opened a repair order, and one withdrawn. Runs after the
 * repair orders' demo.
 */
@Component
@Order(150)
class DemoComplaints implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoComplaints.class);

	private final JdbcClient jdbc;

	private final ComplaintService complaints;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final Estate estate;

	private final Residents residents;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoComplaints(JdbcClient jdbc, ComplaintService complaints, CommunityDirectory communities, StaffDirectory staff,
			Estate estate, Residents residents, TransactionTemplate transactions, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.complaints = complaints;
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
				|| this.jdbc.sql("SELECT count(*) FROM complaint").query(Long.class).single() > 0) {
			return;
		}
		long community = this.communities.allCommunities().get(0).id();
		List<StaffDirectory.StaffRef> people = this.staff.inCommunity(community);
		Optional<StaffDirectory.StaffRef> manager = pick(people, Role.MANAGER);
		Optional<StaffDirectory.StaffRef> service = pick(people, Role.SERVICE).or(() -> manager);
		List<RoomRef> rooms = this.estate.roomsIn(community)
			.stream()
			.filter((r) -> !this.residents.occupantsOf(r.id(), Times.today(this.clock)).isEmpty())
			.skip(6)
			.limit(6)
			.toList();
		if (manager.isEmpty() || rooms.size() < 6) {
			return;
		}
		int made = this.transactions.execute((status) -> seed(community, manager.get(), service.get(), rooms));
		log.info("Seeded {} demo complaints and suggestions", made);
	}

	private int seed(long community, StaffDirectory.StaffRef manager, StaffDirectory.StaffRef service,
			List<RoomRef> rooms) {
		// an anonymous noise complaint, followed up twice, resolved and confirmed
		long noise = submit(rooms.get(0), ComplaintKind.COMPLAINT, ComplaintCategory.NOISE,
				"楼上每晚十一点后还在拖动家具、跳绳，影响休息，已持续一周", true);
		assign(noise, manager, service);
		as(service, Role.SERVICE, () -> {
			this.complaints.followUp(noise, new ComplaintService.FollowUp("上门了解情况，楼上住户称孩子在家锻炼", "楼上住户", "约定晚上十点后停止"));
			this.complaints.followUp(noise, new ComplaintService.FollowUp("连续三晚回访，未再出现噪音", null, "办结并请住户确认"));
			return this.complaints.resolve(noise, "已与楼上住户沟通，约定晚上十点后不再进行跳绳等活动，并在地面铺设地垫。");
		});
		this.complaints.confirm(author(noise), noise, true, "现在安静多了，谢谢");
		// a neighbour about the same noise: linked, in progress
		long again = submit(rooms.get(1), ComplaintKind.COMPLAINT, ComplaintCategory.NOISE, "晚上楼上有跳绳声", false);
		assign(again, manager, service);
		as(service, Role.SERVICE,
				() -> this.complaints.followUp(again, new ComplaintService.FollowUp("与前一件噪音投诉为同一来源，合并跟进", null, null)));
		as(manager, Role.MANAGER, () -> this.complaints.link(again, noise));
		// sanitation resolved, the resident not satisfied: reopened
		long bins = submit(rooms.get(2), ComplaintKind.COMPLAINT, ComplaintCategory.SANITATION, "单元门口垃圾桶两天没人清运，气味很大",
				false);
		assign(bins, manager, service);
		as(service, Role.SERVICE, () -> this.complaints.resolve(bins, "已安排保洁清运并消毒。"));
		this.complaints.confirm(author(bins), bins, false, "只清了一次，第二天又满了");
		// a suggestion replied to, waiting for the resident's confirmation
		long suggestion = submit(rooms.get(3), ComplaintKind.SUGGESTION, ComplaintCategory.FACILITY, "建议在儿童游乐区增加遮阳棚",
				false);
		assign(suggestion, manager, manager);
		as(manager, Role.MANAGER, () -> this.complaints.resolve(suggestion, "感谢建议，遮阳棚已列入明年公共收益支出计划，预计四月安装。"));
		// praise, thanked and confirmed
		long praise = submit(rooms.get(4), ComplaintKind.PRAISE, ComplaintCategory.SERVICE, "感谢保安李师傅帮忙把摔倒的老人送回家",
				false);
		assign(praise, manager, service);
		as(service, Role.SERVICE, () -> this.complaints.resolve(praise, "谢谢您的表扬，已在月度例会上通报表扬李师傅。"));
		this.complaints.confirm(author(praise), praise, true, null);
		// a caller's parking complaint nobody has accepted for six hours: overdue
		long parking = as(service, Role.SERVICE,
				() -> this.complaints
					.register(community,
							new ComplaintService.Registration(ComplaintKind.COMPLAINT, ComplaintCategory.PARKING,
									ComplaintChannel.PHONE, "车位经常被外来车辆占用", null, "来电业主", "13800138000", false))
					.id());
		backdate(parking, Duration.ofHours(6));
		// a leak that is really a fault: a repair order, linked both ways
		long leak = submit(rooms.get(5), ComplaintKind.COMPLAINT, ComplaintCategory.LEAK, "楼上卫生间漏水到我家天花板", false);
		assign(leak, manager, service);
		as(service, Role.SERVICE,
				() -> this.complaints.openRepair(leak, new ComplaintService.RepairRequest(RepairCategory.PLUMBING,
						Urgency.URGENT, "楼上卫生间防水层疑似破损，渗水至楼下天花板", null, true)));
		// withdrawn by its author
		long withdrawn = submit(rooms.get(0), ComplaintKind.COMPLAINT, ComplaintCategory.FACILITY, "电梯按钮失灵", false);
		this.complaints.withdraw(author(withdrawn), withdrawn);
		return 8;
	}

	private long submit(RoomRef room, ComplaintKind kind, ComplaintCategory category, String description,
			boolean anonymous) {
		long resident = this.residents.occupantsOf(room.id(), Times.today(this.clock)).get(0);
		return this.complaints
			.submit(resident, new ComplaintService.Submission(kind, category, description, room.id(), anonymous))
			.id();
	}

	private long author(long id) {
		return this.jdbc.sql("SELECT author_resident_id FROM complaint WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	private void assign(long id, StaffDirectory.StaffRef manager, StaffDirectory.StaffRef handler) {
		as(manager, Role.MANAGER, () -> this.complaints.assign(id, handler.id()));
	}

	/** Moves an item's submission and limits into the past (demo only). */
	private void backdate(long id, Duration by) {
		this.jdbc
			.sql("""
					UPDATE complaint SET created_at = created_at - make_interval(secs => :by), accept_by = accept_by - make_interval(secs => :by),
					    resolve_by = resolve_by - make_interval(secs => :by)
					WHERE id = :id""")
			.param("by", by.toSeconds())
			.param("id", id)
			.update();
		this.jdbc.sql("UPDATE complaint_event SET at = at - make_interval(secs => :by) WHERE complaint_id = :id")
			.param("by", by.toSeconds())
			.param("id", id)
			.update();
	}

	private <T> T as(StaffDirectory.StaffRef person, Role role, Supplier<T> work) {
		return ActingStaff.as(person, role, work);
	}

	private static Optional<StaffDirectory.StaffRef> pick(List<StaffDirectory.StaffRef> people, Role role) {
		return people.stream().filter((p) -> p.roles().contains(role) && !p.allCommunities()).findFirst();
	}

}
