package org.linli.workorders.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.linli.billing.BillStatus;
import org.linli.shared.Times;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderSource;
import org.linli.workorders.WorkOrderStatus;

/**
 * A repair order as the API and pages show it, with its timeline.
 *
 * @param place the room's code, the device or the location
 * @param complaintId the complaint it was opened for (source COMPLAINT), or null
 * @param reporterPhone masked unless the reader may see personal data; never for
 * residents
 * @param charge what was billed to the household, or null
 * @param callback the manager's call-back after a low rating, or null
 */
public record WorkOrderView(long id, String number, long communityId, Long roomId, Long deviceId, String location,
		String place, WorkOrderSource source, Long complaintId, Area area, RepairCategory category, Urgency urgency,
		WorkOrderStatus status, Long assigneeId, String assigneeName, String description, Instant preferredTime,
		String reporterName, String reporterPhone, Instant createdAt, Instant respondBy, Instant resolveBy,
		boolean overdue, Completion completion, Charge charge, Integer rating, String ratingComment, Callback callback,
		List<Photo> photos, List<HistoryStep> history) {

	/** What the technician did and used. */
	public record Completion(String note, BigDecimal labour, List<Material> materials, BigDecimal total,
			Instant completedAt) {
	}

	public record Material(String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
	}

	/** The bill line of a chargeable repair, as it stands. */
	public record Charge(BigDecimal amount, long billId, BillStatus status) {
	}

	public record Callback(String note, Instant at, String by) {
	}

	public record Photo(long id, String kind, Instant uploadedAt) {
	}

	public record HistoryStep(WorkOrderStatus status, Instant at, String by, String note) {

		@JsonIgnore
		public String time() {
			return Times.minutes(this.at);
		}

	}

	/** Waiting for the reporter's rating. */
	@JsonIgnore
	public boolean awaitingRating() {
		return this.status == WorkOrderStatus.COMPLETED;
	}

	/** Rated 1 or 2 stars and not yet called back (回访). */
	@JsonProperty("callbackDue")
	public boolean callbackDue() {
		return this.rating != null && this.rating <= 2 && this.callback == null;
	}

	@JsonIgnore
	public String created() {
		return Times.minutes(this.createdAt);
	}

	@JsonIgnore
	public String resolveByTime() {
		return Times.minutes(this.resolveBy);
	}

	@JsonIgnore
	public String respondByTime() {
		return Times.minutes(this.respondBy);
	}

	@JsonIgnore
	public String preferred() {
		return (this.preferredTime != null) ? Times.minutes(this.preferredTime) : null;
	}

}
