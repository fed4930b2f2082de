package org.linli.community.internal;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.linli.billing.Billing;
import org.linli.billing.ChargeKind;
import org.linli.community.Community;
import org.linli.community.RegistrationPromoted;
import org.linli.community.RegistrationStatus;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.RichText;
import org.linli.shared.SqlArrays;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Community activities (社区活动) and their registrations.
 * <p>
 * Every change to an activity's places — a registration, a cancellation, a promotion, a
 * new capacity — happens under the activity's row lock ({@code SELECT … FOR UPDATE}), so
 * that households registering in the same second are taken one after another; the table's
 * check keeps the places taken within the capacity whatever happens. A household holds at
 * most the activity's places per household, on the list and off it. When places free up,
 * the waiting list is walked in the order households joined it: the first who fits is
 * promoted and told, one who would not fit the places left or whose household would then
 * hold more than its limit is skipped and keeps its turn.
 */
@Service
@Transactional(readOnly = true)
public class Activities {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final BigDecimal MAX_FEE = new BigDecimal("100000");

	private static final String STATE = """
			CASE WHEN a.cancelled_at IS NOT NULL THEN 'CANCELLED' WHEN a.ends_at <= :now THEN 'PAST'
			     WHEN a.registration_deadline <= :now THEN 'CLOSED' WHEN a.taken >= a.capacity THEN 'FULL' ELSE 'OPEN' END""";

	private static final String COLUMNS = "a.*, " + STATE + " AS state, "
			+ "(SELECT coalesce(sum(r.people), 0) FROM activity_registration r WHERE r.activity_id = a.id "
			+ "AND r.status = 'WAITLISTED') AS waiting, "
			+ "(SELECT count(DISTINCT r.room_id) FROM activity_registration r WHERE r.activity_id = a.id "
			+ "AND r.status = 'REGISTERED') AS households, "
			+ "(SELECT coalesce(sum(r.checked_in_people), 0) FROM activity_registration r WHERE r.activity_id = a.id "
			+ "AND r.checked_in_at IS NOT NULL) AS attended";

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final Residents residents;

	private final Homes homes;

	private final Announcements announcements;

	private final Billing billing;

