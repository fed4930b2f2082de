package org.linli.community;

import java.time.Instant;
import java.util.List;

/** What the home pages show of community life. */
public interface Community {

	/** A community's activities still to come (not cancelled), and the next of them. */
	Upcoming upcoming(long communityId);

	record Upcoming(long count, String nextTitle, Instant nextStartsAt) {
	}

	/** The newest announcements a resident may read, pinned first. */
	List<NoticeLine> latestNotices(long residentId, int max);

	/** How many of the announcements a resident may read they have not opened. */
	long unreadNotices(long residentId);

	record NoticeLine(long id, String title, Instant publishedAt, boolean pinned, boolean urgent, boolean read) {
	}

	/**
	 * Activities addressed to a resident's homes that are still to come, soonest first,
	 * with the resident's own registration if any.
	 */
	List<ActivityLine> upcomingFor(long residentId, int max);

	record ActivityLine(long id, String title, String place, Instant startsAt, Instant registrationDeadline,
			int placesLeft, RegistrationStatus myStatus) {
	}

}
