package org.linli.dunning.internal;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.linli.billing.Billing;
import org.linli.dunning.Dunning;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.Money;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.Times;
import org.linli.shared.crypto.Masking;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The arrears list (欠费清单) of a community: every room with something overdue, what it owes
 * past due and in all, since when, who pays (names masked) and how often it was reminded
 * — filtered by building and age, sorted by amount, age, room or reminders. A few queries
 * for the whole community, whatever its size.
 */
@Service
public class ArrearsList {

	/** Room codes as people read them: 1栋-1单元-301 before 1栋-1单元-1002. */
	private static final Comparator<String> NATURAL = ArrearsList::compareNaturally;

	private static final Map<String, Comparator<Row>> SORTS = Map.of("amount",
			Comparator.comparing(Row::amount).thenComparing(Row::roomCode, NATURAL), "days",
			Comparator.comparingLong(Row::days).thenComparing(Row::roomCode, NATURAL), "roomCode",
			Comparator.comparing(Row::roomCode, NATURAL), "remindersSent",
			Comparator.comparingInt(Row::remindersSent).thenComparing(Row::roomCode, NATURAL));

	private final Billing billing;

	private final Estate estate;

	private final Residents residents;

	private final Reminders reminders;

	private final CurrentStaff current;

	private final Clock clock;

	ArrearsList(Billing billing, Estate estate, Residents residents, Reminders reminders, CurrentStaff current,
			Clock clock) {
		this.billing = billing;
		this.estate = estate;
		this.residents = residents;
		this.reminders = reminders;
		this.current = current;
		this.clock = clock;
	}

	/**
	 * A room in arrears: {@code amount} is what is past due, {@code outstanding} all it
	 * owes; {@code days} since the oldest line fell due.
	 */
	public record Row(long roomId, String roomCode, long buildingId, String payerNames, Money amount, Money outstanding,
			LocalDate oldestDueDate, long days, int remindersSent, Instant lastReminderAt) {

		public String lastReminder() {
			return Times.minutes(this.lastReminderAt);
		}

	}

	/** Which rooms: of a building (or all), overdue by at least {@code minDays} days. */
	public record Filter(Long buildingId, Integer minDays) {

		int days() {
			return (this.minDays != null && this.minDays > 0) ? this.minDays : 1;
		}

	}

	/** The figures above the list: rooms and what they owe past due. */
	public record Totals(int rooms, Money amount) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public PageView<Row> page(long communityId, Filter filter, PageQuery query) {
		return pageOf(rows(communityId, filter, query.sort(), query.dir()), query);
	}

	/** One page of rows already selected and sorted. */
	public static PageView<Row> pageOf(List<Row> rows, PageQuery query) {
		int from = Math.min(query.page() * query.size(), rows.size());
		int to = Math.min(from + query.size(), rows.size());
		return new PageView<>(List.copyOf(rows.subList(from, to)), query.page(), query.size(), rows.size(),
				(rows.size() + query.size() - 1) / query.size());
	}

	/** Every row the filter selects, sorted (for the export and the totals). */
	@Transactional(readOnly = true)
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public List<Row> all(long communityId, Filter filter, String sort, String dir) {
		return rows(communityId, filter, sort, dir);
	}

	public static Totals totals(List<Row> rows) {
		return new Totals(rows.size(), rows.stream().map(Row::amount).reduce(Money.ZERO, Money::plus));
	}

	private List<Row> rows(long communityId, Filter filter, String sort, String dir) {
		this.current.requireCommunity(communityId, "community", communityId);
		new Checks().range("minDays", filter.minDays(), 1, 3650).throwIfAny();
		LocalDate today = Times.today(this.clock);
		List<Billing.Arrears> owing = this.billing.arrearsIn(communityId, today, filter.days());
		Set<Long> ids = owing.stream().map(Billing.Arrears::roomId).collect(Collectors.toSet());
		Map<Long, RoomRef> rooms = this.estate.rooms(ids);
		Map<Long, List<Long>> owners = this.residents.ownersInCommunityOn(communityId, today);
		Set<Long> people = new HashSet<>();
		owners.forEach((room, list) -> {
			if (ids.contains(room)) {
				people.addAll(list);
			}
		});
		Map<Long, String> names = this.residents.names(people);
		Map<Long, Dunning.ReminderCount> counts = this.reminders.countsIn(communityId);
		List<Row> rows = new ArrayList<>();
		for (Billing.Arrears a : owing) {
			RoomRef room = rooms.get(a.roomId());
			if (room == null || (filter.buildingId() != null && room.buildingId() != filter.buildingId())) {
				continue;
			}
			String payers = owners.getOrDefault(a.roomId(), List.of())
				.stream()
				.map(names::get)
				.map(Masking::name)
				.collect(Collectors.joining("、"));
			Dunning.ReminderCount count = counts.getOrDefault(a.roomId(), new Dunning.ReminderCount(0, null));
			rows.add(new Row(a.roomId(), room.code(), room.buildingId(), payers, a.overdue(), a.outstanding(),
					a.oldestDue(), ChronoUnit.DAYS.between(a.oldestDue(), today), count.sent(), count.lastAt()));
		}
		boolean asked = sort != null && SORTS.containsKey(sort);
		Comparator<Row> order = SORTS.get(asked ? sort : "amount");
		boolean ascending = asked && !"desc".equalsIgnoreCase(dir);
		rows.sort(ascending ? order : order.reversed());
		return rows;
	}

	/** Compares runs of digits by their value and everything else as text. */
	static int compareNaturally(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			char x = a.charAt(i);
			char y = b.charAt(j);
			if (Character.isDigit(x) && Character.isDigit(y)) {
				int endA = i;
				int endB = j;
				while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
					endA++;
				}
				while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
					endB++;
				}
				int byValue = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
				if (byValue != 0) {
					return byValue;
				}
				i = endA;
				j = endB;
			}
			else {
				if (x != y) {
					return Character.compare(x, y);
				}
				i++;
				j++;
			}
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
