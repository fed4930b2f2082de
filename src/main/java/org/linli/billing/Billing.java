package org.linli.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
	 * What each of these rooms owes today, read together (a resident's homes): every room
	 * asked for is answered, one that owes nothing with zeros.
	 */
	Map<Long, Arrears> arrears(Collection<Long> roomIds);

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
	 * The ledger's figures for fee statistics, at their finest grain, as of today: what
	 * was billed for each period from {@code from} to {@code to}, by building and fee
	 * item, and what was settled on lines — those of these periods whenever it was
	 * settled, and those of earlier periods settled in these months (the recovery of
	 * arrears). See {@link LedgerFigures}.
	 */
	LedgerFigures ledger(long communityId, YearMonth from, YearMonth to);

	/**
	 * What was settled in the months from {@code from} to {@code to}, on lines of any
	 * period (income): the {@link Settled} rows of those months alone.
	 */
	List<Settled> settledIn(long communityId, YearMonth from, YearMonth to);

	/**
	 * One period's receivable and what was received on its lines so far: the sums of the
	 * {@link #ledger}'s {@link Billed} and {@link Settled} rows of that period, in one
	 * read.
	 */
	PeriodTotals periodTotals(long communityId, YearMonth period);

	record PeriodTotals(Money receivable, Money received) {
	}

	/**
	 * The principal overdue at the end of {@code asOf}, in age buckets of days past the
	 * due date — up to {@code bucketEnds} (four ascending ends: 30, 90, 180, 365), then
	 * over the last: lines issued by then, due before it and not cancelled by then, with
	 * what was still owed of their principal after the waivers, payments and refunds
	 * dated up to it (late fees not included). Each bucket with its rooms and parking
	 * spaces, the most owed first, at most {@code places} of them.
	 */
	List<OverdueBucket> overdueOn(long communityId, LocalDate asOf, List<Integer> bucketEnds, int places);

	/**
	 * Brings the figures {@link #ledger} reads up to date now (a job does so every half
	 * minute); answers how many community-periods were recomputed.
	 */
	int refreshFigures();

	/**
	 * What a community's rooms and parking spaces owe past their due dates on a day, and
	 * how many owe, from the ledger's figures (as fresh as {@link #figuresAsOf()}).
	 */
	Owed overdueTotal(long communityId, LocalDate asOf);

	record Owed(Money amount, long places) {
	}

	/**
	 * What a community's cashiers and the gateway took on a day: payments in money
	 * (deposits spent are not takings), their count and amount.
	 */
	Takings takings(long communityId, LocalDate day);

	record Takings(long payments, Money amount) {
	}

	/** When the figures {@link #ledger} reads were last brought up to date, or null. */
	java.time.Instant figuresAsOf();

	/**
	 * The fee items a community charged in the month of {@code on}, with their prices
	 * (for its notices).
	 */
	List<FeeItemPrice> feeItemsOf(long communityId, LocalDate on);

	/**
	 * The ledger's figures. A line's principal is its amount less the waivers of its
	 * principal; what a line was paid (less refunds) settles its principal first and then
	 * its late fee. A cancelled line's receivable is the principal it was paid (nothing
	 * when nothing was), so that it neither owes nor changes a rate.
	 */
	record LedgerFigures(List<Billed> billed, List<Settled> settled) {
	}

	/**
	 * The lines of one period, building (null for parking spaces) and fee item.
	 *
	 * @param receivable principal after waivers and cancellations
	 * @param cancelled the principal cancellations took off
	 */
	record Billed(YearMonth period, Long buildingId, long feeItemId, String feeItemName, int lines, Money receivable,
			Money waived, Money cancelled) {
	}

	/**
	 * What was settled in one month on the lines of one period, building and fee item:
	 * the principal and the late fee, net of the refunds approved in that month.
	 */
	record Settled(YearMonth month, YearMonth period, Long buildingId, long feeItemId, String feeItemName,
			Money principal, Money lateFee) {
	}

	/**
	 * One age bucket (0 to 4): what is owed in it, on how many lines, by how many rooms
	 * and spaces, and the places owing most.
	 */
	record OverdueBucket(int bucket, Money amount, int lines, int placeCount, List<OverduePlace> places) {
	}

	/** A room (or parking space) in an age bucket. */
	record OverduePlace(Long roomId, Long parkingSpaceId, Money amount, int lines, LocalDate oldestDue) {
	}

	/**
	 * A fee item and its price: {@code unitPrice} per square metre a month (AREA) or per
	 * unit metered (METERED, the first tier when tiered), {@code amount} per period
	 * (FIXED, ONE_TIME).
	 */
	record FeeItemPrice(long id, String name, String method, String cycle, java.math.BigDecimal unitPrice, Money amount,
			String meterType, boolean tiered) {
	}

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
	 * The keys among {@code sourceKeys} whose charge made a line that stands today (not
	 * cancelled): one read for a report's many charges.
	 */
	java.util.Set<String> standingCharges(java.util.Collection<String> sourceKeys);

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
