package org.linli.complaints.internal;

import java.time.Instant;
import java.util.List;

import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintChannel;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.ComplaintStatus;
import org.linli.shared.Times;

/**
 * A complaint, suggestion or praise as the API and pages show it, with its timeline.
 *
 * @param author who brought it, or null when hidden from the reader (an anonymous item
 * read by anyone but its handler, the community's managers and the author)
 * @param satisfied the resident's last confirmation: true, false (reopened), or null
 * @param workOrderId the repair order it opened, or null
 */
public record ComplaintView(long id, String number, long communityId, ComplaintKind kind, ComplaintCategory category,
		ComplaintChannel channel, ComplaintStatus status, boolean anonymous, Author author, Long handlerId,
		String handlerName, String description, String result, Boolean satisfied, String confirmComment,
		boolean overdue, Instant createdAt, Instant acceptBy, Instant resolveBy, Instant acceptedAt, Instant resolvedAt,
		Instant closedAt, int reopened, Long workOrderId, String workOrderNumber, List<Related> related,
		List<Photo> photos, List<Event> timeline) {

	/**
	 * The author: a resident's name and room, or the caller's name; the phone masked
	 * unless the reader may see personal data.
	 */
	public record Author(Long residentId, String name, String roomCode, String phone) {
	}

	public record Related(long id, String number, ComplaintKind kind, ComplaintCategory category,
			ComplaintStatus status) {
	}

	public record Photo(long id, Instant uploadedAt) {
	}

	/**
	 * One line of the timeline: a step, or a follow-up with whom was contacted and the
	 * next step; {@code by} is null for an anonymous author hidden from the reader.
	 */
	public record Event(ComplaintStatus status, boolean followUp, Instant at, String by, boolean byAuthor, String note,
			String contacted, String nextStep) {

		public String time() {
			return Times.minutes(this.at);
		}

	}

	public String created() {
		return Times.minutes(this.createdAt);
	}

	public String resolveByTime() {
		return Times.minutes(this.resolveBy);
	}

	public String acceptByTime() {
		return Times.minutes(this.acceptBy);
	}

	/** Waiting for the resident to say whether they are satisfied. */
	public boolean awaitingConfirmation() {
		return this.status == ComplaintStatus.RESOLVED;
	}

}
