package org.linli.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.linli.billing.Billing;
import org.linli.community.Community;
import org.linli.complaints.Complaints;
import org.linli.equipment.Equipment;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffUser;
import org.linli.notifications.Notifications;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.statistics.Statistics;
import org.linli.workorders.WorkOrders;

import org.springframework.stereotype.Service;

/**
 * The staff workbench: the tiles a member's roles call for in one community, each one
 * facade call (one statement) and a link to the list behind it.
 * <ul>
 * <li>manager: this month's collection rate, arrears, open and overdue work orders,
 * overdue maintenance, open complaints, upcoming activities, unread messages;</li>
 * <li>cashier (finance): today's takings, arrears;</li>
 * <li>technician: my work orders, overdue maintenance, rounds today;</li>
 * <li>inspector: my rounds today, overdue maintenance;</li>
 * <li>customer service: new complaints, repairs to dispatch, upcoming activities.</li>
 * </ul>
 * A tile two roles share is shown once.
 */
@Service
@SqlRead
public class Workbench {

	/** What a tile shows: a figure, a line under it, where it leads, and its colour. */
	public record Tile(Kind kind, String value, String detailKey, List<Object> detailArgs, String link, Tone tone) {
	}

	public enum Kind {

		COLLECTION_RATE, ARREARS, WORK_ORDERS, MAINTENANCE_OVERDUE, COMPLAINTS, ACTIVITIES, MESSAGES, TAKINGS,
		MY_WORK_ORDERS, ROUNDS_TODAY, NEW_COMPLAINTS, TO_DISPATCH

	}

	public enum Tone {

		NORMAL, GOOD, WARN, BAD

	}

	private static final Set<Role> MANAGING = EnumSet.of(Role.ADMIN, Role.MANAGER);

	private final Statistics statistics;

	private final Billing billing;

	private final WorkOrders workOrders;

	private final Equipment equipment;

	private final Complaints complaints;

	private final Community community;

	private final Notifications notifications;

	private final CurrentStaff current;

	private final Clock clock;

	Workbench(Statistics statistics, Billing billing, WorkOrders workOrders, Equipment equipment, Complaints complaints,
			Community community, Notifications notifications, CurrentStaff current, Clock clock) {
		this.statistics = statistics;
		this.billing = billing;
		this.workOrders = workOrders;
		this.equipment = equipment;
		this.complaints = complaints;
		this.community = community;
		this.notifications = notifications;
		this.current = current;
		this.clock = clock;
	}

