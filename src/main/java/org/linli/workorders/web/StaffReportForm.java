package org.linli.workorders.web;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.linli.shared.Times;
import org.linli.shared.web.FormValues;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.internal.WorkOrderService;

/**
 * The front desk's repair form (代客报修) as typed: a room by its code or a location, what is
 * wrong, how urgent, and who called.
 */
public record StaffReportForm(String roomCode, String location, String area, String category, String urgency,
		String description, String reporterName, String reporterPhone, String preferredTime) {

	public static StaffReportForm blank() {
		return new StaffReportForm(null, null, "IN_HOME", "PLUMBING", "NORMAL", null, null, null, null);
	}

	WorkOrderService.StaffReport command(Long roomId) {
		FormValues values = new FormValues();
		Area area = values.choice(Area.class, "area", this.area);
		RepairCategory category = values.choice(RepairCategory.class, "category", this.category);
		Urgency urgency = values.choice(Urgency.class, "urgency", this.urgency);
		java.time.OffsetDateTime preferred = preferred(values, "preferredTime", this.preferredTime);
		values.throwIfAny();
		return new WorkOrderService.StaffReport(roomId, null, this.location, area, category, urgency, this.description,
				this.reporterName, this.reporterPhone, preferred);
	}

	/** A {@code datetime-local} value in the installation's zone, or null when empty. */
	static java.time.OffsetDateTime preferred(FormValues values, String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.trim()).atZone(Times.zone()).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			values.reject(field, "validation.invalidValue");
			return null;
		}
	}

}
