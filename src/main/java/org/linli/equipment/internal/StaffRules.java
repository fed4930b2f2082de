package org.linli.equipment.internal;

import org.linli.identity.Role;
import org.linli.identity.StaffUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Who may do what with tasks and rounds, and the one-node rule of the generators. */
final class StaffRules {

	private StaffRules() {
	}

	/** Managers (and admins) see and act on every task and round of their communities. */
	static boolean manages(StaffUser user) {
		return user.hasRole(Role.ADMIN) || user.hasRole(Role.MANAGER);
	}

	/** Others act only on what is assigned to them. */
	static void requireAssigneeOrManager(StaffUser user, Long assigneeId) {
		if (!manages(user) && (assigneeId == null || assigneeId != user.getAccountId())) {
			throw new AccessDeniedException("Not assigned to this staff member");
		}
	}

	/** How many rows a batch of {@code INSERT ... ON CONFLICT DO NOTHING} wrote. */
	static int inserted(int[] counts) {
		int total = 0;
		for (int count : counts) {
			total += Math.max(count, 0);
		}
		return total;
	}

	/**
	 * Whether this node runs a job now: a transaction-scoped advisory lock, taken by one
	 * node at a time.
	 */
	static boolean oneNode(JdbcClient jdbc, long job) {
		return Boolean.TRUE
			.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(job).query(Boolean.class).single());
	}

}
