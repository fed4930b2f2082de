package org.linli.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app messages delivered to a resident (their portal inbox) or a staff member (the
 * console's bell): newest first, each read or not. Callers pass the signed-in person;
 * nobody reads another's messages.
 */
@Service
public class Inbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	Inbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whose inbox: a resident's or a staff member's. */
	public record Owner(String kind, long id) {

		public static Owner resident(long residentId) {
			return new Owner("RESIDENT", residentId);
		}

		public static Owner staff(long accountId) {
			return new Owner("STAFF", accountId);
		}

	}

	public record Message(long id, String title, String body, Instant createdAt, Instant readAt) {

		public boolean unread() {
			return this.readAt == null;
		}

		public String time() {
			return Times.minutes(this.createdAt);
		}

	}

	@Transactional(readOnly = true)
	public PageView<Message> page(Owner owner, PageQuery query) {
		return delivered(owner).orderBy("created_at DESC, id DESC")
			.page(this.jdbc, "SELECT id, title, body, created_at, read_at", query, Inbox::message);
	}

	private static Message message(ResultSet rs, int n) throws SQLException {
		return new Message(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
				rs.getTimestamp("created_at").toInstant(),
				(rs.getTimestamp("read_at") != null) ? rs.getTimestamp("read_at").toInstant() : null);
	}

	@SqlRead
	public long unread(Owner owner) {
		return this.jdbc.sql("""
				SELECT count(*) FROM notification WHERE recipient_kind = :kind AND recipient_id = :id
				AND channel = 'IN_APP' AND status = 'SENT' AND read_at IS NULL""")
			.param("kind", owner.kind())
			.param("id", owner.id())
			.query(Long.class)
			.single();
	}

	/** Marks one of the owner's messages read (again is fine); another's is not found. */
	@Transactional
	public Message read(Owner owner, long id) {
		int found = this.jdbc
			.sql("""
					UPDATE notification SET read_at = coalesce(read_at, :now)
					WHERE id = :message AND recipient_kind = :kind AND recipient_id = :id AND channel = 'IN_APP' AND status = 'SENT'""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("message", id)
			.param("kind", owner.kind())
			.param("id", owner.id())
			.update();
		if (found == 0) {
			throw new NotFoundException("message", id);
		}
		return delivered(owner).where("id = :message")
			.param("message", id)
			.list(this.jdbc, "SELECT id, title, body, created_at, read_at", Inbox::message)
			.get(0);
	}

	/** Marks all of the owner's messages read. */
	@Transactional
	public int readAll(Owner owner) {
		return this.jdbc.sql("""
				UPDATE notification SET read_at = :now WHERE recipient_kind = :kind AND recipient_id = :id
				AND channel = 'IN_APP' AND status = 'SENT' AND read_at IS NULL""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("kind", owner.kind())
			.param("id", owner.id())
			.update();
	}

	private static SqlList delivered(Owner owner) {
		return SqlList.from("FROM notification")
			.where("recipient_kind = :kind AND recipient_id = :id AND channel = 'IN_APP' AND status = 'SENT'")
			.param("kind", owner.kind())
			.param("id", owner.id());
	}

}
