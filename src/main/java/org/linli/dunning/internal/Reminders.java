package org.linli.dunning.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.linli.billing.Billing;
import org.linli.dunning.Dunning;
import org.linli.dunning.RoomReminded;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryStatus;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminding rooms of what they owe: by the policy (the daily job, or staff running it
 * now) and by staff choosing rooms. Each room is reminded in its own transaction — the
 * reminder row and its messages in the outbox commit together or not at all — so a run
 * stopped half way leaves every room either reminded or not, and the next run picks up
 * where it stopped. The unique indexes on {@code dunning_reminder} make a policy step
 * happen once per debt and a staff reminder once per room and day, with any number of
 * nodes.
 */
@Service
public class Reminders implements Dunning {

	/** The notifications template of a reminder. */
	public static final String TEMPLATE = "DUNNING_REMINDER";

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private static final int MAX_ROOMS = 500;

	private static final int LINES_IN_MESSAGE = 4;

	private final JdbcClient jdbc;

	private final TransactionTemplate eachRoom;

	private final Billing billing;

	private final Estate estate;

	private final Residents residents;

	private final Notifications notifications;

	private final Policies policies;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Reminders(JdbcClient jdbc, PlatformTransactionManager transactions, Billing billing, Estate estate,
			Residents residents, Notifications notifications, Policies policies, CurrentStaff current, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.eachRoom = new TransactionTemplate(transactions);
		this.eachRoom.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.billing = billing;
		this.estate = estate;
		this.residents = residents;
		this.notifications = notifications;
		this.policies = policies;
		this.current = current;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** What became of one room. */
	enum Outcome {

		REMINDED, NOTHING_DUE, NO_RECIPIENT, ALREADY, FAILED

	}

	/**
	 * A policy run: rooms reminded, rooms owing that were not (not yet due, done, nobody
	 * to remind), and rooms that failed (logged; the next run tries them again).
	 */
	public record RunResult(int reminded, int skipped, int failed) {
	}

	/**
	 * Staff reminders: rooms whose messages were queued, rooms left alone (nothing
	 * overdue, nobody to remind, reminded today), rooms that failed (logged).
	 */
	public record Queued(int queued, int skipped, int failed) {
	}

	/** Runs a community's policy now (the same as the daily job does). */
	@PreAuthorize(Access.FINANCE)
	public RunResult runNow(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.policies.policy(communityId).enabled()) {
			throw new InvalidInputException(409,
					List.of(new InvalidInputException.FieldProblem("enabled", "dunning.policy.off", new Object[0])));
		}
		return run(communityId);
	}

	/** The daily job: every community whose policy is on; answers the rooms reminded. */
	int runAll() {
		int reminded = 0;
		for (long community : this.policies.enabledCommunities()) {
			reminded += run(community).reminded();
		}
		return reminded;
	}

	RunResult run(long communityId) {
		DunningPolicy policy = this.policies.policy(communityId);
		if (!policy.enabled()) {
			return new RunResult(0, 0, 0);
		}
		LocalDate today = Times.today(this.clock);
		Map<Long, List<DunningPolicy.Sent>> sent = sentIn(communityId);
		int reminded = 0;
		int skipped = 0;
		int failed = 0;
		for (Billing.Arrears arrears : this.billing.arrearsIn(communityId, today, 1)) {
			// a first look from the community's figures; the room's own lines decide
			List<DunningPolicy.Line> estimate = List
				.of(new DunningPolicy.Line(0, arrears.oldestDue(), arrears.overdue()));
			if (policy.due(estimate, sent.getOrDefault(arrears.roomId(), List.of()), today).isEmpty()) {
				skipped++;
				continue;
			}
			switch (remind(communityId, arrears.roomId(), policy, policy.channels(), null)) {
				case REMINDED -> reminded++;
				case FAILED -> failed++;
				default -> skipped++;
			}
		}
		if (reminded > 0 || failed > 0) {
			log.info("Dunning of community {}: {} rooms reminded, {} skipped, {} failed", communityId, reminded,
					skipped, failed);
		}
		return new RunResult(reminded, skipped, failed);
	}

