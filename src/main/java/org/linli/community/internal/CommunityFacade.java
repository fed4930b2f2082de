package org.linli.community.internal;

import java.util.List;

import org.linli.community.Community;
import org.linli.shared.SqlRead;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The implementation of {@link Community}: a resident's own reads, set-based. */
@Service
@Transactional(readOnly = true)
class CommunityFacade implements Community {

	private final Announcements announcements;

	private final Activities activities;

	CommunityFacade(Announcements announcements, Activities activities) {
		this.announcements = announcements;
		this.activities = activities;
	}

	@Override
	@SqlRead
	public Upcoming upcoming(long communityId) {
		return this.activities.upcoming(communityId);
	}

	@Override
	@SqlRead
	public List<NoticeLine> latestNotices(long residentId, int max) {
		return this.announcements.latest(residentId, max);
	}

	@Override
	@SqlRead
	public long unreadNotices(long residentId) {
		return this.announcements.unread(residentId);
	}

	@Override
	@SqlRead
	public List<ActivityLine> upcomingFor(long residentId, int max) {
		return this.activities.upcomingFor(residentId, max);
	}

}
