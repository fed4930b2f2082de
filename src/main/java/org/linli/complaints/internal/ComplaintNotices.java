package org.linli.complaints.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.linli.complaints.ComplaintStatus;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;

import org.springframework.stereotype.Component;

/**
 * Who hears of an item: the supervisors of its community when it comes in, its handler
 * when it is given to them, the managers when it is reopened or late, and its author (in
 * their portal) when it is accepted and resolved. No notice to staff names the author:
 * they carry the item's number only. Written in the step's transaction; each once per
 * step and person.
 */
@Component
class ComplaintNotices {

	private static final Set<Role> SUPERVISORS = EnumSet.of(Role.MANAGER, Role.SERVICE);

	private static final Set<Role> MANAGERS = EnumSet.of(Role.MANAGER);

	private final Notifications notifications;

	private final StaffDirectory staff;

	ComplaintNotices(Notifications notifications, StaffDirectory staff) {
		this.notifications = notifications;
		this.staff = staff;
	}

	void submitted(long communityId, long id, String number) {
		toStaff(communityId, SUPERVISORS, "COMPLAINT_NEW", params(number), id, "new");
	}

	void assigned(long communityId, long id, long eventId, String number, long handlerId) {
		send(communityId, new Notifications.Staff(handlerId), "COMPLAINT_ASSIGNED_TO_YOU", params(number), id,
				"assigned:" + eventId + ":" + handlerId);
	}

	void reopened(long communityId, long id, long eventId, String number, Long handlerId) {
		toStaff(communityId, MANAGERS, "COMPLAINT_REOPENED", params(number), id, "reopened:" + eventId);
		if (handlerId != null) {
			send(communityId, new Notifications.Staff(handlerId), "COMPLAINT_REOPENED", params(number), id,
					"reopened:" + eventId + ":" + handlerId);
		}
	}

	void overdue(long communityId, long id, long round, String number) {
		toStaff(communityId, MANAGERS, "COMPLAINT_OVERDUE", params(number), id, "overdue:" + round);
	}

	/**
	 * Tells the author (a resident who submitted it) that it was accepted or resolved.
	 */
	void toAuthor(long communityId, long id, long eventId, String number, ComplaintStatus status, Long residentId) {
		if (residentId == null || (status != ComplaintStatus.ASSIGNED && status != ComplaintStatus.RESOLVED)) {
			return;
		}
		send(communityId, new Notifications.Resident(residentId), "COMPLAINT_" + status.name(), params(number), id,
				"author:" + eventId + ":" + residentId);
	}

	private void toStaff(long communityId, Set<Role> roles, String template, Map<String, String> params, long id,
			String key) {
		for (StaffDirectory.StaffRef person : this.staff.inCommunity(communityId)) {
			if (!person.allCommunities() && person.roles().stream().anyMatch(roles::contains)) {
				send(communityId, new Notifications.Staff(person.id()), template, params, id, key + ":" + person.id());
			}
		}
	}

	private void send(long communityId, Notifications.Recipient recipient, String template, Map<String, String> params,
			long id, String key) {
		this.notifications.send(new Notifications.Notice(communityId, recipient, template, params,
				Set.of(Channel.IN_APP), Purpose.INFO, "complaint:" + id + ":" + key, "complaint:" + id));
	}

	private static Map<String, String> params(String number) {
		Map<String, String> params = new HashMap<>();
		params.put("number", number);
		return params;
	}

}
