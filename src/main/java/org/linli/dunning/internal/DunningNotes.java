package org.linli.dunning.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffUser;
import org.linli.shared.Checks;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff notes of what they did about a room's arrears in person (催缴登记): a visit, a call,
 * a promise to pay by a day. A note is never edited; a correction is a new note.
 */
@Service
public class DunningNotes {

	private static final BigDecimal MAX = new BigDecimal("10000000");

	private final JdbcClient jdbc;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	DunningNotes(JdbcClient jdbc, Estate estate, CurrentStaff current, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	/** How staff followed a room up. */
	public enum NoteKind {

		VISIT, CALL, OTHER

	}

	public record NoteView(long id, NoteKind kind, String note, LocalDate promisedOn, Money promisedAmount,
			Instant createdAt, String createdBy) {

		public String created() {
			return Times.minutes(this.createdAt);
		}

	}

	public record NoteCommand(NoteKind kind, String note, LocalDate promisedOn, BigDecimal promisedAmount) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public List<NoteView> of(long roomId) {
		room(roomId);
		return this.jdbc.sql("""
				SELECT id, kind, note, promised_on, promised_amount, created_at, created_by FROM dunning_note
				WHERE room_id = ? ORDER BY created_at DESC, id DESC""")
			.param(roomId)
			.query((rs, n) -> new NoteView(rs.getLong("id"), NoteKind.valueOf(rs.getString("kind")),
					rs.getString("note"),
					(rs.getDate("promised_on") != null) ? rs.getDate("promised_on").toLocalDate() : null,
					(rs.getBigDecimal("promised_amount") != null) ? Money.of(rs.getBigDecimal("promised_amount"))
							: null,
					rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
			.list();
	}

	@Transactional
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public NoteView add(long roomId, NoteCommand command) {
		RoomRef room = room(roomId);
		String text = (command.note() != null) ? command.note().strip() : null;
		new Checks().required("kind", command.kind())
			.required("note", text)
			.maxLength("note", text, 1000)
			.positiveDecimal("promisedAmount", command.promisedAmount(), 2, MAX)
			.throwIfAny();
		StaffUser staff = this.current.require();
		Instant now = this.clock.instant();
		long id = this.jdbc
			.sql("""
					INSERT INTO dunning_note (community_id, room_id, kind, note, promised_on, promised_amount, created_at,
					                          created_by_id, created_by)
					VALUES (:community, :room, :kind, :note, :promisedOn, :promisedAmount, :now, :byId, :by) RETURNING id""")
			.param("community", room.communityId())
			.param("room", roomId)
			.param("kind", command.kind().name())
			.param("note", text)
			.param("promisedOn", (command.promisedOn() != null) ? Date.valueOf(command.promisedOn()) : null)
			.param("promisedAmount", command.promisedAmount())
			.param("now", Timestamp.from(now))
			.param("byId", staff.getAccountId())
			.param("by", staff.getDisplayName())
			.query(Long.class)
			.single();
		this.audit.record("DUNNING_NOTE_ADDED", "room", roomId, room.communityId(),
				AuditLog.Changes.of().set("kind", command.kind().name()));
		return new NoteView(id, command.kind(), text, command.promisedOn(),
				(command.promisedAmount() != null) ? Money.of(command.promisedAmount()) : null, now,
				staff.getDisplayName());
	}

	private RoomRef room(long roomId) {
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return room;
	}

}
