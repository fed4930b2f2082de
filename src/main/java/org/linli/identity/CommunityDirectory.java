package org.linli.identity;

import java.util.List;

/**
 * Implemented by the estate module: the communities that staff can be assigned to. Keeps
 * identity independent of the estate's tables.
 */
public interface CommunityDirectory {

	List<CommunityRef> allCommunities();

	boolean exists(long communityId);

	/** A community's name, or "" when there is none. */
	default String nameOf(long communityId) {
		return allCommunities().stream()
			.filter((c) -> c.id() == communityId)
			.map(CommunityRef::name)
			.findFirst()
			.orElse("");
	}

	/** The communities a staff member works in, in the directory's order. */
	default List<CommunityRef> within(CommunityScope scope) {
		return allCommunities().stream().filter((c) -> scope.includes(c.id())).toList();
	}

	/**
	 * The community a menu entry opens: the one chosen, else the first the staff member
	 * works in; 404 when they work in none (or not in the one chosen).
	 */
	default CommunityRef chosenWithin(CommunityScope scope, Long chosen) {
		return chosenAmong(within(scope), chosen);
	}

	/**
	 * The same choice among communities already read with {@link #within}: a page that
	 * lists them and opens one reads them once.
	 */
	static CommunityRef chosenAmong(List<CommunityRef> mine, Long chosen) {
		return mine.stream()
			.filter((c) -> chosen == null || c.id() == chosen)
			.findFirst()
			.orElseThrow(() -> new org.linli.shared.NotFoundException("community", (chosen != null) ? chosen : "any"));
	}

	record CommunityRef(long id, String name) {
	}

}
