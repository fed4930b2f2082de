package org.linli.workorders.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.shared.Money;
import org.linli.workorders.WorkOrderStatus;

import org.springframework.stereotype.Component;

/**
 * Who hears of a repair order's steps: the resident who reported it at each step (in
 * their portal), the dispatchers of its community when it arrives or comes back to the
 * pool, its technician when it is given to them or cancelled, and the managers when it is
 * overdue or rated poorly. Written in the step's transaction; each once per step and
 * person.
 */
@Component
class WorkOrderNotices {

	private static final Set<Role> DISPATCHERS = EnumSet.of(Role.MANAGER, Role.SERVICE);

	private static final Set<Role> MANAGERS = EnumSet.of(Role.MANAGER);

	private final Notifications notifications;

	private final StaffDirectory staff;

	WorkOrderNotices(Notifications notifications, StaffDirectory staff) {
		this.notifications = notifications;
		this.staff = staff;
	}

	void opened(long communityId, long id, long stepId, String number, String place, boolean tellDispatchers) {
		if (tellDispatchers) {
			toStaff(communityId, DISPATCHERS, "WORK_ORDER_NEW", params(number, place), id, "new:" + stepId);
		}
	}

	void assigned(long communityId, long id, long stepId, String number, String place, long technicianId) {
		send(communityId, new Notifications.Staff(technicianId), "WORK_ORDER_ASSIGNED_TO_YOU", params(number, place),
				id, "assigned:" + stepId + ":" + technicianId);
	}

	void returned(long communityId, long id, long stepId, String number, String place, String note) {
		Map<String, String> params = params(number, place);
		params.put("note", (note != null) ? note : "—");
		toStaff(communityId, DISPATCHERS, "WORK_ORDER_RETURNED_TO_POOL", params, id, "returned:" + stepId);
	}

	void cancelledForTechnician(long communityId, long id, long stepId, String number, long technicianId) {
		send(communityId, new Notifications.Staff(technicianId), "WORK_ORDER_CANCELLED_FOR_YOU", params(number, null),
				id, "cancelled:" + stepId + ":" + technicianId);
	}

	void lowRating(long communityId, long id, long stepId, String number, int stars) {
		Map<String, String> params = params(number, null);
		params.put("stars", String.valueOf(stars));
		toStaff(communityId, MANAGERS, "WORK_ORDER_LOW_RATING", params, id, "rated:" + stepId);
	}

	void overdue(long communityId, long id, String number, String place) {
		toStaff(communityId, MANAGERS, "WORK_ORDER_OVERDUE", params(number, place), id, "overdue");
	}

	/**
	 * Tells the reporting resident of a step (nothing when a resident did not report it):
	 * a completed chargeable repair says what it costs.
	 */
	void step(long communityId, long id, long stepId, String number, WorkOrderStatus status, Long residentId,
			Money charge) {
		if (residentId == null || status == WorkOrderStatus.SUBMITTED || status == WorkOrderStatus.CLOSED) {
			return;
		}
		Map<String, String> params = params(number, null);
		String template = "WORK_ORDER_" + status.name();
		if (charge != null) {
			params.put("amount", charge.amount().toPlainString());
			template = "WORK_ORDER_COMPLETED_CHARGED";
		}
		send(communityId, new Notifications.Resident(residentId), template, params, id,
				"step:" + stepId + ":" + residentId);
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
				Set.of(Channel.IN_APP), Purpose.INFO, "workorder:" + id + ":" + key, "workorder:" + id));
	}

	private static Map<String, String> params(String number, String place) {
		Map<String, String> params = new HashMap<>();
		params.put("number", number);
		if (place != null) {
			params.put("place", place);
		}
		return params;
	}

}
