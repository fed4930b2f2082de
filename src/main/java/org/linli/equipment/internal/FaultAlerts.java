package org.linli.equipment.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.linli.equipment.FaultReported;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.shared.Times;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A fault reported through a device's QR page rings the bell of the community's
 * technicians and managers at once, in the staff console: once per fault and person,
 * however often the event is delivered.
 */
@Component
class FaultAlerts {

	private static final Set<Role> ALERTED = EnumSet.of(Role.TECHNICIAN, Role.MANAGER);

	private final StaffDirectory staff;

	private final Notifications notifications;

	FaultAlerts(StaffDirectory staff, Notifications notifications) {
		this.staff = staff;
		this.notifications = notifications;
	}

	@ApplicationModuleListener
	void on(FaultReported fault) {
		Map<String, String> params = new HashMap<>();
		params.put("device", fault.equipmentCode());
		params.put("description", fault.description());
		params.put("reporter", (fault.reporterName() != null) ? fault.reporterName() : "—");
		params.put("time", Times.minutes(fault.reportedAt()));
		for (StaffDirectory.StaffRef person : this.staff.inCommunity(fault.communityId())) {
			if (person.roles().stream().anyMatch(ALERTED::contains)) {
				this.notifications
					.send(new Notifications.Notice(fault.communityId(), new Notifications.Staff(person.id()),
							"FAULT_REPORTED", params, Set.of(Channel.IN_APP), Purpose.INFO,
							"fault:" + fault.faultId() + ":" + person.id(), "equipment:" + fault.equipmentId()));
			}
		}
	}

}
