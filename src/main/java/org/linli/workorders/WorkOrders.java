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

	record OpenCount(long open, long overdue) {
	}

}
