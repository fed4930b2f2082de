package org.linli.shared.db;

import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read replica, when {@code LINLI_REPLICA_URL} configures one: whether reads marked
 * {@link ReplicaReads} go there, and how far behind the primary it is.
 */
@Component
public class Replica {

	private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

	private final JdbcTemplate replica;

	Replica(ObjectProvider<ReplicaConfiguration.ReplicaPool> pool) {
		ReplicaConfiguration.ReplicaPool replica = pool.getIfAvailable();
		this.replica = (replica != null) ? new JdbcTemplate(replica.dataSource()) : null;
	}

	public boolean configured() {
		return this.replica != null;
	}

	/**
	 * Seconds since the last transaction the replica replayed (0 when it is not a standby
	 * or has replayed nothing yet); null without a replica.
	 */
	public Long lagSeconds() {
		if (this.replica == null) {
			return null;
		}
		Long lag = this.replica.queryForObject(
				"SELECT CASE WHEN pg_is_in_recovery() THEN ceil(extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::bigint END",
				Long.class);
		return (lag != null) ? Math.max(lag, 0) : 0L;
	}

	/** Whether the current thread is inside a {@link ReplicaReads} method. */
	static boolean reading() {
		return Boolean.TRUE.equals(READING.get());
	}

	static <T> T reading(Supplier<T> work) {
		Boolean outer = READING.get();
		READING.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outer == null) {
				READING.remove();
			}
			else {
				READING.set(outer);
			}
		}
	}

}
