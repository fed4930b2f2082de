package org.linli.equipment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Provided by the module that handles repairs (work orders): a device's repairs for its
 * history, and how the repair of a fault reported on a QR page is going, for the
 * reporter's follow-up code.
 */
public interface RepairRecords {

	/** The repairs of a device, newest first. */
	List<Repair> ofDevice(long equipmentId);

	/**
	 * The repair a fault report became, as its reporter may see it: its number, state and
	 * steps — never who reported it or anything personal.
	 */
	Optional<Progress> ofFault(long faultId);

	/**
	 * A repair of a device.
	 *
	 * @param status the order's state (e.g. COMPLETED), for a label
	 * @param cost labour and materials, once completed
	 */
	record Repair(long workOrderId, String number, Instant at, String status, String description, BigDecimal cost) {
	}

	/** A repair's state and its steps (state and time). */
	record Progress(String number, String status, List<Step> steps) {
	}

	record Step(String status, Instant at) {

		/** When, to the minute, in the installation's zone. */
		public String time() {
			return org.linli.shared.Times.minutes(this.at);
		}

	}

}
