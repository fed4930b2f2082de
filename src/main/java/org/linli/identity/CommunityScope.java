package org.linli.identity;

import java.util.Set;

/**
 * The communities a staff member may see and change: all of them (ADMIN) or the assigned
 * ones.
 */
public record CommunityScope(boolean all, Set<Long> communityIds) {

	public CommunityScope {
		communityIds = Set.copyOf(communityIds);
	}

	public static CommunityScope everything() {
		return new CommunityScope(true, Set.of());
	}

	public static CommunityScope none() {
		return new CommunityScope(false, Set.of());
	}

	public boolean includes(Long communityId) {
		return communityId != null && (this.all || this.communityIds.contains(communityId));
	}

}
