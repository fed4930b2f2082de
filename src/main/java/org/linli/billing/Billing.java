package org.linli.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.linli.shared.Money;

/**
 * Billing's front door: what other modules may ask of it. Nothing here checks the
 * caller's rights — the calling module has checked them for its own purpose (a technician
 * completing a chargeable repair is not finance staff); every write is audited and safe
 * to repeat.
 * <p>
 * Besides this facade, billing publishes {@link BillsIssued} after a billing run and
 * {@link PaymentReceived} for every payment.
 */
public interface Billing {

	/** A room's lines with something still owed, oldest first, with today's late fees. */
	List<OpenLine> openLines(long roomId);

	/**
	 * What a room owes today: everything open, and the part already past its due date.
	 */
	Arrears arrears(long roomId);

	/**
	 * The rooms of a community with lines overdue by at least {@code minDaysOverdue} days
	 * on {@code asOf}, with what they owe: one query for the whole community (reminders,
	 * arrears lists).
	 */
	List<Arrears> arrearsIn(long communityId, LocalDate asOf, int minDaysOverdue);

	/**
	 * What these bill lines still owe together today, late fees included: a reminder
	 * whose figure is now higher than this was overtaken by a payment or a waiver.
	 */
	Money owedOn(Collection<Long> billIds);

	/**
	 * Receivable and what became of it, by billing period and fee item, for the periods
	 * from {@code from} to {@code to} (inclusive): the figures of fee statistics,
	 * reconciled with the bill lines.
	 */
	List<PeriodFigures> figures(long communityId, YearMonth from, YearMonth to);

	/**
	 * Adds one charge to a room's bill: a line under the community's fee item of that
	 * kind, due on the given day. The same key again answers the line made the first
	 * time; the same key for another room, kind or amount is refused (409). Keys are
	 * unique across the installation.
	 */
	Charged charge(RoomCharge charge);

	/** The line a charge made, as it stands today; empty when the key made none. */
	Optional<ChargeLine> chargeLine(String sourceKey);

	/**
	 * Cancels (作废) the line a charge made, with a reason (an adjustment row, never an
	 * edit); a line already cancelled stays as it is. Refused (409) once anything was
	 * paid on it: that is a refund's business.
	 */
	Optional<ChargeLine> cancelCharge(String sourceKey, String reason);

	/** A charge's bill line: what it asks, what was paid, its state. */
	record ChargeLine(long billId, Money amount, Money paid, Money outstanding, BillStatus status) {
	}

	/** A bill line with something owed. */
	record OpenLine(long billId, long roomId, String feeItemName, YearMonth period, Money amount, Money lateFee,
			Money paid, Money outstanding, LocalDate dueDate, BillStatus status) {
	}

	/**
	 * What a room owes.
	 *
	 * @param overdue the part of {@code outstanding} on lines past their due date
	 * @param oldestDue the due date of the oldest open line, or null when nothing is owed
	 */
	record Arrears(long roomId, Money outstanding, Money overdue, int overdueLines, LocalDate oldestDue) {

		public boolean owes() {
			return this.outstanding.isPositive();
		}

	}

	/**
	 * One period's and fee item's figures. {@code receivable} excludes cancelled lines
	 * (shown apart); {@code received} is what payments settled on these lines, less
	 * approved refunds, whenever it was paid.
	 */
	record PeriodFigures(YearMonth period, long feeItemId, String feeItemName, int lines, Money receivable,
			Money lateFees, Money waived, Money received, Money outstanding, Money cancelled) {
	}

	/**
	 * A charge to add: {@code sourceKey} is the caller's own, unique for what is charged
	 * (e.g. "workorder:123"); the description is shown beside the fee item on the bill,
	 * payment and receipt; {@code dueDate} null means fifteen days from today.
	 */
	record RoomCharge(long roomId, ChargeKind kind, Money amount, String description, String sourceKey,
			LocalDate dueDate) {
	}

	/** The line a charge made, and whether it had been made before with that key. */
	record Charged(long billId, boolean replayed) {
	}

}
