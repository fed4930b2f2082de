package org.linli.identity;

import java.util.Optional;
import java.util.Set;

import org.linli.identity.internal.AccessCache;
import org.linli.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The staff member behind the current request, and the communities they may work in.
 */
@Component
public class CurrentStaff {

	private final JdbcClient jdbc;

	private final AccessCache cache;

	CurrentStaff(JdbcClient jdbc, AccessCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	public Optional<StaffUser> user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	public StaffUser require() {
		return user().orElseThrow(() -> new AccessDeniedException("No staff member signed in"));
	}

	/**
	 * Kept in memory between requests and forgotten on every node when the assignment
	 * changes ({@link AccessCache}), so that a change applies at once everywhere.
	 */
	public CommunityScope scope() {
		Optional<StaffUser> user = user();
		if (user.isEmpty()) {
			return CommunityScope.none();
		}
		if (user.get().hasRole(Role.ADMIN)) {
			return CommunityScope.everything();
		}
		long accountId = user.get().getAccountId();
		Set<Long> ids = this.cache.communities(accountId,
				() -> Set.copyOf(this.jdbc.sql("SELECT community_id FROM staff_account_community WHERE account_id = ?")
					.param(accountId)
					.query(Long.class)
					.list()));
		return new CommunityScope(false, ids);
	}

	/**
	 * Refuses a community outside the caller's scope with a 404, so that guessing ids
	 * reveals nothing.
	 */
	public void requireCommunity(Long communityId, String resource, Object id) {
		if (!scope().includes(communityId)) {
			throw new NotFoundException(resource, id);
		}
	}

}