	private final CommunityNotices notices;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Activities(JdbcClient jdbc, CurrentStaff current, Estate estate, Residents residents, Homes homes,
			Announcements announcements, Billing billing, CommunityNotices notices, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.residents = residents;
		this.homes = homes;
		this.announcements = announcements;
		this.billing = billing;
		this.notices = notices;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * An activity as staff plan it: no buildings means the whole community, no fee means
	 * free; a fee is per person, billed to the room when its places are held.
	 */
	public record Plan(String title, String description, String place, OffsetDateTime startsAt, OffsetDateTime endsAt,
			OffsetDateTime registrationDeadline, Integer capacity, Integer perHousehold, List<Long> buildingIds,
			BigDecimal fee) {
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ActivityView create(long communityId, Plan plan) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		Checks checks = new Checks();
		List<Long> buildings = this.announcements.buildings(communityId, plan.buildingIds(), checks);
		check(plan, checks);
		if (plan.startsAt() != null && !plan.startsAt().toInstant().isAfter(this.clock.instant())) {
			checks.add("startsAt", "community.activity.startsInPast");
		}
		checks.throwIfAny();
		Instant now = this.clock.instant();
		long id = this.jdbc
			.sql("""
					INSERT INTO activity (community_id, title, description, place, starts_at, ends_at, registration_deadline,
					                      capacity, per_household, building_ids, fee, created_by, created_at)
					VALUES (:community, :title, :description, :place, :startsAt, :endsAt, :deadline, :capacity, :perHousehold,
					        CAST(:buildings AS bigint[]), :fee, :by, :now) RETURNING id""")
			.params(columns(plan, buildings))
			.param("community", communityId)
			.param("by", this.current.require().getDisplayName())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		this.audit.record("ACTIVITY_PUBLISHED", "activity", id, communityId,
				AuditLog.Changes.of()
					.set("title", plan.title().strip())
					.set("startsAt", plan.startsAt().toInstant())
					.set("capacity", plan.capacity())
					.set("perHousehold", plan.perHousehold())
					.set("buildings", buildings)
					.set("fee", plan.fee()));
		return find(id);
	}

	/**
	 * Changes an activity still to come. The capacity cannot go below the places held;
	 * the fee cannot change once a household holds places; more places promote from the
	 * waiting list.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ActivityView update(long id, Plan plan) {
		find(id);
		Locked activity = lock(id);
		// read again under the lock: a registration that committed meanwhile counts
		ActivityView before = find(id);
		if (activity.cancelled() || !activity.endsAt().isAfter(this.clock.instant())) {
			throw InvalidInputException.conflict("state", "community.activity.notChangeable");
		}
		Checks checks = new Checks();
		List<Long> buildings = this.announcements.buildings(before.communityId(), plan.buildingIds(), checks);
		check(plan, checks);
		if (plan.capacity() != null && plan.capacity() < activity.taken()) {
			checks.add("capacity", "community.activity.capacityBelowTaken", activity.taken());
		}
		Money fee = (plan.fee() != null) ? Money.of(plan.fee()) : null;
		if (!Objects.equals(fee, before.fee()) && (before.taken() > 0 || before.waiting() > 0)) {
			checks.add("fee", "community.activity.feeFixed");
		}
		checks.throwIfAny();
		this.jdbc.sql("""
				UPDATE activity SET title = :title, description = :description, place = :place, starts_at = :startsAt,
				       ends_at = :endsAt, registration_deadline = :deadline, capacity = :capacity,
				       per_household = :perHousehold, building_ids = CAST(:buildings AS bigint[]), fee = :fee
				WHERE id = :id""").params(columns(plan, buildings)).param("id", id).update();
		this.audit.record("ACTIVITY_CHANGED", "activity", id, before.communityId(), AuditLog.Changes.of()
			.changed("title", before.title(), plan.title().strip())
			.changed("place", before.place(), plan.place().strip())
			.changed("startsAt", before.startsAt(), plan.startsAt().toInstant())
			.changed("endsAt", before.endsAt(), plan.endsAt().toInstant())
			.changed("registrationDeadline", before.registrationDeadline(), plan.registrationDeadline().toInstant())
			.changed("capacity", before.capacity(), plan.capacity())
			.changed("perHousehold", before.perHousehold(), plan.perHousehold())
			.changed("buildings", before.buildingIds(), buildings));
		promote(id);
		return find(id);
	}

	/** Calls an activity off: every registration is cancelled, its fee too, and told. */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ActivityView cancel(long id, String reason) {
		ActivityView activity = find(id);
		new Checks().required("reason", Announcements.blank(reason)).maxLength("reason", reason, 500).throwIfAny();
		Locked locked = lock(id);
		if (locked.cancelled() || !locked.endsAt().isAfter(this.clock.instant())) {
			throw InvalidInputException.conflict("state", "community.activity.notChangeable");
		}
		Instant now = this.clock.instant();
		String by = this.current.require().getDisplayName();
		List<Held> active = this.jdbc
			.sql("SELECT id, room_id, resident_id, people, status FROM activity_registration "
					+ "WHERE activity_id = ? AND status <> 'CANCELLED' ORDER BY id")
			.param(id)
			.query(Activities::held)
			.list();
		// unpaid fees are cancelled in the order of their bills (the order payments lock
		// them in); a paid one stays until the cashier refunds it
		record Fee(long billId, String key) {
		}
		List<Fee> fees = new ArrayList<>();
		List<Long> toRefund = new ArrayList<>();
		for (Held held : active) {
			String key = feeKey(id, held.id());
			if (held.status() == RegistrationStatus.REGISTERED) {
				this.billing.chargeLine(key).ifPresent((line) -> {
					if (line.paid().isPositive()) {
						toRefund.add(held.id());
					}
					else {
						fees.add(new Fee(line.billId(), key));
					}
				});
			}
		}
		fees.sort(java.util.Comparator.comparingLong(Fee::billId));
		for (Fee fee : fees) {
			this.billing.cancelCharge(fee.key(), "activity cancelled");
		}
		this.jdbc
			.sql("UPDATE activity_registration SET status = 'CANCELLED', cancelled_at = ?, cancelled_by = ? "
					+ "WHERE activity_id = ? AND status <> 'CANCELLED'")
			.params(Timestamp.from(now), by, id)
			.update();
		this.jdbc.sql("UPDATE activity SET cancelled_at = ?, cancel_reason = ?, taken = 0 WHERE id = ?")
			.params(Timestamp.from(now), reason.strip(), id)
			.update();
		for (Held held : active) {
			this.notices.activityCancelled(activity.communityId(), id, activity.title(), held.residentId(), held.id());
		}
		this.audit.record("ACTIVITY_CANCELLED", "activity", id, activity.communityId(),
				AuditLog.Changes.of()
					.set("reason", reason.strip())
					.set("registrations", active.size())
					.set("feesToRefund", toRefund));
		return find(id);
	}

	@PreAuthorize(Access.SERVICE)
	public ActivityView find(long id) {
		ActivityView activity = read(id).orElseThrow(() -> new NotFoundException("activity", id));
		this.current.requireCommunity(activity.communityId(), "activity", id);
		return new ActivityView(activity.id(), activity.communityId(), activity.title(), activity.description(),
				activity.place(), activity.startsAt(), activity.endsAt(), activity.registrationDeadline(),
				activity.capacity(), activity.perHousehold(), activity.buildingIds(),
				this.announcements.buildingNames(activity.communityId(), activity.buildingIds()), activity.fee(),
				activity.taken(), activity.waiting(), activity.households(), activity.attended(), activity.state(),
				activity.cancelledAt(), activity.cancelReason(), activity.createdBy(), activity.createdAt());
	}

	private java.util.Optional<ActivityView> read(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM activity a WHERE a.id = :id")
			.param("id", id)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Activities::view)
			.optional();
	}

