package org.linli.workorders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.linli.shared.Money;

/**
 * What other modules may ask of work orders. Like other facades it answers for any
 * community; the caller checks the caller's scope.
 */
public interface WorkOrders {

	/**
	 * The repairs completed in a community from {@code from} to {@code to} (inclusive),
	 * with their cost and what was charged to households: the community's repair expense
	 * is the cost less the charge.
	 */
	List<RepairCost> repairCosts(long communityId, LocalDate from, LocalDate to);

	/** How many orders of a community are open, and how many of those are overdue. */
	OpenCount openCount(long communityId);

	/** A completed repair's cost. */
	record RepairCost(long workOrderId, String number, Area area, Long roomId, Long equipmentId,
			RepairCategory category, Money cost, Money charged, Instant completedAt) {

		/** What the community bears. */
		public Money expense() {
			return this.cost.minus(this.charged);
		}

	}

	/**
	 * A community's open orders; {@code waiting} those nobody was given yet (submitted or
	 * returned), {@code mine} those given to the account asking (when one is given).
	 */
	OpenCount openCount(long communityId, Long assigneeId);

	/** How many repairs a resident reported are still open. */
	long openOfResident(long residentId);

	record OpenCount(long open, long overdue, long waiting, long mine) {
	}

	/**
	 * Opens a repair order for a complaint that is really a fault (source COMPLAINT),
	 * once per complaint: asking again answers the order opened the first time. Refused
	 * (400 naming the field) without a category, a description, or a room of the
	 * community or a location.
	 */
	OpenedOrder openFromComplaint(ComplaintRepair repair);

	/**
	 * A complaint's repair: in a room, or at a location of the community.
	 *
	 * @param reporterResidentId the complaint's author when not anonymous (who then
	 * follows and rates the repair), else null
	 */
	record ComplaintRepair(long complaintId, long communityId, Long roomId, String location, RepairCategory category,
			Urgency urgency, String description, Long reporterResidentId, String reporterName) {
	}

	record OpenedOrder(long id, String number, boolean replayed) {
	}

}
