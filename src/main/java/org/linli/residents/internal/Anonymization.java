package org.linli.residents.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.identity.PortalAccounts;
import org.linli.identity.StaffDirectory;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.residents.ResidentAnonymized;
import org.linli.shared.InvalidInputException;
import org.linli.shared.SqlArrays;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right to be forgotten, within the law (PIPL Art. 47; accounting records are kept):
 * a former resident — no current occupancy, the last one ended more than
 * {@code linli.residents.retention} ago (five years by default) — may be anonymized by
 * staff holding {@link Permission#PERSONAL_DATA_VIEW} in one of their communities. Name
 * replaced by a pseudonym ({@code 匿名住户R<id>}), phone, ID number, emergency contact,
 * gender and note erased, the portal account removed; the other modules do the same with
 * what they kept ({@link ResidentAnonymized}). Rooms, stays, bills and payments stay,
 * under the pseudonym: no amount and no receipt number changes. Audited, without the
 * erased values. A daily job tells the staff who may do it when someone becomes due.
 */
@Service
@Transactional(readOnly = true)
public class Anonymization {

	private final JdbcClient jdbc;

	private final ResidentService residents;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final PortalAccounts portal;

	private final Notifications notifications;

	private final StaffDirectory staff;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Period retention;

	Anonymization(JdbcClient jdbc, ResidentService residents, CurrentStaff current, AuditLog audit,
			PortalAccounts portal, Notifications notifications, StaffDirectory staff, ApplicationEventPublisher events,
			Clock clock, @Value("${linli.residents.retention:P5Y}") Period retention) {
		this.jdbc = jdbc;
		this.residents = residents;
		this.current = current;
		this.audit = audit;
		this.portal = portal;
		this.notifications = notifications;
		this.staff = staff;
		this.events = events;
		this.clock = clock;
		this.retention = retention;
	}

	/**
	 * A former resident due for anonymization (no name: the list shows the id and dates).
	 */
	public record Due(long residentId, long communityId, LocalDate movedOut, LocalDate dueSince) {
	}

	/**
	 * At most this many are listed, longest due first (a work list, worked from the top).
	 */
	public static final int LISTED = 500;

	public Period retention() {
		return this.retention;
	}

	/**
	 * Over all of a person's stays, whichever community: no stay open, the last one ended
	 * on or before the cutoff; listed to the communities they lived in.
	 */
	private static final String DUE = """
			SELECT o.resident_id, min(o.community_id) FILTER (WHERE o.community_id = ANY (CAST(:communities AS bigint[])))
			       AS community_id, max(o.until) AS moved_out
			FROM occupancy o JOIN resident r ON r.id = o.resident_id
			WHERE r.anonymized_at IS NULL
			  AND o.resident_id IN (SELECT resident_id FROM occupancy WHERE community_id = ANY (CAST(:communities AS bigint[])))
			GROUP BY o.resident_id
			HAVING bool_and(o.until IS NOT NULL) AND max(o.until) <= :cutoff""";

	/** Who is due in the communities the member works in, longest due first. */
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public List<Due> due() {
		CommunityScope scope = this.current.scope();
		List<Long> communities = scope.all()
				? this.jdbc.sql("SELECT DISTINCT community_id FROM occupancy").query(Long.class).list()
				: List.copyOf(scope.communityIds());
		return due(communities, LISTED);
	}

	private List<Due> due(List<Long> communities, int max) {
		LocalDate cutoff = LocalDate.now(this.clock).minus(this.retention);
		return this.jdbc.sql(DUE + " ORDER BY moved_out, o.resident_id LIMIT :max")
			.param("communities", SqlArrays.bigints(communities))
			.param("cutoff", Date.valueOf(cutoff))
			.param("max", max)
			.query((rs, n) -> {
				LocalDate movedOut = rs.getDate("moved_out").toLocalDate();
				return new Due(rs.getLong("resident_id"), rs.getLong("community_id"), movedOut,
						movedOut.plus(this.retention));
			})
			.list();
	}

	public static String pseudonym(long residentId) {
		return "匿名住户R" + residentId;
	}

	/** Anonymizes the former resident; answers the pseudonym. */
	@Transactional
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public String anonymize(long residentId) {
		if (!this.current.require().hasPermission(Permission.PERSONAL_DATA_VIEW)) {
			throw new AccessDeniedException("Anonymizing takes PERSONAL_DATA_VIEW");
		}
		// the same access as reading the resident (404 outside the member's communities);
		// then the row locked, so that a move-in or an edit meanwhile waits for the
		// outcome
		ResidentRow resident = this.residents.find(residentId);
		record Locked(String name, boolean anonymized) {
		}
		Locked row = this.jdbc.sql("SELECT name, anonymized_at IS NOT NULL FROM resident WHERE id = ? FOR UPDATE")
			.param(residentId)
			.query((rs, n) -> new Locked(rs.getString(1), rs.getBoolean(2)))
			.single();
		if (row.anonymized()) {
			throw InvalidInputException.conflict("resident", "residents.anonymize.already");
		}
		record Stays(long open, Date movedOut, Long community) {
		}
		Stays stays = this.jdbc.sql("""
				SELECT count(*) FILTER (WHERE until IS NULL), max(until), min(community_id)
				FROM occupancy WHERE resident_id = ?""")
			.param(residentId)
			.query((rs, n) -> new Stays(rs.getLong(1), rs.getDate(2), (Long) rs.getObject(3)))
			.single();
		if (stays.open() > 0 || stays.movedOut() == null) {
			throw InvalidInputException.conflict("resident", "residents.anonymize.stillLiving");
		}
		LocalDate dueSince = stays.movedOut().toLocalDate().plus(this.retention);
		if (dueSince.isAfter(LocalDate.now(this.clock))) {
			throw InvalidInputException.conflict("resident", "residents.anonymize.notYet", dueSince.toString());
		}
		String pseudonym = pseudonym(residentId);
		String former = row.name();
		this.jdbc.sql("""
				UPDATE resident SET name = :pseudonym, phone_cipher = NULL, phone_hash = NULL, phone_tail_hash = NULL,
				       id_type = NULL, id_cipher = NULL, id_hash = NULL, gender = NULL, emergency_cipher = NULL,
				       note = NULL, anonymized_at = :at, updated_at = :at, version = version + 1
				WHERE id = :id""")
			.param("pseudonym", pseudonym)
			.param("at", Timestamp.from(Instant.now(this.clock)))
			.param("id", residentId)
			.update();
		this.portal.remove(residentId);
		this.notifications.forget(residentId, former, pseudonym);
		this.events.publishEvent(new ResidentAnonymized(residentId, former, pseudonym));
		this.audit.record("RESIDENT_ANONYMIZED", "resident", residentId,
				(resident.communityId() != null) ? resident.communityId() : stays.community(),
				AuditLog.Changes.of().set("pseudonym", pseudonym).set("movedOut", stays.movedOut().toString()));
		return pseudonym;
	}

	/**
	 * The daily job: tells each member who may anonymize (PERSONAL_DATA_VIEW) in a
	 * community how many there are due, once for each newly due resident; answers the
	 * notices queued.
	 */
	@Transactional
	public int notifyDue() {
		List<Long> communities = this.jdbc.sql("SELECT DISTINCT community_id FROM occupancy").query(Long.class).list();
		Map<Long, List<Due>> byCommunity = new java.util.TreeMap<>();
		for (Due due : due(communities, 100_000)) {
			byCommunity.computeIfAbsent(due.communityId(), (c) -> new java.util.ArrayList<>()).add(due);
		}
		int queued = 0;
		for (Map.Entry<Long, List<Due>> entry : byCommunity.entrySet()) {
			// told again whenever the set of residents due changes
			String newest = Integer.toHexString(entry.getValue()
				.stream()
				.map(Due::residentId)
				.sorted()
				.map(String::valueOf)
				.collect(java.util.stream.Collectors.joining(","))
				.hashCode());
			for (long member : this.staff.withPermission(entry.getKey(), Permission.PERSONAL_DATA_VIEW)) {
				queued += this.notifications
					.send(new Notifications.Notice(entry.getKey(), new Notifications.Staff(member), "ANONYMIZATION_DUE",
							Map.of("count", String.valueOf(entry.getValue().size())), EnumSet.of(Channel.IN_APP),
							Purpose.INFO, "anonymization-due:" + entry.getKey() + ":" + member + ":" + newest,
							"anonymization:" + entry.getKey()))
					.size();
			}
		}
		return queued;
	}

}