	/** When: upcoming (not over), past (over), or all. */
	public enum When {

		UPCOMING, PAST, ALL

	}

	@PreAuthorize(Access.SERVICE)
	@SqlRead
	public PageView<ActivityView> list(long communityId, When when, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		When chosen = (when != null) ? when : When.ALL;
		return SqlList.from("FROM activity a")
			.where("a.community_id = :community")
			.param("community", communityId)
			.param("now", Timestamp.from(this.clock.instant()))
			.when(chosen == When.UPCOMING, "a.ends_at > :now")
			.when(chosen == When.PAST, "a.ends_at <= :now")
			.orderBy((chosen == When.PAST) ? "a.starts_at DESC, a.id DESC" : "a.starts_at, a.id")
			.page(this.jdbc, "SELECT " + COLUMNS, query, (rs, n) -> view(rs, n));
	}

	// ------------------------------------------------------------- registrations

	/**
	 * A household signing up: which of their homes, and how many people (them included).
	 */
	public record Signup(Long roomId, Integer people) {
	}

	@Transactional
	public RegistrationView register(long residentId, long activityId, Signup signup) {
		Homes.Of homes = this.homes.of(residentId);
		Locked activity = lock(activityId);
		List<RoomRef> reached = homes.reached(activity.communityId(), activity.buildingIds());
		if (reached.isEmpty()) {
			throw new NotFoundException("activity", activityId);
		}
		new Checks().required("roomId", signup.roomId()).required("people", signup.people()).throwIfAny();
		RoomRef room = reached.stream()
			.filter((r) -> r.id() == signup.roomId())
			.findFirst()
			.orElseThrow(() -> InvalidInputException.field("roomId", "community.activity.roomNotAddressed"));
		Instant now = this.clock.instant();
		if (activity.cancelled()) {
			throw InvalidInputException.conflict("activity", "community.activity.cancelled");
		}
		if (!now.isBefore(activity.deadline())) {
			throw InvalidInputException.conflict("activity", "community.activity.registrationClosed");
		}
		if (signup.people() < 1 || signup.people() > activity.perHousehold()) {
			throw InvalidInputException.field("people", "community.activity.people", activity.perHousehold());
		}
		int already = this.jdbc
			.sql("SELECT coalesce(sum(people), 0) FROM activity_registration "
					+ "WHERE activity_id = ? AND room_id = ? AND status <> 'CANCELLED'")
			.params(activityId, room.id())
			.query(Integer.class)
			.single();
		if (already + signup.people() > activity.perHousehold()) {
			throw InvalidInputException.field("people", "community.activity.perHouseholdFull", activity.perHousehold(),
					already);
		}
		boolean fits = activity.taken() + signup.people() <= activity.capacity();
		RegistrationStatus status = fits ? RegistrationStatus.REGISTERED : RegistrationStatus.WAITLISTED;
		long id = this.jdbc.sql("""
				INSERT INTO activity_registration (activity_id, room_id, resident_id, people, status, check_in_code,
				                                   created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(activityId, room.id(), residentId, signup.people(), status.name(), code(), Timestamp.from(now))
			.query(Long.class)
			.single();
		if (fits) {
			this.jdbc.sql("UPDATE activity SET taken = taken + ? WHERE id = ?")
				.params(signup.people(), activityId)
				.update();
			chargeFee(activity, id, room.id(), signup.people());
		}
		this.audit.record("ACTIVITY_REGISTERED", "activity", activityId, activity.communityId(),
				AuditLog.Changes.of()
					.set("registrationId", id)
					.set("roomId", room.id())
					.set("people", signup.people())
					.set("status", status.name()));
		return registration(id);
	}

	/**
	 * A household cancels before the registration deadline: anyone living in the room it
	 * registered may.
	 */
	@Transactional
	public RegistrationView cancelByResident(long residentId, long registrationId) {
		registrationForResident(residentId, registrationId);
		Held held = held(registrationId).orElseThrow(() -> new NotFoundException("registration", registrationId));
		Locked activity = lock(held.activityId());
		if (!this.clock.instant().isBefore(activity.deadline())) {
			throw InvalidInputException.conflict("registration", "community.activity.registrationClosed");
		}
		return cancelLocked(activity, registrationId, "resident:" + residentId);
	}

	/**
	 * Staff cancel a household's registration (they called) until the activity starts.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public RegistrationView cancelByStaff(long registrationId) {
		Locked activity = lock(activityOf(registrationId));
		if (!this.clock.instant().isBefore(activity.startsAt())) {
			throw InvalidInputException.conflict("registration", "community.activity.started");
		}
		return cancelLocked(activity, registrationId, this.current.require().getDisplayName()).withoutCode();
	}

	private RegistrationView cancelLocked(Locked activity, long registrationId, String by) {
		Held held = held(registrationId).orElseThrow();
		if (held.status() == RegistrationStatus.CANCELLED) {
			throw InvalidInputException.conflict("registration", "community.registration.cancelled");
		}
		if (held.status() == RegistrationStatus.REGISTERED && paid(activity.id(), registrationId)) {
			throw InvalidInputException.conflict("registration", "community.registration.paid");
		}
		if (held.status() == RegistrationStatus.REGISTERED) {
			cancelFee(registrationId, activity.id(), "registration cancelled");
			this.jdbc.sql("UPDATE activity SET taken = taken - ? WHERE id = ?")
				.params(held.people(), activity.id())
				.update();
		}
		this.jdbc
			.sql("UPDATE activity_registration SET status = 'CANCELLED', cancelled_at = ?, cancelled_by = ? "
					+ "WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), by, registrationId)
			.update();
		this.audit.record("ACTIVITY_REGISTRATION_CANCELLED", "activity", activity.id(), activity.communityId(),
				AuditLog.Changes.of()
					.set("registrationId", registrationId)
					.set("people", held.people())
					.set("was", held.status().name()));
		promote(activity.id());
		return registration(registrationId);
	}

	/**
	 * Gives freed places to the waiting list, in order; the activity's row is locked by
	 * the caller. Nothing moves once the activity has started or was called off.
	 */
	private void promote(long activityId) {
		Locked activity = lock(activityId);
		int free = activity.capacity() - activity.taken();
		Instant now = this.clock.instant();
		if (free <= 0 || activity.cancelled() || !now.isBefore(activity.startsAt())) {
			return;
		}
		Map<Long, Integer> held = new HashMap<>();
		this.jdbc
			.sql("SELECT room_id, sum(people) FROM activity_registration "
					+ "WHERE activity_id = ? AND status = 'REGISTERED' GROUP BY room_id")
			.param(activityId)
			.query((rs, n) -> held.put(rs.getLong(1), rs.getInt(2)))
			.list();
		List<Held> waiting = this.jdbc
			.sql("SELECT id, room_id, resident_id, people, status FROM activity_registration "
					+ "WHERE activity_id = ? AND status = 'WAITLISTED' ORDER BY id")
			.param(activityId)
			.query(Activities::held)
			.list();
		List<Held> promoted = new ArrayList<>();
		for (Held next : waiting) {
			if (free == 0) {
				break;
			}
			int household = held.getOrDefault(next.roomId(), 0);
			if (next.people() > free || household + next.people() > activity.perHousehold()) {
				continue;
			}
			free -= next.people();
			held.put(next.roomId(), household + next.people());
			promoted.add(next);
		}
		if (promoted.isEmpty()) {
			return;
		}
		for (Held next : promoted) {
			this.jdbc.sql("UPDATE activity_registration SET status = 'REGISTERED', promoted_at = ? WHERE id = ?")
				.params(Timestamp.from(now), next.id())
				.update();
		}
		this.jdbc.sql("UPDATE activity SET taken = ? WHERE id = ?")
			.params(activity.capacity() - free, activityId)
			.update();
		for (Held next : promoted) {
			chargeFee(activity, next.id(), next.roomId(), next.people());
			this.notices.promoted(activity.communityId(), activityId, activity.title(), next.residentId(), next.id());
			this.audit.record("ACTIVITY_REGISTRATION_PROMOTED", "activity", activityId, activity.communityId(),
					AuditLog.Changes.of().set("registrationId", next.id()).set("people", next.people()));
			this.events.publishEvent(new RegistrationPromoted(activityId, next.id(), next.roomId(), next.people()));
		}
	}

	// ------------------------------------------------------------------ check-in

	/**
	 * Checks a household in on the day of the activity, with how many came (all of them
	 * when not said).
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public RegistrationView checkIn(long registrationId, Integer people) {
		long activityId = activityOf(registrationId);
		Locked activity = lock(activityId);
		Held held = held(registrationId).orElseThrow(() -> new NotFoundException("registration", registrationId));
		if (held.status() != RegistrationStatus.REGISTERED) {
			throw InvalidInputException.conflict("registration", "community.checkIn.notRegistered");
		}
		java.time.LocalDate today = Times.today(this.clock);
		if (activity.cancelled() || today.isBefore(Times.date(activity.startsAt()))
				|| today.isAfter(Times.date(activity.endsAt()))) {
			throw InvalidInputException.conflict("registration", "community.checkIn.notToday");
		}
		int came = (people != null) ? people : held.people();
		if (came < 1 || came > held.people()) {
			throw InvalidInputException.field("people", "community.checkIn.people", held.people());
		}
		int set = this.jdbc
			.sql("UPDATE activity_registration SET checked_in_at = ?, checked_in_people = ?, "
					+ "checked_in_by = ? WHERE id = ? AND checked_in_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), came, this.current.require().getDisplayName(), registrationId)
			.update();
		if (set == 0) {
			throw InvalidInputException.conflict("registration", "community.checkIn.already");
		}
		this.audit.record("ACTIVITY_CHECKED_IN", "activity", activity.id(), activity.communityId(),
				AuditLog.Changes.of().set("registrationId", registrationId).set("people", came));
		return registration(registrationId).withoutCode();
	}

	/**
	 * Whether households can be checked in today: the activity's days, not called off.
	 */
	public boolean checkInOpen(ActivityView activity) {
		java.time.LocalDate today = Times.today(this.clock);
		return activity.cancelledAt() == null && !today.isBefore(Times.date(activity.startsAt()))
				&& !today.isAfter(Times.date(activity.endsAt()));
	}

	/** The activity of a registration of one of the member's communities. */
	@PreAuthorize(Access.SERVICE)
	public long activityOf(long registrationId) {
		Held held = held(registrationId).orElseThrow(() -> new NotFoundException("registration", registrationId));
		this.current.requireCommunity(communityOf(held.activityId()), "registration", registrationId);
		return held.activityId();
	}

	/** The registration a household's QR code stands for (staff of its community). */
	@PreAuthorize(Access.SERVICE)
	public RegistrationView byCode(String code) {
		String given = (code != null) ? code.strip() : "";
		Long id = given.matches("[0-9a-f]{32}")
				? this.jdbc.sql("SELECT id FROM activity_registration WHERE check_in_code = ?")
					.param(given)
					.query(Long.class)
					.optional()
					.orElse(null)
				: null;
		if (id == null) {
			throw new NotFoundException("registration", "code");
		}
		RegistrationView registration = registration(id);
		long communityId = communityOf(registration.activityId());
		this.current.requireCommunity(communityId, "registration", id);
		return registration.withoutCode();
	}

	/** An activity's registrations, in the order they came, for staff. */
	@PreAuthorize(Access.SERVICE)
	public List<RegistrationView> registrations(long activityId, String name) {
		find(activityId);
		String q = (name != null) ? name.strip() : "";
		List<RegistrationView> all = registrationsWhere("r.activity_id = :activity", Map.of("activity", activityId));
		List<RegistrationView> shown = new ArrayList<>();
		for (RegistrationView r : all) {
			if (q.isEmpty() || (r.name() != null && r.name().contains(q)) || r.room().contains(q)) {
				shown.add(r.withoutCode());
			}
		}
		return shown;
	}

	/** A registration as its household sees it (with its check-in code). */
	public RegistrationView registrationForResident(long residentId, long registrationId) {
		RegistrationView registration = registration(registrationId);
		if (!this.homes.of(residentId)
			.owns(registration.roomId(), registration.residentId(), registration.createdAt(), residentId)) {
			throw new NotFoundException("registration", registrationId);
		}
		return registration;
	}

	// ------------------------------------------------------------------ residents

	/** An activity a resident may see, with their household's registrations. */
	public record ForResident(ActivityView activity, List<RegistrationView> mine, List<RoomRef> homes) {

		/**
		 * Whether the household may still register (one of its homes holds less than the
		 * limit, on the list and off it).
		 */
		public boolean mayRegister() {
			for (RoomRef home : this.homes) {
				int held = this.mine.stream()
					.filter((r) -> r.roomId() == home.id())
					.mapToInt(RegistrationView::people)
					.sum();
				if (held < this.activity.perHousehold()) {
					return true;
				}
			}
			return false;
		}

	}

	public ForResident forResident(long residentId, long activityId) {
		Homes.Of homes = this.homes.of(residentId);
		ActivityView activity = read(activityId).orElseThrow(() -> new NotFoundException("activity", activityId));
		List<RoomRef> reached = homes.reached(activity.communityId(), activity.buildingIds());
		if (reached.isEmpty()) {
			throw new NotFoundException("activity", activityId);
		}
		List<Long> rooms = reached.stream().map(RoomRef::id).toList();
		List<RegistrationView> mine = registrationsWhere(
				"r.activity_id = :activity AND r.room_id IN (:rooms) AND r.status <> 'CANCELLED'",
				Map.of("activity", activityId, "rooms", rooms))
			.stream()
			.filter((r) -> homes.owns(r.roomId(), r.residentId(), r.createdAt(), residentId))
			.toList();
		return new ForResident(activity, mine, reached);
	}

	/**
	 * What a resident sees: the activities addressed to their homes that are not over
	 * (soonest first), and those past their household registered for.
	 */
	public record Mine(List<ActivityView> upcoming, List<RegistrationView> registrations) {
	}

	public Mine mine(long residentId) {
		Homes.Of homes = this.homes.of(residentId);
		if (homes.isEmpty()) {
			return new Mine(List.of(), List.of());
		}
		List<ActivityView> upcoming = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM activity a WHERE " + Homes.ADDRESSED
					+ " AND a.cancelled_at IS NULL AND a.ends_at > :now ORDER BY a.starts_at, a.id LIMIT 50")
			.param("communities", homes.communities())
			.param("buildings", homes.buildings())
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Activities::view)
			.list();
		List<Long> rooms = homes.rooms().stream().map(RoomRef::id).toList();
		List<RegistrationView> registrations = registrationsWhere(
				"(r.room_id IN (:rooms) OR r.resident_id = :resident)", Map.of("rooms", rooms, "resident", residentId))
			.stream()
			.filter((r) -> homes.owns(r.roomId(), r.residentId(), r.createdAt(), residentId))
			.toList();
		List<RegistrationView> newestFirst = new ArrayList<>(registrations);
		java.util.Collections.reverse(newestFirst);
		return new Mine(upcoming, newestFirst);
	}

	@SqlRead
	List<Community.ActivityLine> upcomingFor(long residentId, int max) {
		Mine mine = mine(residentId);
		Map<Long, RegistrationStatus> status = new HashMap<>();
		for (RegistrationView r : mine.registrations()) {
			if (r.status() != RegistrationStatus.CANCELLED) {
				status.putIfAbsent(r.activityId(), r.status());
			}
		}
		return mine.upcoming()
			.stream()
			.limit(max)
			.map((a) -> new Community.ActivityLine(a.id(), a.title(), a.place(), a.startsAt(), a.registrationDeadline(),
					a.placesLeft(), status.get(a.id())))
			.toList();
	}

	@SqlRead
	Community.Upcoming upcoming(long communityId) {
		return this.jdbc.sql("""
				SELECT count(*) OVER (), title, starts_at FROM activity
				WHERE community_id = ? AND cancelled_at IS NULL AND ends_at > ? ORDER BY starts_at, id LIMIT 1""")
			.params(communityId, Timestamp.from(this.clock.instant()))
			.query((rs, n) -> new Community.Upcoming(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.optional()
			.orElse(new Community.Upcoming(0, null, null));
	}

	// ------------------------------------------------------------------- helpers

	/** The columns a plan sets, as named parameters (a checked plan). */
	private static Map<String, Object> columns(Plan plan, List<Long> buildings) {
		Map<String, Object> columns = new HashMap<>();
		columns.put("title", plan.title().strip());
		columns.put("description", RichText.clean(plan.description()));
		columns.put("place", plan.place().strip());
		columns.put("startsAt", Timestamp.from(plan.startsAt().toInstant()));
		columns.put("endsAt", Timestamp.from(plan.endsAt().toInstant()));
		columns.put("deadline", Timestamp.from(plan.registrationDeadline().toInstant()));
		columns.put("capacity", plan.capacity());
		columns.put("perHousehold", plan.perHousehold());
		columns.put("buildings", SqlArrays.bigints(buildings));
		columns.put("fee", plan.fee());
		return columns;
	}

	private void check(Plan plan, Checks checks) {
		checks.required("title", Announcements.blank(plan.title()))
			.maxLength("title", plan.title(), 200)
			.maxLength("description", plan.description(), Announcements.MAX_BODY)
			.required("place", Announcements.blank(plan.place()))
			.maxLength("place", plan.place(), 200)
			.required("startsAt", plan.startsAt())
			.required("endsAt", plan.endsAt())
			.required("registrationDeadline", plan.registrationDeadline())
			.required("capacity", plan.capacity())
			.range("capacity", plan.capacity(), 1, 100_000)
			.required("perHousehold", plan.perHousehold())
			.range("perHousehold", plan.perHousehold(), 1, 100);
		if (plan.fee() != null) {
			checks.positiveDecimal("fee", plan.fee(), 2, MAX_FEE);
		}
		if (plan.startsAt() != null && plan.endsAt() != null && !plan.endsAt().isAfter(plan.startsAt())) {
			checks.add("endsAt", "community.activity.endsBeforeStart");
		}
		if (plan.startsAt() != null && plan.registrationDeadline() != null
				&& plan.registrationDeadline().isAfter(plan.startsAt())) {
			checks.add("registrationDeadline", "community.activity.deadlineAfterStart");
		}
		if (plan.capacity() != null && plan.perHousehold() != null && plan.perHousehold() > plan.capacity()) {
			checks.add("perHousehold", "community.activity.perHouseholdAboveCapacity");
		}
	}

	private void chargeFee(Locked activity, long registrationId, long roomId, int people) {
		if (activity.fee() == null) {
			return;
		}
		Money amount = Money.of(activity.fee().amount().multiply(BigDecimal.valueOf(people)));
		this.billing.charge(new Billing.RoomCharge(roomId, ChargeKind.ACTIVITY, amount,
				truncate(activity.title(), 150) + " ×" + people, feeKey(activity.id(), registrationId),
				Times.date(activity.startsAt())));
	}

	private boolean paid(long activityId, long registrationId) {
		return this.billing.chargeLine(feeKey(activityId, registrationId))
			.map((line) -> line.paid().isPositive())
			.orElse(false);
	}

	/**
	 * The registrations of a called-off activity whose fee was paid: the cashier refunds
	 * them (their bill stays until then).
	 */
	@PreAuthorize(Access.SERVICE)
	public List<RegistrationView> feesToRefund(long activityId) {
		ActivityView activity = find(activityId);
		if (activity.fee() == null || activity.cancelledAt() == null) {
			return List.of();
		}
		return registrationsWhere("r.activity_id = :activity AND r.status = 'CANCELLED'",
				Map.of("activity", activityId))
			.stream()
			.filter((r) -> paid(activityId, r.id()))
			.map(RegistrationView::withoutCode)
			.toList();
	}

	private void cancelFee(long registrationId, long activityId, String reason) {
		this.billing.cancelCharge(feeKey(activityId, registrationId), reason);
	}

	private static String feeKey(long activityId, long registrationId) {
		return "activity:" + activityId + ":registration:" + registrationId;
	}

	private static String truncate(String text, int max) {
		return (text.length() > max) ? text.substring(0, max) : text;
	}

	record Locked(long id, long communityId, String title, Instant startsAt, Instant endsAt, Instant deadline,
			int capacity, int perHousehold, int taken, List<Long> buildingIds, Money fee, boolean cancelled) {
	}

	private Locked lock(long id) {
		return this.jdbc
			.sql("""
					SELECT id, community_id, title, starts_at, ends_at, registration_deadline, capacity, per_household, taken,
					       building_ids, fee, cancelled_at IS NOT NULL AS cancelled
					FROM activity WHERE id = ? FOR UPDATE""")
			.param(id)
			.query((rs, n) -> new Locked(rs.getLong("id"), rs.getLong("community_id"), rs.getString("title"),
					rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
					rs.getTimestamp("registration_deadline").toInstant(), rs.getInt("capacity"),
					rs.getInt("per_household"), rs.getInt("taken"), SqlArrays.longs(rs.getArray("building_ids")),
					(rs.getBigDecimal("fee") != null) ? Money.of(rs.getBigDecimal("fee")) : null,
					rs.getBoolean("cancelled")))
			.optional()
			.orElseThrow(() -> new NotFoundException("activity", id));
	}

	record Held(long id, long activityId, long roomId, long residentId, int people, RegistrationStatus status) {
	}

	private static Held held(ResultSet rs, int n) throws SQLException {
		return new Held(rs.getLong("id"), 0, rs.getLong("room_id"), rs.getLong("resident_id"), rs.getInt("people"),
				RegistrationStatus.valueOf(rs.getString("status")));
	}

	private java.util.Optional<Held> held(long registrationId) {
		return this.jdbc
			.sql("SELECT id, activity_id, room_id, resident_id, people, status FROM activity_registration "
					+ "WHERE id = ?")
			.param(registrationId)
			.query((rs, n) -> new Held(rs.getLong("id"), rs.getLong("activity_id"), rs.getLong("room_id"),
					rs.getLong("resident_id"), rs.getInt("people"), RegistrationStatus.valueOf(rs.getString("status"))))
			.optional();
	}

	private long communityOf(long activityId) {
		return this.jdbc.sql("SELECT community_id FROM activity WHERE id = ?")
			.param(activityId)
			.query(Long.class)
			.single();
	}

	private RegistrationView registration(long id) {
		return registrationsWhere("r.id = :id", Map.of("id", id)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("registration", id));
	}

	/**
	 * Registrations with their names and rooms, in the order they came; the waiting
	 * list's positions counted among the activity's waiting registrations.
	 */
	private List<RegistrationView> registrationsWhere(String condition, Map<String, Object> params) {
		record Row(long id, long activityId, String title, Instant startsAt, long roomId, long residentId, int people,
				RegistrationStatus status, Integer position, Money fee, Instant createdAt, Instant promotedAt,
				Instant cancelledAt, Instant checkedInAt, Integer checkedInPeople, String code) {
		}
		List<Row> rows = this.jdbc
			.sql("""
					SELECT r.*, a.title, a.starts_at, a.fee,
					       CASE WHEN r.status = 'WAITLISTED' THEN (SELECT count(*) FROM activity_registration w
					            WHERE w.activity_id = r.activity_id AND w.status = 'WAITLISTED' AND w.id <= r.id)::int END AS position
					FROM activity_registration r JOIN activity a ON a.id = r.activity_id
					WHERE\s"""
					+ condition + " ORDER BY r.id")
			.params(params)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("activity_id"), rs.getString("title"),
					rs.getTimestamp("starts_at").toInstant(), rs.getLong("room_id"), rs.getLong("resident_id"),
					rs.getInt("people"), RegistrationStatus.valueOf(rs.getString("status")),
					(Integer) rs.getObject("position", Integer.class),
					(rs.getBigDecimal("fee") != null)
							? Money.of(rs.getBigDecimal("fee").multiply(BigDecimal.valueOf(rs.getInt("people"))))
							: null,
					rs.getTimestamp("created_at").toInstant(), Announcements.instant(rs.getTimestamp("promoted_at")),
					Announcements.instant(rs.getTimestamp("cancelled_at")),
					Announcements.instant(rs.getTimestamp("checked_in_at")),
					(Integer) rs.getObject("checked_in_people", Integer.class), rs.getString("check_in_code")))
			.list();
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.stream().map(Row::roomId).distinct().toList());
		Map<Long, String> names = this.residents.names(rows.stream().map(Row::residentId).distinct().toList());
		return rows.stream()
			.map((r) -> new RegistrationView(r.id(), r.activityId(), r.title(), r.startsAt(), r.roomId(),
					(rooms.get(r.roomId()) != null) ? rooms.get(r.roomId()).code() : "#" + r.roomId(), r.residentId(),
					names.get(r.residentId()), r.people(), r.status(), r.position(), r.fee(), r.createdAt(),
					r.promotedAt(), r.cancelledAt(), r.checkedInAt(), r.checkedInPeople(), r.code()))
			.toList();
	}

	private static ActivityView view(ResultSet rs, int n) throws SQLException {
		return new ActivityView(rs.getLong("id"), rs.getLong("community_id"), rs.getString("title"),
				rs.getString("description"), rs.getString("place"), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getTimestamp("registration_deadline").toInstant(),
				rs.getInt("capacity"), rs.getInt("per_household"), SqlArrays.longs(rs.getArray("building_ids")),
				List.of(), (rs.getBigDecimal("fee") != null) ? Money.of(rs.getBigDecimal("fee")) : null,
				rs.getInt("taken"), rs.getInt("waiting"), rs.getInt("households"), rs.getInt("attended"),
				ActivityView.State.valueOf(rs.getString("state")),
				Announcements.instant(rs.getTimestamp("cancelled_at")), rs.getString("cancel_reason"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

	private static String code() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