	/**
	 * Staff remind the rooms they chose now, by the channels they chose: every room must
	 * be of the community; a room that owes nothing overdue, has nobody to remind or was
	 * reminded by staff today is skipped.
	 */
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public Queued remindNow(long communityId, List<Long> roomIds, Set<Channel> channels) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks();
		if (roomIds == null || roomIds.isEmpty()) {
			checks.add("roomIds", "dunning.remind.chooseRooms");
		}
		else if (roomIds.size() > MAX_ROOMS) {
			checks.add("roomIds", "dunning.remind.tooMany", String.valueOf(MAX_ROOMS));
		}
		else if (roomIds.contains(null)) {
			checks.add("roomIds", "validation.invalidValue");
		}
		if (channels == null || channels.isEmpty()) {
			checks.add("channels", "dunning.remind.chooseChannels");
		}
		else if (channels.contains(null)) {
			checks.add("channels", "validation.invalidValue");
		}
		checks.throwIfAny();
		Set<Long> rooms = new LinkedHashSet<>(roomIds);
		Map<Long, RoomRef> found = this.estate.rooms(rooms);
		for (Long room : rooms) {
			RoomRef ref = found.get(room);
			if (ref == null || ref.communityId() != communityId) {
				checks.add("roomIds", "dunning.remind.unknownRoom", String.valueOf(room));
			}
		}
		checks.throwIfAny();
		String actor = this.current.require().getDisplayName();
		int queued = 0;
		int failed = 0;
		for (Long room : rooms) {
			switch (remind(communityId, room, null, EnumSet.copyOf(channels), actor)) {
				case REMINDED -> queued++;
				case FAILED -> failed++;
				default -> {
				}
			}
		}
		return new Queued(queued, rooms.size() - queued - failed, failed);
	}

	/**
	 * Reminds one room in its own transaction: by the policy when one is given, else by
	 * hand (by {@code actor}).
	 */
	Outcome remind(long communityId, long roomId, DunningPolicy policy, Set<Channel> channels, String actor) {
		try {
			return this.eachRoom.execute((status) -> remindInTransaction(communityId, roomId, policy, channels, actor));
		}
		catch (RuntimeException ex) {
			log.warn("Reminding room {} failed: {}", roomId, ex.toString());
			return Outcome.FAILED;
		}
	}

	private Outcome remindInTransaction(long communityId, long roomId, DunningPolicy policy, Set<Channel> channels,
			String actor) {
		LocalDate today = Times.today(this.clock);
		List<Billing.OpenLine> open = this.billing.openLines(roomId);
		Map<Long, Billing.OpenLine> byId = new HashMap<>();
		open.forEach((l) -> byId.put(l.billId(), l));
		List<DunningPolicy.Line> lines = open.stream()
			.map((l) -> new DunningPolicy.Line(l.billId(), l.dueDate(), l.outstanding()))
			.toList();
		Integer step;
		List<DunningPolicy.Line> overdue;
		if (policy != null) {
			Optional<DunningPolicy.Due> due = policy.due(lines, sentOf(roomId), today);
			if (due.isEmpty()) {
				return Outcome.NOTHING_DUE;
			}
			step = due.get().step();
			overdue = due.get().lines();
		}
		else {
			step = null;
			overdue = DunningPolicy.overdue(lines, today);
			if (overdue.isEmpty()) {
				return Outcome.NOTHING_DUE;
			}
			if (remindedOn(roomId, today)) {
				// by the policy this morning, or by a colleague: once a day is enough
				return Outcome.ALREADY;
			}
		}
		LocalDate oldestDue = overdue.get(0).dueDate();
		Money amount = overdue.stream().map(DunningPolicy.Line::outstanding).reduce(Money.ZERO, Money::plus);
		List<Long> recipients = this.residents.ownersOf(roomId, today);
		if (recipients.isEmpty()) {
			recipients = this.residents.occupantsOf(roomId, today);
		}
		if (recipients.isEmpty()) {
			return Outcome.NO_RECIPIENT;
		}
		String billIds = overdue.stream()
			.map((l) -> String.valueOf(l.billId()))
			.collect(Collectors.joining(",", "{", "}"));
		Optional<Long> inserted = this.jdbc
			.sql("""
					INSERT INTO dunning_reminder (community_id, room_id, kind, step, oldest_due, amount, bill_ids, channels,
					                              recipients, reminded_on, created_at, created_by)
					VALUES (:community, :room, :kind, :step, :oldestDue, :amount, CAST(:bills AS bigint[]), :channels, :recipients, :today,
					        :now, :by)
					ON CONFLICT DO NOTHING RETURNING id""")
			.param("community", communityId)
			.param("room", roomId)
			.param("kind", (step != null) ? "POLICY" : "MANUAL")
			.param("step", step)
			.param("oldestDue", Date.valueOf(oldestDue))
			.param("amount", amount.amount())
			.param("bills", billIds)
			.param("channels", Policies.channels(channels))
			.param("recipients", recipients.size())
			.param("today", Date.valueOf(today))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", actor)
			.query(Long.class)
			.optional();
		if (inserted.isEmpty()) {
			return Outcome.ALREADY;
		}
		long id = inserted.get();
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		Map<String, String> params = new HashMap<>();
		params.put("community", room.community());
		params.put("room", room.code());
		params.put("amount", amount.toString());
		params.put("asOf", today.toString());
		params.put("oldestDue", oldestDue.toString());
		params.put("lines", summary(overdue, byId));
		Map<Long, String> names = this.residents.names(recipients);
		for (Long resident : recipients) {
			Map<String, String> personal = new HashMap<>(params);
			personal.put("name", names.getOrDefault(resident, ""));
			this.notifications.send(new Notifications.Notice(communityId, new Notifications.Resident(resident),
					TEMPLATE, personal, channels, Purpose.REMINDER, "dunning:" + id + ":" + resident, "dunning:" + id));
		}
		if (actor != null) {
			this.audit.record("DUNNING_REMINDED", "room", roomId, communityId,
					AuditLog.Changes.of()
						.set("amount", amount.toString())
						.set("channels", Policies.channels(channels)));
		}
		this.events.publishEvent(new RoomReminded(id, communityId, roomId, step, amount, oldestDue, today));
		return Outcome.REMINDED;
	}

	/** The lines of a reminder in a few words: "物业费 2026-10 120.00, 水费 2026-10 36.00". */
	private static String summary(List<DunningPolicy.Line> overdue, Map<Long, Billing.OpenLine> byId) {
		List<String> parts = new ArrayList<>();
		for (DunningPolicy.Line line : overdue.subList(0, Math.min(LINES_IN_MESSAGE, overdue.size()))) {
			Billing.OpenLine open = byId.get(line.billId());
			parts.add(open.feeItemName() + " " + open.period() + " " + open.outstanding());
		}
		if (overdue.size() > LINES_IN_MESSAGE) {
			parts.add("… (" + overdue.size() + ")");
		}
		return String.join(", ", parts);
	}

	private boolean remindedOn(long roomId, LocalDate day) {
		return this.jdbc.sql("SELECT count(*) > 0 FROM dunning_reminder WHERE room_id = ? AND reminded_on = ?")
			.params(roomId, Date.valueOf(day))
			.query(Boolean.class)
			.single();
	}

	private List<DunningPolicy.Sent> sentOf(long roomId) {
		return this.jdbc.sql("SELECT oldest_due, step, reminded_on FROM dunning_reminder WHERE room_id = ?")
			.param(roomId)
			.query((rs, n) -> new DunningPolicy.Sent(rs.getDate(1).toLocalDate(), (Integer) rs.getObject(2),
					rs.getDate(3).toLocalDate()))
			.list();
	}

	private Map<Long, List<DunningPolicy.Sent>> sentIn(long communityId) {
		Map<Long, List<DunningPolicy.Sent>> sent = new HashMap<>();
		this.jdbc.sql("SELECT room_id, oldest_due, step, reminded_on FROM dunning_reminder WHERE community_id = ?")
			.param(communityId)
			.query((rs, n) -> sent.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new DunningPolicy.Sent(rs.getDate(2).toLocalDate(), (Integer) rs.getObject(3),
						rs.getDate(4).toLocalDate())))
			.list();
		return sent;
	}

	/** A reminder as its room's history shows it, with what became of each message. */
	public record ReminderView(long id, String kind, Integer step, LocalDate oldestDue, Money amount,
			LocalDate remindedOn, Instant createdAt, String createdBy, List<Channel> channels, int recipients,
			List<DeliveryView> deliveries) {

		public String created() {
			return Times.minutes(this.createdAt);
		}

	}

	/** One message of a reminder: its channel, the recipient masked, its status. */
	public record DeliveryView(Channel channel, String recipient, DeliveryStatus status, String reason, int attempts,
			Instant createdAt, Instant sentAt) {

		public String sent() {
			return Times.minutes(this.sentAt);
		}

	}

	/** A room's reminders, newest first. */
	@Transactional(readOnly = true)
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public List<ReminderView> history(long roomId) {
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return this.jdbc.sql("""
				SELECT id, kind, step, oldest_due, amount, reminded_on, created_at, created_by, channels, recipients
				FROM dunning_reminder WHERE room_id = ? ORDER BY created_at DESC, id DESC""")
			.param(roomId)
			.query((rs, n) -> new ReminderView(rs.getLong("id"), rs.getString("kind"), (Integer) rs.getObject("step"),
					rs.getDate("oldest_due").toLocalDate(), Money.of(rs.getBigDecimal("amount")),
					rs.getDate("reminded_on").toLocalDate(), rs.getTimestamp("created_at").toInstant(),
					rs.getString("created_by"), Policies.parse(rs.getString("channels")).stream().sorted().toList(),
					rs.getInt("recipients"), List.of()))
			.list()
			.stream()
			.map((r) -> new ReminderView(r.id(), r.kind(), r.step(), r.oldestDue(), r.amount(), r.remindedOn(),
					r.createdAt(), r.createdBy(), r.channels(), r.recipients(),
					this.notifications.deliveries("dunning:" + r.id() + ":")
						.stream()
						.map((d) -> new DeliveryView(d.channel(), d.recipient(), d.status(), d.reason(), d.attempts(),
								d.createdAt(), d.sentAt()))
						.toList()))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public ReminderCount reminders(long roomId) {
		return this.jdbc.sql("SELECT count(*), max(created_at) FROM dunning_reminder WHERE room_id = ?")
			.param(roomId)
			.query((rs, n) -> new ReminderCount(rs.getInt(1),
					(rs.getTimestamp(2) != null) ? rs.getTimestamp(2).toInstant() : null))
			.single();
	}

	/** Per room of a community: reminders sent and the last one's time. */
	Map<Long, ReminderCount> countsIn(long communityId) {
		Map<Long, ReminderCount> counts = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT room_id, count(*), max(created_at) FROM dunning_reminder WHERE community_id = ? GROUP BY room_id""")
			.param(communityId)
			.query((rs, n) -> counts.put(rs.getLong(1),
					new ReminderCount(rs.getInt(2), rs.getTimestamp(3).toInstant())))
			.list();
		return counts;
	}

	/** What a reminder was about: its bill lines and what they owed then. */
	record Debt(Set<Long> billIds, Money amount) {
	}

	/** The debt a reminder was about (for the guard that stops it once it is paid). */
	Optional<Debt> debtOf(long reminderId) {
		return this.jdbc.sql("SELECT bill_ids, amount FROM dunning_reminder WHERE id = ?")
			.param(reminderId)
			.query((rs, n) -> {
				Array array = rs.getArray(1);
				return new Debt(Arrays.stream((Long[]) array.getArray()).collect(Collectors.toSet()),
						Money.of(rs.getBigDecimal(2)));
			})
			.optional();
	}

}
