package org.linli.complaints.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintChannel;
import org.linli.complaints.ComplaintClosed;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.ComplaintStatus.Step;
import org.linli.complaints.ComplaintSubmitted;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.identity.StaffUser;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complaints, suggestions and praise: the ways in, every step of {@link ComplaintStatus},
 * links between items, the repair a fault opens, the jobs that flag late items and close
 * unconfirmed ones, and the reads.
 * <p>
 * Who sees what: supervisors (managers, customer service) every item of their
 * communities; another staff member the items given to them; a resident the items they
 * brought. Anything else is 404. An anonymous item's author — name, room, phone, and
 * their name on the timeline — is shown only to its handler, the community's managers and
 * the author.
 */
@Service
@Transactional(readOnly = true)
public class ComplaintService {

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final Residents residents;

	private final StaffDirectory staff;

	private final WorkOrders workOrders;

	private final Limits limits;

	private final ComplaintNotices notices;

	private final AuditLog audit;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ComplaintService(JdbcClient jdbc, CurrentStaff current, Estate estate, Residents residents, StaffDirectory staff,
			WorkOrders workOrders, Limits limits, ComplaintNotices notices, AuditLog audit, PersonalDataCipher cipher,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.residents = residents;
		this.staff = staff;
		this.workOrders = workOrders;
		this.limits = limits;
		this.notices = notices;
		this.audit = audit;
		this.cipher = cipher;
		this.events = events;
		this.clock = clock;
	}

	// ---------------------------------------------------------------- the ways in

	/**
	 * What a resident brings: about one of their homes (roomId) or none; anonymous hides
	 * them from everyone but the handler and the managers.
	 */
	public record Submission(ComplaintKind kind, ComplaintCategory category, String description, Long roomId,
			Boolean anonymous) {
	}

	@Transactional
	public ComplaintView submit(long residentId, Submission submission) {
		new Checks().required("kind", submission.kind())
			.required("category", submission.category())
			.required("description", blank(submission.description()))
			.maxLength("description", submission.description(), 2000)
			.throwIfAny();
		List<Long> homes = this.residents.roomsOf(residentId, Times.today(this.clock));
		RoomRef room = null;
		long communityId;
		if (submission.roomId() != null) {
			if (!homes.contains(submission.roomId())) {
				throw InvalidInputException.field("roomId", "complaints.room.notYours");
			}
			room = this.estate.room(submission.roomId()).orElseThrow(() -> new NotFoundException("room", 0));
			communityId = room.communityId();
		}
		else {
			Set<Long> communities = new LinkedHashSet<>();
			this.estate.rooms(homes).values().forEach((r) -> communities.add(r.communityId()));
			if (communities.size() != 1) {
				throw InvalidInputException.field("roomId",
						communities.isEmpty() ? "complaints.room.noHome" : "complaints.room.whichCommunity");
			}
			communityId = communities.iterator().next();
		}
		String name = this.residents.names(List.of(residentId)).get(residentId);
		return get(open(new NewItem(communityId, submission.kind(), submission.category(), ComplaintChannel.PORTAL,
				Boolean.TRUE.equals(submission.anonymous()), residentId, name, null, room,
				submission.description().trim(), name, true)));
	}

