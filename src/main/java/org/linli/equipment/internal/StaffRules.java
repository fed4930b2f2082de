package org.linli.equipment.internal;

import org.linli.identity.Role;
import org.linli.identity.StaffUser;

import org.springframework.security.access.AccessDeniedException;

/** Who may do what with tasks and rounds. */
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

}
