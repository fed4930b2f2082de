package org.linli.identity;

import java.util.List;

/**
 * Implemented by the estate module: the communities that staff can be assigned to. Keeps
 * identity independent of the estate's tables.
 */
public interface CommunityDirectory {

	List<CommunityRef> allCommunities();

	boolean exists(long communityId);

	record CommunityRef(long id, String name) {
	}

}
