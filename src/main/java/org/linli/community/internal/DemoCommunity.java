package org.linli.community.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Community life's demo data in the first community, made through the same services as
 * real use: a pinned notice read by some households, an urgent water cut for one
 * building, an expired and a scheduled notice; an upcoming craft afternoon nearly full
 * with a household waiting, a paid yoga class, and a past health check with its
 * attendance.
 */
@Component
@Order(170)
class DemoCommunity implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);

	private final JdbcClient jdbc;

	private final Announcements announcements;

	private final Activities activities;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final Estate estate;

	private final Residents residents;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoCommunity(JdbcClient jdbc, Announcements announcements, Activities activities, CommunityDirectory communities,
			StaffDirectory staff, Estate estate, Residents residents, TransactionTemplate transactions, Clock clock,
			@Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.announcements = announcements;
		this.activities = activities;
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
				|| this.jdbc.sql("SELECT count(*) FROM announcement").query(Long.class).single() > 0) {
			return;
		}
		long community = this.communities.allCommunities().get(0).id();
		Optional<StaffDirectory.StaffRef> manager = this.staff.inCommunity(community)
			.stream()
			.filter((p) -> p.roles().contains(Role.MANAGER) && !p.allCommunities())
			.findFirst();
		List<RoomRef> homes = this.estate.roomsIn(community)
			.stream()
			.filter((r) -> !this.residents.occupantsOf(r.id(), Times.today(this.clock)).isEmpty())
			.limit(12)
			.toList();
		if (manager.isEmpty() || homes.size() < 12) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> seed(community, manager.get(), homes));
		log.info("Seeded demo announcements and activities");
	}

	private void seed(long community, StaffDirectory.StaffRef manager, List<RoomRef> homes) {
		Instant now = this.clock.instant();
		long building = homes.get(0).buildingId();
		long pinned = as(manager,
				() -> this.announcements
					.publish(community,
							new Announcements.Draft("关于缴纳2027年度物业费的通知",
									"<p>各位业主：</p><p>2027年度物业服务费将于<strong>1月1日</strong>起开始收取，可在住户门户在线缴纳，或到物业服务中心办理。</p>"
											+ "<ul><li>住宅：2.50 元/㎡·月</li><li>车位管理费：80 元/个·月</li></ul><p>感谢您的支持与配合！</p>",
									List.of(), null, null, true, false))
					.id());
		as(manager,
				() -> this.announcements.publish(community,
						new Announcements.Draft("12月5日停水通知", "因二次供水水箱清洗消毒，12月5日 9:00—15:00 停水，请提前储水。\n给您带来不便，敬请谅解。",
								List.of(building), null, at(now.plus(Duration.ofDays(8))), false, true)));
		long expired = as(manager,
				() -> this.announcements
					.publish(community,
							new Announcements.Draft("国庆假期服务安排", "国庆期间物业服务中心 9:00—17:00 正常值班，报修电话 24 小时畅通。", List.of(),
									null, at(now.plus(Duration.ofDays(1))), false, false))
					.id());
		this.jdbc.sql("UPDATE announcement SET publish_at = ?, expires_at = ?, created_at = ? WHERE id = ?")
			.params(Timestamp.from(now.minus(Duration.ofDays(60))), Timestamp.from(now.minus(Duration.ofDays(52))),
					Timestamp.from(now.minus(Duration.ofDays(60))), expired)
			.update();
		as(manager,
				() -> this.announcements.publish(community,
						new Announcements.Draft("元旦游园会预告", "元旦当天上午在中心花园举办游园会，猜灯谜、套圈、写春联，欢迎全家参加！", List.of(),
								at(now.plus(Duration.ofDays(3))), null, false, false)));
		for (RoomRef home : homes.subList(0, 5)) {
			long resident = this.residents.occupantsOf(home.id(), Times.today(this.clock)).get(0);
			this.announcements.readByResident(resident, pinned);
		}
		// an upcoming craft afternoon: 7 of 8 places taken, a household of two waiting
		Instant craftStart = Times.startOf(Times.today(this.clock).plusDays(14)).plus(Duration.ofHours(14));
		long craft = as(manager,
				() -> this.activities
					.create(community,
							new Activities.Plan("亲子手工：圣诞花环", "<p>和孩子一起用松枝、松果和丝带做一个圣诞花环，材料由物业准备。</p>", "会所二楼活动室",
									at(craftStart), at(craftStart.plus(Duration.ofHours(2))),
									at(craftStart.minus(Duration.ofDays(1))), 8, 2, List.of(), null))
					.id());
		for (int i = 0; i < 3; i++) {
			register(homes.get(i), craft, 2);
		}
		register(homes.get(3), craft, 1);
		register(homes.get(4), craft, 2);
		// a paid yoga class for one building
		Instant yogaStart = Times.startOf(Times.today(this.clock).plusDays(10)).plus(Duration.ofHours(19));
		long yoga = as(manager, () -> this.activities
			.create(community,
					new Activities.Plan("瑜伽体验课", "由专业教练带领，请自带瑜伽垫。", "中心花园", at(yogaStart),
							at(yogaStart.plus(Duration.ofMinutes(90))), at(yogaStart.minus(Duration.ofHours(12))), 15,
							2, List.of(building), new BigDecimal("20.00")))
			.id());
		homes.stream().filter((h) -> h.buildingId() == building).findFirst().ifPresent((h) -> register(h, yoga, 1));
		// a past health check with its attendance
		Instant checkStart = Times.startOf(Times.today(this.clock).plusDays(2)).plus(Duration.ofHours(9));
		long health = as(manager,
				() -> this.activities
					.create(community,
							new Activities.Plan("社区义诊", "社区医院医生现场量血压、测血糖，提供健康咨询。", "小区广场", at(checkStart),
									at(checkStart.plus(Duration.ofHours(3))), at(checkStart.minus(Duration.ofHours(2))),
									30, 3, List.of(), null))
					.id());
		for (int i = 5; i < 11; i++) {
			register(homes.get(i), health, 1 + (i % 3));
		}
		Duration back = Duration.ofDays(30);
		this.jdbc
			.sql("""
					UPDATE activity SET starts_at = starts_at - CAST(:back AS interval), ends_at = ends_at - CAST(:back AS interval),
					       registration_deadline = registration_deadline - CAST(:back AS interval),
					       created_at = created_at - CAST(:back AS interval) - interval '7 days' WHERE id = :id""")
			.param("back", back.toDays() + " days")
			.param("id", health)
			.update();
		this.jdbc.sql("""
				UPDATE activity_registration r SET created_at = r.created_at - CAST(:back AS interval),
				       checked_in_at = a.starts_at + interval '20 minutes', checked_in_people = r.people,
				       checked_in_by = :by
				FROM activity a WHERE a.id = r.activity_id AND r.activity_id = :id AND r.id % 4 <> 0""")
			.param("back", (back.toDays() + 5) + " days")
			.param("by", manager.name())
			.param("id", health)
			.update();
	}

	private void register(RoomRef home, long activity, int people) {
		long resident = this.residents.occupantsOf(home.id(), Times.today(this.clock)).get(0);
		this.activities.register(resident, activity, new Activities.Signup(home.id(), people));
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atZone(Times.zone()).toOffsetDateTime();
	}

	private <T> T as(StaffDirectory.StaffRef person, Supplier<T> work) {
		return ActingStaff.as(person, Role.MANAGER, work);
	}

}