	/**
	 * Customer service registers a caller's or walk-in's item: their room (if any), or
	 * their name and phone.
	 */
	public record Registration(ComplaintKind kind, ComplaintCategory category, ComplaintChannel channel,
			String description, Long roomId, String callerName, String callerPhone, Boolean anonymous) {
	}

	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ComplaintView register(long communityId, Registration registration) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		Checks checks = new Checks().required("kind", registration.kind())
			.required("category", registration.category())
			.required("description", blank(registration.description()))
			.maxLength("description", registration.description(), 2000)
			.maxLength("callerName", registration.callerName(), 64)
			.maxLength("callerPhone", registration.callerPhone(), 20);
		if (registration.channel() == ComplaintChannel.PORTAL) {
			checks.add("channel", "validation.invalidValue");
		}
		String phone = null;
		if (blank(registration.callerPhone()) != null) {
			// callers ring from landlines too
			phone = PhoneNumbers.normalize(registration.callerPhone());
			if (phone == null && PhoneNumbers.isContactNumber(registration.callerPhone())) {
				phone = registration.callerPhone().strip();
			}
			if (phone == null) {
				checks.add("callerPhone", "validation.contactPhone");
			}
		}
		checks.throwIfAny();
		RoomRef room = null;
		if (registration.roomId() != null) {
			room = this.estate.room(registration.roomId())
				.filter((r) -> r.communityId() == communityId)
				.orElseThrow(() -> InvalidInputException.field("roomId", "complaints.room.notInCommunity"));
		}
		ComplaintChannel channel = (registration.channel() != null) ? registration.channel() : ComplaintChannel.PHONE;
		return get(open(new NewItem(communityId, registration.kind(), registration.category(), channel,
				Boolean.TRUE.equals(registration.anonymous()), null, blank(registration.callerName()), phone, room,
				registration.description().trim(), this.current.require().getDisplayName(), false)));
	}

	private record NewItem(long communityId, ComplaintKind kind, ComplaintCategory category, ComplaintChannel channel,
			boolean anonymous, Long residentId, String authorName, String authorPhone, RoomRef room, String description,
			String by, boolean byAuthor) {
	}

	private long open(NewItem item) {
		Instant now = this.clock.instant();
		Limits.Limit limit = this.limits.of(item.communityId(), item.category());
		String number = nextNumber(item.communityId(), now);
		long id = this.jdbc
			.sql("""
					INSERT INTO complaint (community_id, number, kind, category, channel, status, anonymous, author_resident_id,
					    author_name, author_phone_cipher, room_id, building_id, room_code, description, created_at, accept_by, resolve_by)
					VALUES (:community, :number, :kind, :category, :channel, 'SUBMITTED', :anonymous, :resident, :name, :phone,
					    :room, :building, :roomCode, :description, :now, :acceptBy, :resolveBy)
					RETURNING id""")
			.param("community", item.communityId())
			.param("number", number)
			.param("kind", item.kind().name())
			.param("category", item.category().name())
			.param("channel", item.channel().name())
			.param("anonymous", item.anonymous())
			.param("resident", item.residentId())
			.param("name", item.authorName())
			.param("phone", (item.authorPhone() != null) ? this.cipher.encrypt(item.authorPhone()) : null)
			.param("room", (item.room() != null) ? item.room().id() : null)
			.param("building", (item.room() != null) ? item.room().buildingId() : null)
			.param("roomCode", (item.room() != null) ? item.room().code() : null)
			.param("description", item.description())
			.param("now", Timestamp.from(now))
			.param("acceptBy", Timestamp.from(limit.acceptBy(now)))
			.param("resolveBy", Timestamp.from(limit.resolveBy(now)))
			.query(Long.class)
			.single();
		addEvent(item.communityId(), id, ComplaintStatus.SUBMITTED, false, null, null, null, item.by(),
				item.byAuthor());
		// never the author: the audit log is read by people an anonymous author is hidden
		// from
		audit("COMPLAINT_SUBMITTED", id, item.communityId(), item.anonymous() && item.byAuthor(),
				AuditLog.Changes.of()
					.set("number", number)
					.set("kind", item.kind().name())
					.set("category", item.category().name())
					.set("channel", item.channel().name())
					.set("anonymous", item.anonymous()));
		this.events.publishEvent(new ComplaintSubmitted(id, item.communityId(), number, item.kind(), item.category()));
		this.notices.submitted(item.communityId(), id, number);
		return id;
	}

	private String nextNumber(long communityId, Instant now) {
		int year = ZonedDateTime.ofInstant(now, Times.zone()).getYear();
		int next = this.jdbc.sql("""
				INSERT INTO complaint_number (community_id, year, last) VALUES (?, ?, 1)
				ON CONFLICT (community_id, year) DO UPDATE SET last = complaint_number.last + 1 RETURNING last""")
			.params(communityId, year)
			.query(Integer.class)
			.single();
		return String.format("TS%d-%05d", year, next);
	}

	// ---------------------------------------------------------------- steps

	/** The row of an item as a step needs it, locked. */
	private record Locked(long id, long communityId, String number, ComplaintKind kind, ComplaintCategory category,
			ComplaintStatus status, Long handlerId, Long authorResidentId, String authorName, boolean anonymous,
			Long roomId, Instant acceptedAt, int reopened) {
	}

	private Locked lock(long id) {
		return this.jdbc.sql("""
				SELECT id, community_id, number, kind, category, status, handler_id, author_resident_id, author_name,
				       anonymous, room_id, accepted_at, reopened
				FROM complaint WHERE id = ? FOR UPDATE""")
			.param(id)
			.query((rs, n) -> new Locked(rs.getLong("id"), rs.getLong("community_id"), rs.getString("number"),
					ComplaintKind.valueOf(rs.getString("kind")), ComplaintCategory.valueOf(rs.getString("category")),
					ComplaintStatus.valueOf(rs.getString("status")), (Long) rs.getObject("handler_id"),
					(Long) rs.getObject("author_resident_id"), rs.getString("author_name"), rs.getBoolean("anonymous"),
					(Long) rs.getObject("room_id"), instant(rs, "accepted_at"), rs.getInt("reopened")))
			.optional()
			.orElseThrow(() -> new NotFoundException("complaint", id));
	}

	/** Locks an item the signed-in staff member may see (404 otherwise). */
	private Locked lockVisible(long id) {
		Locked item = lock(id);
		this.current.requireCommunity(item.communityId(), "complaint", id);
		Reader reader = Reader.current();
		if (!reader.supervises() && !reader.is(item.handlerId())) {
			throw new NotFoundException("complaint", id);
		}
		return item;
	}

	/** Locks an item its author (a resident) brought (404 for anyone else). */
	private Locked lockForAuthor(long residentId, long id) {
		Locked item = lock(id);
		if (!Long.valueOf(residentId).equals(item.authorResidentId())) {
			throw new NotFoundException("complaint", id);
		}
		return item;
	}

	/** Refuses a step not allowed from the item's state: 409 naming both states. */
	static void requireAllowed(Step step, ComplaintStatus from) {
		if (!step.allowedFrom(from)) {
			ComplaintStatus to = (step.to() != null) ? step.to() : ComplaintStatus.ASSIGNED;
			throw InvalidInputException.conflict("status", "complaints.transition.refused",
					new DefaultMessageSourceResolvable("complaints.status." + from.name()),
					new DefaultMessageSourceResolvable("complaints.status." + to.name()), from.name(), to.name());
		}
	}

	/** The staff members an item of the community may be given to. */
	@PreAuthorize(Access.SERVICE)
	public List<Handler> handlers(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		List<StaffDirectory.StaffRef> people = this.staff.inCommunity(communityId)
			.stream()
			.filter((s) -> !s.allCommunities() && handles(s))
			.toList();
		Map<Long, Long> load = new java.util.HashMap<>();
		this.jdbc
			.sql("SELECT handler_id, count(*) FROM complaint WHERE community_id = ? AND status IN "
					+ ComplaintStatus.OPEN_SQL + " AND handler_id IS NOT NULL GROUP BY handler_id")
			.param(communityId)
			.query((rs) -> {
				load.put(rs.getLong(1), rs.getLong(2));
			});
		return people.stream()
			.map((s) -> new Handler(s.id(), s.name(), s.roles().stream().map(Role::name).sorted().toList(),
					load.getOrDefault(s.id(), 0L)))
			.sorted(java.util.Comparator.comparingLong(Handler::open).thenComparing(Handler::name))
			.toList();
	}

	/** Someone who may handle items, with how many open ones they have. */
	public record Handler(long id, String name, List<String> roles, long open) {
	}

	private static boolean handles(StaffDirectory.StaffRef person) {
		return person.roles().contains(Role.MANAGER) || person.roles().contains(Role.SERVICE)
				|| person.roles().contains(Role.TECHNICIAN);
	}

	/**
	 * A supervisor gives the item to a handler of its community (the item is accepted).
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ComplaintView assign(long id, Long handlerId) {
		Locked item = lockVisible(id);
		if (handlerId == null) {
			throw InvalidInputException.field("handlerId", "validation.required");
		}
		StaffDirectory.StaffRef handler = this.staff.staff(handlerId)
			.filter((s) -> s.worksIn(item.communityId()) && handles(s))
			.orElseThrow(() -> InvalidInputException.field("handlerId", "complaints.handler.notInCommunity"));
		Step step = (item.status() == ComplaintStatus.SUBMITTED) ? Step.ASSIGN : Step.REASSIGN;
		requireAllowed(step, item.status());
		ComplaintStatus after = step.after(item.status());
		Instant now = this.clock.instant();
		this.jdbc
			.sql("UPDATE complaint SET status = ?, handler_id = ?, accepted_at = coalesce(accepted_at, ?) WHERE id = ?")
			.params(after.name(), handler.id(), Timestamp.from(now), id)
			.update();
		long event = addEvent(item.communityId(), id, after, false, "→ " + handler.name(), null, null, staffName(),
				false);
		this.audit.record("COMPLAINT_ASSIGNED", "complaint", id, item.communityId(),
				AuditLog.Changes.of().changed("handlerId", item.handlerId(), handler.id()));
		this.notices.assigned(item.communityId(), id, event, item.number(), handler.id());
		if (item.acceptedAt() == null) {
			toAuthor(item, event, ComplaintStatus.ASSIGNED);
		}
		return get(id);
	}

	/** A follow-up (跟进) by the handler, or a manager: what was done, whom, next. */
	public record FollowUp(String note, String contacted, String nextStep) {
	}

	@Transactional
	@PreAuthorize(Access.COMPLAINTS)
	public ComplaintView followUp(long id, FollowUp followUp) {
		Locked item = lockVisible(id);
		requireHandlerOrManager(item);
		new Checks().required("note", blank(followUp.note()))
			.maxLength("note", followUp.note(), 2000)
			.maxLength("contacted", followUp.contacted(), 200)
			.maxLength("nextStep", followUp.nextStep(), 500)
			.throwIfAny();
		requireAllowed(Step.FOLLOW_UP, item.status());
		this.jdbc.sql("UPDATE complaint SET status = 'IN_PROGRESS' WHERE id = ?").param(id).update();
		addEvent(item.communityId(), id, ComplaintStatus.IN_PROGRESS, true, followUp.note().trim(),
				blank(followUp.contacted()), blank(followUp.nextStep()), staffName(), false);
		this.audit.record("COMPLAINT_FOLLOWED_UP", "complaint", id, item.communityId(),
				AuditLog.Changes.of().changed("status", item.status(), ComplaintStatus.IN_PROGRESS));
		return get(id);
	}

	/**
	 * The handler resolves the item with a result the resident reads (a suggestion's
	 * reply).
	 */
	@Transactional
	@PreAuthorize(Access.COMPLAINTS)
	public ComplaintView resolve(long id, String result) {
		Locked item = lockVisible(id);
		requireHandlerOrManager(item);
		new Checks().required("result", blank(result)).maxLength("result", result, 2000).throwIfAny();
		requireAllowed(Step.RESOLVE, item.status());
		this.jdbc.sql("UPDATE complaint SET status = 'RESOLVED', result = ?, resolved_at = ? WHERE id = ?")
			.params(result.trim(), Timestamp.from(this.clock.instant()), id)
			.update();
		long event = addEvent(item.communityId(), id, ComplaintStatus.RESOLVED, false, result.trim(), null, null,
				staffName(), false);
		this.audit.record("COMPLAINT_RESOLVED", "complaint", id, item.communityId(),
				AuditLog.Changes.of().changed("status", item.status(), ComplaintStatus.RESOLVED));
		toAuthor(item, event, ComplaintStatus.RESOLVED);
		return get(id);
	}

	/**
	 * Tells the author of a step in their portal — unless they are anonymous: a notice is
	 * listed, with its recipient's initial, in the delivery log that customer service and
	 * finance read, beside the item's number and time. An anonymous author follows the
	 * item in their portal.
	 */
	private void toAuthor(Locked item, long event, ComplaintStatus status) {
		if (!item.anonymous()) {
			this.notices.toAuthor(item.communityId(), item.id(), event, item.number(), status, item.authorResidentId());
		}
	}

	/**
	 * Audits a step: one its anonymous author took is recorded without the address it
	 * came from (which, beside the author's sign-in, would name them).
	 */
	private void audit(String action, long id, long communityId, boolean byAnonymousAuthor, AuditLog.Changes changes) {
		if (byAnonymousAuthor) {
			this.audit.recordWithoutAddress(action, "complaint", id, communityId, changes);
		}
		else {
			this.audit.record(action, "complaint", id, communityId, changes);
		}
	}

	private void requireHandlerOrManager(Locked item) {
		Reader reader = Reader.current();
		if (!reader.manages() && !reader.is(item.handlerId())) {
			throw new AccessDeniedException("Not the item's handler");
		}
	}

	/**
	 * The author says whether the resolution satisfies them: satisfied closes it; not
	 * satisfied reopens it with a new resolve limit, and the managers hear of it.
	 */
	@Transactional
	public ComplaintView confirm(long residentId, long id, Boolean satisfied, String comment) {
		Locked item = lockForAuthor(residentId, id);
		new Checks().required("satisfied", satisfied).maxLength("comment", comment, 500).throwIfAny();
		Step step = satisfied ? Step.CONFIRM : Step.REOPEN;
		requireAllowed(step, item.status());
		Instant now = this.clock.instant();
		if (satisfied) {
			this.jdbc.sql(
					"UPDATE complaint SET status = 'CLOSED', satisfied = true, confirm_comment = ?, closed_at = ? WHERE id = ?")
				.params(blank(comment), Timestamp.from(now), id)
				.update();
		}
		else {
			Limits.Limit limit = this.limits.of(item.communityId(), item.category());
			this.jdbc
				.sql("""
						UPDATE complaint SET status = 'REOPENED', satisfied = false, confirm_comment = ?, reopened = reopened + 1,
						    resolve_by = ?, overdue_notified_at = NULL WHERE id = ?""")
				.params(blank(comment), Timestamp.from(limit.resolveBy(now)), id)
				.update();
		}
		long event = addEvent(item.communityId(), id, step.to(), false, blank(comment), null, null, item.authorName(),
				true);
		audit(satisfied ? "COMPLAINT_CONFIRMED" : "COMPLAINT_REOPENED", id, item.communityId(), item.anonymous(),
				AuditLog.Changes.of().changed("status", item.status(), step.to()));
		if (satisfied) {
			this.events.publishEvent(
					new ComplaintClosed(id, item.communityId(), item.number(), item.kind(), item.category(), true));
		}
		else {
			this.notices.reopened(item.communityId(), id, event, item.number(), item.handlerId());
		}
		return findForResident(residentId, id);
	}

	/** The author withdraws the item before it is resolved. */
	@Transactional
	public ComplaintView withdraw(long residentId, long id) {
		Locked item = lockForAuthor(residentId, id);
		requireAllowed(Step.WITHDRAW, item.status());
		this.jdbc.sql("UPDATE complaint SET status = 'WITHDRAWN', closed_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), id)
			.update();
		addEvent(item.communityId(), id, ComplaintStatus.WITHDRAWN, false, null, null, null, item.authorName(), true);
		audit("COMPLAINT_WITHDRAWN", id, item.communityId(), item.anonymous(),
				AuditLog.Changes.of().changed("status", item.status(), ComplaintStatus.WITHDRAWN));
		return findForResident(residentId, id);
	}

	/**
	 * Links two items of one community (several about one noise source); once per pair.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ComplaintView link(long id, Long relatedId) {
		Locked item = lockVisible(id);
		if (relatedId == null) {
			throw InvalidInputException.field("relatedId", "validation.required");
		}
		if (relatedId == id) {
			throw InvalidInputException.field("relatedId", "complaints.link.self");
		}
		long relatedCommunity = this.jdbc.sql("SELECT community_id FROM complaint WHERE id = ?")
			.param(relatedId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> InvalidInputException.field("relatedId", "complaints.link.unknown"));
		if (relatedCommunity != item.communityId()) {
			throw InvalidInputException.field("relatedId", "complaints.link.unknown");
		}
		int added = this.jdbc.sql("""
				INSERT INTO complaint_link (complaint_id, related_id, linked_by, linked_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(Math.min(id, relatedId), Math.max(id, relatedId), staffName(), Timestamp.from(this.clock.instant()))
			.update();
		if (added > 0) {
			this.audit.record("COMPLAINT_LINKED", "complaint", id, item.communityId(),
					AuditLog.Changes.of().set("relatedId", relatedId));
		}
		return get(id);
	}

	/** Finds an item of a community by its number, for linking by number on the page. */
	@PreAuthorize(Access.SERVICE)
	public Long idOfNumber(long communityId, String number) {
		this.current.requireCommunity(communityId, "community", communityId);
		return this.jdbc.sql("SELECT id FROM complaint WHERE community_id = ? AND upper(number) = upper(?)")
			.params(communityId, (number != null) ? number.trim() : "")
			.query(Long.class)
			.optional()
			.orElseThrow(() -> InvalidInputException.field("relatedId", "complaints.link.unknown"));
	}

	/**
	 * What a repair opened from an item needs: the category of repair, its urgency, what
	 * to do, and in the item's room or at a location.
	 */
	public record RepairRequest(RepairCategory category, Urgency urgency, String description, String location,
			Boolean inRoom) {
	}

	/**
	 * Opens a repair order for an item that is really a fault, linked both ways; once per
	 * item (asking again answers the same order). An anonymous item's order names no
	 * reporter.
	 */
	@Transactional
	@PreAuthorize(Access.SERVICE)
	public ComplaintView openRepair(long id, RepairRequest request) {
		Locked item = lockVisible(id);
		Long opened = this.jdbc.sql("SELECT work_order_id FROM complaint WHERE id = ?")
			.param(id)
			.query((rs, n) -> (Long) rs.getObject(1))
			.list()
			.get(0);
		if (opened != null) {
			// asked again: the order it opened
			return get(id);
		}
		if (!item.status().isOpen()) {
			throw InvalidInputException.conflict("status", "complaints.repair.notOpen");
		}
		new Checks().maxLength("description", request.description(), 1000).throwIfAny();
		boolean inRoom = Boolean.TRUE.equals(request.inRoom());
		if (inRoom && (item.anonymous() || item.roomId() == null)) {
			// a repair in an anonymous author's home would show their room to the
			// technicians
			// and dispatchers
			throw InvalidInputException.field("inRoom",
					item.anonymous() ? "complaints.repair.anonymousRoom" : "complaints.repair.noRoom");
		}
		String description = (blank(request.description()) != null) ? request.description()
				: this.jdbc.sql("SELECT description FROM complaint WHERE id = ?")
					.param(id)
					.query(String.class)
					.single();
		WorkOrders.OpenedOrder order = this.workOrders.openFromComplaint(new WorkOrders.ComplaintRepair(id,
				item.communityId(), inRoom ? item.roomId() : null, request.location(), request.category(),
				request.urgency(), (description.length() > 1000) ? description.substring(0, 1000) : description,
				item.anonymous() ? null : item.authorResidentId(), item.anonymous() ? null : item.authorName()));
		this.jdbc.sql("UPDATE complaint SET work_order_id = ?, work_order_number = ? WHERE id = ?")
			.params(order.id(), order.number(), id)
			.update();
		if (!order.replayed()) {
			this.audit.record("COMPLAINT_REPAIR_OPENED", "complaint", id, item.communityId(),
					AuditLog.Changes.of().set("workOrderId", order.id()).set("workOrderNumber", order.number()));
		}
		return get(id);
	}

	/**
	 * Closes the items resolved more than seven days ago that their author did not
	 * confirm: answers how many (safe to run twice).
	 */
	@Transactional
	public int closeUnconfirmed() {
		Instant now = this.clock.instant();
		record Closed(long id, long communityId, String number, String kind, String category) {
		}
		List<String> from = java.util.Arrays.stream(ComplaintStatus.values())
			.filter(Step.AUTO_CLOSE::allowedFrom)
			.map(Enum::name)
			.toList();
		List<Closed> closed = this.jdbc.sql("""
				UPDATE complaint SET status = :to, closed_at = :now
				WHERE status IN (:from) AND resolved_at <= :cutoff
				RETURNING id, community_id, number, kind, category""")
			.param("to", Step.AUTO_CLOSE.to().name())
			.param("from", from)
			.param("now", Timestamp.from(now))
			.param("cutoff", Timestamp.from(now.minus(Duration.ofDays(7))))
			.query((rs, n) -> new Closed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
		for (Closed item : closed) {
			addEvent(item.communityId(), item.id(), Step.AUTO_CLOSE.to(), false, null, null, null, null, false);
			this.audit.record("COMPLAINT_AUTO_CLOSED", "complaint", item.id(), item.communityId(),
					AuditLog.Changes.of().changed("status", ComplaintStatus.RESOLVED, Step.AUTO_CLOSE.to()));
			this.events.publishEvent(new ComplaintClosed(item.id(), item.communityId(), item.number(),
					ComplaintKind.valueOf(item.kind()), ComplaintCategory.valueOf(item.category()), null));
		}
		return closed.size();
	}

	/**
	 * Flags the items that just went past a limit and tells the community's managers,
	 * once per item (and once more after each reopening): answers how many.
	 */
	@Transactional
	public int flagOverdue() {
		Instant now = this.clock.instant();
		record Late(long id, long communityId, String number, int reopened) {
		}
		List<Late> late = this.jdbc
			.sql("UPDATE complaint c SET overdue_notified_at = :now WHERE " + OVERDUE_SQL
					+ " AND c.overdue_notified_at IS NULL RETURNING c.id, c.community_id, c.number, c.reopened")
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Late(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
			.list();
		for (Late item : late) {
			this.notices.overdue(item.communityId(), item.id(), item.reopened(), item.number());
		}
		return late.size();
	}

	/**
	 * Past a limit at {@code :now}, over a row aliased {@code c}: open, not praise, and
	 * not accepted after its accept limit or not resolved after its resolve limit.
	 */
	static final String OVERDUE_SQL = "(c.kind <> 'PRAISE' AND c.status IN " + ComplaintStatus.OPEN_SQL
			+ " AND ((c.accepted_at IS NULL AND c.accept_by < :now) OR c.resolve_by < :now))";

	private long addEvent(long communityId, long id, ComplaintStatus status, boolean followUp, String note,
			String contacted, String nextStep, String by, boolean byAuthor) {
		return this.jdbc
			.sql("""
					INSERT INTO complaint_event (community_id, complaint_id, status, follow_up, note, contacted, next_step, by_author, by_name, at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, id, status.name(), followUp, note, contacted, nextStep, byAuthor, truncate(by, 100),
					Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
	}

	// ---------------------------------------------------------------- reads

	/** An item the signed-in staff member may see: supervisors, or its handler. */
	@PreAuthorize(Access.COMPLAINTS)
	public ComplaintView find(long id) {
		long communityId = communityOf(id);
		this.current.requireCommunity(communityId, "complaint", id);
		ComplaintView view = get(id);
		Reader reader = Reader.current();
		if (!reader.supervises() && !reader.is(view.handlerId())) {
			throw new NotFoundException("complaint", id);
		}
		return view;
	}

	/** An item as its author reads it (404 for any other resident). */
	public ComplaintView findForResident(long residentId, long id) {
		Long author = this.jdbc.sql("SELECT author_resident_id FROM complaint WHERE id = ?")
			.param(id)
			.query((rs, n) -> (Long) rs.getObject(1))
			.optional()
			.orElse(null);
		if (!Long.valueOf(residentId).equals(author)) {
			throw new NotFoundException("complaint", id);
		}
		ComplaintView view = get(id);
		// whom the handler contacted and what they plan next are the office's own notes
		List<ComplaintView.Event> timeline = view.timeline()
			.stream()
			.map((e) -> new ComplaintView.Event(e.status(), e.followUp(), e.at(), e.by(), e.byAuthor(), e.note(), null,
					null))
			.toList();
		return new ComplaintView(view.id(), view.number(), view.communityId(), view.kind(), view.category(),
				view.channel(), view.status(), view.anonymous(), view.author(), view.handlerId(), view.handlerName(),
				view.description(), view.result(), view.satisfied(), view.confirmComment(), view.overdue(),
				view.createdAt(), view.acceptBy(), view.resolveBy(), view.acceptedAt(), view.resolvedAt(),
				view.closedAt(), view.reopened(), view.workOrderId(), view.workOrderNumber(), List.of(), view.photos(),
				timeline);
	}

	/** Whether the signed-in staff member may work on the item (follow up, resolve). */
	public boolean mayWorkOn(ComplaintView item) {
		Reader reader = Reader.current();
		return reader.manages() || reader.is(item.handlerId());
	}

	long communityOf(long id) {
		return this.jdbc.sql("SELECT community_id FROM complaint WHERE id = ?")
			.param(id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("complaint", id));
	}

	ComplaintView get(long id) {
		Reader reader = Reader.current();
		ComplaintView base = this.jdbc
			.sql("SELECT c.*, " + OVERDUE_SQL + " AS overdue FROM complaint c WHERE c.id = :id")
			.param("id", id)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, n) -> view(rs, reader))
			.optional()
			.orElseThrow(() -> new NotFoundException("complaint", id));
		boolean seesAuthor = base.author() != null || !base.anonymous();
		List<ComplaintView.Event> timeline = this.jdbc.sql("""
				SELECT status, follow_up, at, by_name, by_author, note, contacted, next_step
				FROM complaint_event WHERE complaint_id = ? ORDER BY id""")
			.param(id)
			.query((rs, n) -> new ComplaintView.Event(ComplaintStatus.valueOf(rs.getString(1)), rs.getBoolean(2),
					rs.getTimestamp(3).toInstant(), (rs.getBoolean(5) && !seesAuthor) ? null : rs.getString(4),
					rs.getBoolean(5), rs.getString(6),
					// whom the handler contacted about an anonymous item may name its
					// author
					seesAuthor ? rs.getString(7) : null, seesAuthor ? rs.getString(8) : null))
			.list();
		List<ComplaintView.Related> related = this.jdbc.sql("""
				SELECT c.id, c.number, c.kind, c.category, c.status FROM complaint_link l
				JOIN complaint c ON c.id = CASE WHEN l.complaint_id = :id THEN l.related_id ELSE l.complaint_id END
				WHERE l.complaint_id = :id OR l.related_id = :id ORDER BY c.id""")
			.param("id", id)
			.query((rs, n) -> new ComplaintView.Related(rs.getLong(1), rs.getString(2),
					ComplaintKind.valueOf(rs.getString(3)), ComplaintCategory.valueOf(rs.getString(4)),
					ComplaintStatus.valueOf(rs.getString(5))))
			.list();
		List<ComplaintView.Photo> photos = this.jdbc
			.sql("SELECT id, uploaded_at FROM complaint_photo WHERE complaint_id = ? ORDER BY id")
			.param(id)
			.query((rs, n) -> new ComplaintView.Photo(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		String handler = (base.handlerId() != null) ? this.staff.names(List.of(base.handlerId())).get(base.handlerId())
				: null;
		return new ComplaintView(base.id(), base.number(), base.communityId(), base.kind(), base.category(),
				base.channel(), base.status(), base.anonymous(), base.author(), base.handlerId(), handler,
				base.description(), base.result(), base.satisfied(), base.confirmComment(), base.overdue(),
				base.createdAt(), base.acceptBy(), base.resolveBy(), base.acceptedAt(), base.resolvedAt(),
				base.closedAt(), base.reopened(), base.workOrderId(), base.workOrderNumber(), related, photos,
				timeline);
	}

	private ComplaintView view(ResultSet rs, Reader reader) throws SQLException {
		boolean anonymous = rs.getBoolean("anonymous");
		Long handlerId = (Long) rs.getObject("handler_id");
		Long residentId = (Long) rs.getObject("author_resident_id");
		ComplaintView.Author author = null;
		if (reader.seesAuthor(anonymous, handlerId, residentId)) {
			String phone = null;
			if (reader.isStaff()) {
				String clear = (rs.getString("author_phone_cipher") != null)
						? this.cipher.decrypt(rs.getString("author_phone_cipher")) : (residentId != null)
								? this.residents.contact(residentId).map((c) -> c.phone()).orElse(null) : null;
				phone = (clear == null) ? null : reader.seesPersonalData() ? clear : Masking.phone(clear);
			}
			author = new ComplaintView.Author(residentId, rs.getString("author_name"), rs.getString("room_code"),
					phone);
		}
		return new ComplaintView(rs.getLong("id"), rs.getString("number"), rs.getLong("community_id"),
				ComplaintKind.valueOf(rs.getString("kind")), ComplaintCategory.valueOf(rs.getString("category")),
				ComplaintChannel.valueOf(rs.getString("channel")), ComplaintStatus.valueOf(rs.getString("status")),
				anonymous, author, handlerId, null, rs.getString("description"), rs.getString("result"),
				(Boolean) rs.getObject("satisfied"), rs.getString("confirm_comment"), rs.getBoolean("overdue"),
				instant(rs, "created_at"), instant(rs, "accept_by"), instant(rs, "resolve_by"),
				instant(rs, "accepted_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"), rs.getInt("reopened"),
				(Long) rs.getObject("work_order_id"), rs.getString("work_order_number"), List.of(), List.of(),
				List.of());
	}

	/**
	 * One line of a list; {@code authorName} and {@code roomCode} are null when the
	 * author is hidden from the reader.
	 */
	public record Row(long id, String number, ComplaintKind kind, ComplaintCategory category, ComplaintChannel channel,
			ComplaintStatus status, boolean anonymous, String authorName, String roomCode, Long handlerId,
			String handlerName, Instant createdAt, Instant resolveBy, boolean overdue, Boolean satisfied,
			int reopened) {

		public String created() {
			return Times.minutes(this.createdAt);
		}

		public String resolveByTime() {
			return Times.minutes(this.resolveBy);
		}

	}

	/** The filters of a community's list. */
	public record Filter(ComplaintStatus status, ComplaintCategory category, ComplaintKind kind, Boolean overdue,
			Boolean open, Long handlerId, String q) {

		public static Filter none() {
			return new Filter(null, null, null, null, null, null, null);
		}

	}

	private static final Map<String, String> SORTS = Map.of("number", "c.id", "createdAt", "c.created_at", "resolveBy",
			"c.resolve_by", "category", "c.category", "kind", "c.kind", "status",
			"CASE c.status WHEN 'SUBMITTED' THEN 0 WHEN 'REOPENED' THEN 1 WHEN 'ASSIGNED' THEN 2 WHEN 'IN_PROGRESS' THEN 3 "
					+ "WHEN 'RESOLVED' THEN 4 WHEN 'CLOSED' THEN 5 ELSE 6 END");

	private static final String ROW = "SELECT c.id, c.number, c.kind, c.category, c.channel, c.status, c.anonymous, "
			+ "c.author_name, c.author_resident_id, c.room_code, c.handler_id, c.created_at, c.resolve_by, c.satisfied, "
			+ "c.reopened, " + OVERDUE_SQL + " AS overdue";

	/**
	 * A community's items, newest first by default; a handler who does not supervise sees
	 * only theirs.
	 */
	@PreAuthorize(Access.COMPLAINTS)
	@SqlRead
	public PageView<Row> list(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		Reader reader = Reader.current();
		PageView<Row> page = filtered(communityId, filter, reader).orderBy(query, SORTS, "createdAt", true, "c.id DESC")
			.page(this.jdbc, ROW, query, (rs, n) -> row(rs, reader));
		return new PageView<>(named(page.content()), page.page(), page.size(), page.totalElements(), page.totalPages());
	}

	/** Every item the list's filters select, in its order (for the export). */
	@PreAuthorize(Access.COMPLAINTS)
	public List<Row> all(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		Reader reader = Reader.current();
		return named(filtered(communityId, filter, reader).orderBy(query, SORTS, "createdAt", true, "c.id DESC")
			.list(this.jdbc, ROW, (rs, n) -> row(rs, reader)));
	}

	private SqlList filtered(long communityId, Filter filter, Reader reader) {
		String q = (filter.q() != null) ? filter.q().trim().replace("%", "\\%").replace("_", "\\_") : "";
		SqlList list = SqlList.from("FROM complaint c")
			.where("c.community_id = :community")
			.param("community", communityId)
			.param("now", Timestamp.from(this.clock.instant()))
			.when(filter.status(), "c.status = :status", "status")
			.when(filter.category(), "c.category = :category", "category")
			.when(filter.kind(), "c.kind = :kind", "kind")
			.when(filter.handlerId(), "c.handler_id = :handler", "handler")
			.when(Boolean.TRUE.equals(filter.overdue()), OVERDUE_SQL)
			.when(Boolean.TRUE.equals(filter.open()), "c.status IN " + ComplaintStatus.OPEN_SQL)
			// the text of an item, never its hidden author
			.when(filter.q(), "(c.number ILIKE :q OR c.description ILIKE :q)", "q", "%" + q + "%");
		if (!reader.supervises()) {
			list.where("c.handler_id = :me").param("me", reader.staffId());
		}
		return list;
	}

	/**
	 * The items the signed-in staff member handles, open ones first, in their
	 * communities.
	 */
	@PreAuthorize(Access.COMPLAINTS)
	public List<Row> mine() {
		Reader reader = Reader.current();
		CommunityScope scope = this.current.scope();
		if (!scope.all() && scope.communityIds().isEmpty()) {
			return List.of();
		}
		return named(SqlList.from("FROM complaint c")
			.where("c.handler_id = :me")
			.param("me", reader.staffId())
			.where("c.status IN " + ComplaintStatus.OPEN_SQL)
			.param("now", Timestamp.from(this.clock.instant()))
			.when(!scope.all(), "c.community_id IN (:communities)")
			.param("communities", List.copyOf(scope.communityIds()))
			.orderBy("c.resolve_by, c.id")
			.list(this.jdbc, ROW, (rs, n) -> row(rs, reader)));
	}

	/** The items a resident brought, newest first. */
	public PageView<Row> ofResident(long residentId, PageQuery query) {
		Reader reader = Reader.current();
		return SqlList.from("FROM complaint c")
			.where("c.author_resident_id = :resident")
			.param("resident", residentId)
			.param("now", Timestamp.from(this.clock.instant()))
			.orderBy("c.id DESC")
			.page(this.jdbc, ROW, query, (rs, n) -> row(rs, reader));
	}

	private Row row(ResultSet rs, Reader reader) throws SQLException {
		boolean anonymous = rs.getBoolean("anonymous");
		Long handlerId = (Long) rs.getObject("handler_id");
		boolean seen = reader.seesAuthor(anonymous, handlerId, (Long) rs.getObject("author_resident_id"));
		return new Row(rs.getLong("id"), rs.getString("number"), ComplaintKind.valueOf(rs.getString("kind")),
				ComplaintCategory.valueOf(rs.getString("category")), ComplaintChannel.valueOf(rs.getString("channel")),
				ComplaintStatus.valueOf(rs.getString("status")), anonymous, seen ? rs.getString("author_name") : null,
				seen ? rs.getString("room_code") : null, handlerId, null, instant(rs, "created_at"),
				instant(rs, "resolve_by"), rs.getBoolean("overdue"), (Boolean) rs.getObject("satisfied"),
				rs.getInt("reopened"));
	}

	private List<Row> named(List<Row> rows) {
		Map<Long, String> names = this.staff.names(rows.stream().map(Row::handlerId).toList());
		List<Row> named = new ArrayList<>(rows.size());
		for (Row r : rows) {
			named.add(new Row(r.id(), r.number(), r.kind(), r.category(), r.channel(), r.status(), r.anonymous(),
					r.authorName(), r.roomCode(), r.handlerId(), names.get(r.handlerId()), r.createdAt(), r.resolveBy(),
					r.overdue(), r.satisfied(), r.reopened()));
		}
		return named;
	}

	// ---------------------------------------------------------------- who reads

	/** The signed-in reader: a staff member, a resident, or nobody (a job). */
	record Reader(StaffUser staff, Long residentId) {

		static Reader current() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof StaffUser user) {
				return new Reader(user, null);
			}
			if (authentication != null
					&& authentication.getPrincipal() instanceof org.linli.identity.ResidentUser user) {
				return new Reader(null, user.getResidentId());
			}
			return new Reader(null, null);
		}

		boolean isStaff() {
			return this.staff != null;
		}

		Long staffId() {
			return isStaff() ? this.staff.getAccountId() : null;
		}

		boolean is(Long staffId) {
			return isStaff() && staffId != null && staffId == this.staff.getAccountId();
		}

		/** Sees every item of their communities and gives them to handlers. */
		boolean supervises() {
			return isStaff() && (this.staff.hasRole(Role.ADMIN) || this.staff.hasRole(Role.MANAGER)
					|| this.staff.hasRole(Role.SERVICE));
		}

		/** May act for any handler, and sees every author. */
		boolean manages() {
			return isStaff() && this.staff.hasRole(Role.MANAGER);
		}

		boolean seesPersonalData() {
			return isStaff() && this.staff.hasPermission(Permission.PERSONAL_DATA_VIEW);
		}

		/**
		 * An anonymous item's author is seen by its handler, the community's managers
		 * (whose scope was checked) and the author; anyone sees a named author.
		 */
		boolean seesAuthor(boolean anonymous, Long handlerId, Long authorResidentId) {
			if (!anonymous) {
				return true;
			}
			if (this.residentId != null) {
				return this.residentId.equals(authorResidentId);
			}
			return manages() || is(handlerId);
		}

	}

	private String staffName() {
		return this.current.require().getDisplayName();
	}

	// ---------------------------------------------------------------- helpers

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
