package org.linli.complaints.internal;

import java.sql.Timestamp;
import java.time.Clock;

import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.Complaints;
import org.linli.shared.SqlRead;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The implementation of {@link Complaints}: set reads, no scope check. */
@Service
@Transactional(readOnly = true)
class ComplaintsFacade implements Complaints {

	private final JdbcClient jdbc;

	private final Clock clock;

	ComplaintsFacade(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@SqlRead
	public long openOfResident(long residentId) {
		return this.jdbc
			.sql("SELECT count(*) FROM complaint c WHERE c.author_resident_id = ? AND (c.status IN "
					+ ComplaintStatus.OPEN_SQL + " OR c.status = 'RESOLVED')")
			.param(residentId)
			.query(Long.class)
			.single();
	}

	@Override
	@SqlRead
	public OpenCount openCount(long communityId) {
		return this.jdbc.sql("SELECT count(*), count(*) FILTER (WHERE " + ComplaintService.OVERDUE_SQL
				+ "), count(*) FILTER (WHERE c.status = 'SUBMITTED') FROM complaint c WHERE c.community_id = :community AND c.status IN "
				+ ComplaintStatus.OPEN_SQL)
			.param("community", communityId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, n) -> new OpenCount(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

}
