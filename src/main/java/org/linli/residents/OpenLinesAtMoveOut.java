package org.linli.residents;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * What staff moving someone out are told: the lines of the room that person pays and that
 * are still open. Implemented by the module that bills rooms (this module cannot depend
 * on it); without one, nothing is told.
 */
public interface OpenLinesAtMoveOut {

	/** The open lines of a room that a resident is a payer of, oldest first. */
	List<OpenLine> openLines(long roomId, long residentId);

	/** One line still owed: what is left of it today, late fee included. */
	record OpenLine(long billId, String feeItem, YearMonth period, BigDecimal outstanding) {
	}

}
