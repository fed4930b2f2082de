package org.linli.community.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;

import org.springframework.stereotype.Component;

/**
 * What residents are told of community life: an announcement (in the portal; urgent ones
 * by SMS too, which the resident cannot decline — a water cut is not advertising), places
 * that came to them from the waiting list, an activity called off. Each notice once per
 * person, by its key.
 */
@Component
class CommunityNotices {

	private final Notifications notifications;

	CommunityNotices(Notifications notifications) {
		this.notifications = notifications;
	}

	void announcement(long communityId, long id, String title, boolean urgent, long residentId) {
		Set<Channel> channels = urgent ? EnumSet.of(Channel.IN_APP, Channel.SMS) : EnumSet.of(Channel.IN_APP);
		this.notifications.send(new Notifications.Notice(communityId, new Notifications.Resident(residentId),
				urgent ? "ANNOUNCEMENT_URGENT" : "ANNOUNCEMENT", Map.of("title", title), channels,
				urgent ? Purpose.REQUIRED : Purpose.INFO, "announcement:" + id + ":" + residentId,
				"announcement:" + id));
	}

	void promoted(long communityId, long activityId, String title, long residentId, long registrationId) {
		this.notifications.send(new Notifications.Notice(communityId, new Notifications.Resident(residentId),
				"ACTIVITY_PROMOTED", Map.of("title", title), EnumSet.of(Channel.IN_APP, Channel.SMS), Purpose.INFO,
				"activity:" + activityId + ":promoted:" + registrationId, "activity:" + activityId));
	}

	void activityCancelled(long communityId, long activityId, String title, long residentId, long registrationId) {
		this.notifications.send(new Notifications.Notice(communityId, new Notifications.Resident(residentId),
				"ACTIVITY_CANCELLED", Map.of("title", title), EnumSet.of(Channel.IN_APP, Channel.SMS), Purpose.INFO,
				"activity:" + activityId + ":cancelled:" + registrationId, "activity:" + activityId));
	}

}