	/** The signed-in member's tiles in one of their communities (404 for another). */
	public List<Tile> tiles(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		StaffUser me = this.current.require();
		Set<Kind> kinds = new LinkedHashSet<>();
		if (MANAGING.stream().anyMatch(me::hasRole)) {
			kinds.addAll(List.of(Kind.COLLECTION_RATE, Kind.ARREARS, Kind.WORK_ORDERS, Kind.MAINTENANCE_OVERDUE,
					Kind.COMPLAINTS, Kind.ACTIVITIES, Kind.MESSAGES));
		}
		if (me.hasRole(Role.FINANCE)) {
			kinds.addAll(List.of(Kind.TAKINGS, Kind.ARREARS, Kind.MESSAGES));
		}
		if (me.hasRole(Role.TECHNICIAN)) {
			kinds.addAll(List.of(Kind.MY_WORK_ORDERS, Kind.MAINTENANCE_OVERDUE, Kind.ROUNDS_TODAY, Kind.MESSAGES));
		}
		if (me.hasRole(Role.INSPECTOR)) {
			kinds.addAll(List.of(Kind.ROUNDS_TODAY, Kind.MAINTENANCE_OVERDUE, Kind.MESSAGES));
		}
		if (me.hasRole(Role.SERVICE)) {
			kinds.addAll(List.of(Kind.NEW_COMPLAINTS, Kind.TO_DISPATCH, Kind.ACTIVITIES, Kind.MESSAGES));
		}
		LocalDate today = Times.today(this.clock);
		// one call each for what several tiles share
		Memo<WorkOrders.OpenCount> orders = new Memo<>(() -> this.workOrders.openCount(communityId, me.getAccountId()));
		Memo<Equipment.Duties> duties = new Memo<>(() -> this.equipment.duties(communityId, me.getAccountId(), today));
		Memo<Complaints.OpenCount> items = new Memo<>(() -> this.complaints.openCount(communityId));
		List<Tile> tiles = new ArrayList<>();
		String c = "communityId=" + communityId;
		for (Kind kind : kinds) {
			tiles.add(switch (kind) {
				case COLLECTION_RATE -> {
					Statistics.MonthCollection month = this.statistics.collectionOf(communityId, YearMonth.from(today));
					BigDecimal rate = month.rate();
					yield new Tile(kind, (rate != null) ? percent(rate) : "—", "dashboard.detail.collection",
							List.of(month.received().amount().toPlainString(),
									month.receivable().amount().toPlainString()),
							"/admin/communities/" + communityId + "/stats/collection", (rate == null) ? Tone.NORMAL
									: (rate.compareTo(new BigDecimal("0.9")) >= 0) ? Tone.GOOD : Tone.WARN);
				}
				case ARREARS -> {
					Billing.Owed owed = this.billing.overdueTotal(communityId, today);
					yield new Tile(kind, "¥" + owed.amount().amount().toPlainString(), "dashboard.detail.places",
							List.of(owed.places()), "/admin/arrears?" + c,
							owed.amount().isPositive() ? Tone.WARN : Tone.GOOD);
				}
				case WORK_ORDERS -> new Tile(kind, String.valueOf(orders.get().open()), "dashboard.detail.overdue",
						List.of(orders.get().overdue()),
						"/admin/communities/" + communityId + "/work-orders?status=OPEN",
						(orders.get().overdue() > 0) ? Tone.BAD : Tone.NORMAL);
				case MAINTENANCE_OVERDUE -> new Tile(kind, String.valueOf(duties.get().overdueTasks()),
						"dashboard.detail.dueToday", List.of(duties.get().tasksToday()),
						"/admin/communities/" + communityId + "/maintenance-tasks?status=OVERDUE",
						(duties.get().overdueTasks() > 0) ? Tone.BAD : Tone.GOOD);
				case COMPLAINTS -> new Tile(kind, String.valueOf(items.get().open()), "dashboard.detail.overdue",
						List.of(items.get().overdue()), "/admin/communities/" + communityId + "/complaints?status=OPEN",
						(items.get().overdue() > 0) ? Tone.BAD : Tone.NORMAL);
				case ACTIVITIES -> {
					Community.Upcoming upcoming = this.community.upcoming(communityId);
					yield new Tile(kind, String.valueOf(upcoming.count()),
							(upcoming.nextTitle() != null) ? "dashboard.detail.next" : "dashboard.detail.none",
							(upcoming.nextTitle() != null)
									? List.of(upcoming.nextTitle(), Times.minutes(upcoming.nextStartsAt())) : List.of(),
							"/admin/communities/" + communityId + "/activities", Tone.NORMAL);
				}
				case MESSAGES -> {
					long unread = this.notifications.unread(new Notifications.Staff(me.getAccountId()));
					yield new Tile(kind, String.valueOf(unread), "dashboard.detail.unread", List.of(),
							"/admin/messages", (unread > 0) ? Tone.WARN : Tone.NORMAL);
				}
				case TAKINGS -> {
					Billing.Takings takings = this.billing.takings(communityId, today);
					yield new Tile(kind, "¥" + takings.amount().amount().toPlainString(), "dashboard.detail.payments",
							List.of(takings.payments()), "/admin/cashier?" + c, Tone.NORMAL);
				}
				case MY_WORK_ORDERS -> new Tile(kind, String.valueOf(orders.get().mine()), "dashboard.detail.open",
						List.of(), "/admin/my-work-orders", (orders.get().mine() > 0) ? Tone.WARN : Tone.NORMAL);
				case ROUNDS_TODAY -> new Tile(kind, String.valueOf(duties.get().myRounds()),
						"dashboard.detail.ofRounds", List.of(duties.get().roundsToday()), "/admin/rounds",
						(duties.get().myRounds() > 0) ? Tone.WARN : Tone.NORMAL);
				case NEW_COMPLAINTS ->
					new Tile(kind, String.valueOf(items.get().unassigned()), "dashboard.detail.toAssign", List.of(),
							"/admin/communities/" + communityId + "/complaints?status=SUBMITTED",
							(items.get().unassigned() > 0) ? Tone.WARN : Tone.NORMAL);
				case TO_DISPATCH -> new Tile(kind, String.valueOf(orders.get().waiting()), "dashboard.detail.toAssign",
						List.of(), "/admin/communities/" + communityId + "/work-orders?status=POOL",
						(orders.get().waiting() > 0) ? Tone.WARN : Tone.NORMAL);
			});
		}
		return tiles;
	}

	private static String percent(BigDecimal rate) {
		return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	/** A facade call made once, when a tile first needs it. */
	private static final class Memo<T> {

		private final Supplier<T> source;

		private T value;

		Memo(Supplier<T> source) {
			this.source = source;
		}

		T get() {
			if (this.value == null) {
				this.value = this.source.get();
			}
			return this.value;
		}

	}

}
