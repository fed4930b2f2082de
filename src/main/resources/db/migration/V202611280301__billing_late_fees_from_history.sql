-- Late fees (滞纳金) from each line's history (issue "correct through time"). A line's late fee on a day is the sum,
-- over every day from its due date plus grace days (and never before it was issued) up to the day before, of the
-- principal still unpaid at the end of that day, times the daily rate, rounded once, within the cap. It is worked out
-- from the rows, never posted: a missed night, a late read or a reopening changes nothing it should not, and every
-- read and payment sees the same figure for the same day.
--
-- Each movement therefore carries the day (in the installation's zone) from whose end it counts. The tables are
-- append-only; the new columns are filled for the rows that exist, with their triggers off for this migration only.

ALTER TABLE bill DISABLE TRIGGER bill_append_only;
ALTER TABLE bill ADD COLUMN issued_on DATE;
UPDATE bill SET issued_on = (created_at AT TIME ZONE '${zone}')::date;
ALTER TABLE bill ALTER COLUMN issued_on SET NOT NULL;
ALTER TABLE bill ENABLE TRIGGER bill_append_only;

-- The day a payment counts from: the day it was taken, or, for a payment order paid within its validity, the day the
-- order was made (the order fixed what its lines owed on that day).
ALTER TABLE payment DISABLE TRIGGER payment_append_only;
ALTER TABLE payment ADD COLUMN value_date DATE;
UPDATE payment SET value_date = (created_at AT TIME ZONE '${zone}')::date;
ALTER TABLE payment ALTER COLUMN value_date SET NOT NULL;
ALTER TABLE payment ENABLE TRIGGER payment_append_only;

-- A refund reopens its lines from the day it was approved.
ALTER TABLE refund_allocation DISABLE TRIGGER refund_allocation_append_only;
ALTER TABLE refund_allocation ADD COLUMN value_date DATE;
UPDATE refund_allocation a SET value_date = (d.decided_at AT TIME ZONE '${zone}')::date
FROM refund_decision d WHERE d.refund_id = a.refund_id;
ALTER TABLE refund_allocation ALTER COLUMN value_date SET NOT NULL;
ALTER TABLE refund_allocation ENABLE TRIGGER refund_allocation_append_only;

-- Waivers are of the principal (WAIVER: lowers what late fees accrue on, from its day) or of the late fee
-- (LATE_FEE_WAIVER: lowers what is owed, never the principal). Rows of kind LATE_FEE are the daily postings of the
-- earlier accrual; they are kept as history and read by nothing.
ALTER TABLE bill_adjustment DISABLE TRIGGER bill_adjustment_append_only;
UPDATE bill_adjustment SET as_of = (created_at AT TIME ZONE '${zone}')::date WHERE as_of IS NULL;
ALTER TABLE bill_adjustment ENABLE TRIGGER bill_adjustment_append_only;
ALTER TABLE bill_adjustment ALTER COLUMN as_of SET NOT NULL;
ALTER TABLE bill_adjustment ALTER COLUMN kind TYPE VARCHAR(20);
ALTER TABLE bill_adjustment DROP CONSTRAINT bill_adjustment_kind_check;
ALTER TABLE bill_adjustment ADD CONSTRAINT bill_adjustment_kind_check
    CHECK (kind IN ('WAIVER', 'LATE_FEE_WAIVER', 'CANCELLATION', 'LATE_FEE'));
ALTER TABLE bill_adjustment DROP CONSTRAINT bill_adjustment_late_fee_daily;

CREATE FUNCTION bill_late_fee(p_bill BIGINT, p_as_of DATE) RETURNS NUMERIC
LANGUAGE sql STABLE PARALLEL SAFE AS $$
WITH line AS (
    SELECT b.amount, greatest(b.due_date + f.late_grace_days, b.issued_on) AS starts, f.late_daily_rate AS rate,
           f.late_cap AS cap
    FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
    WHERE b.id = p_bill AND f.late_daily_rate > 0
), moves AS (
    -- what lowers (or, refunded, raises again) the unpaid principal, by the day from whose end it counts; money paid
    -- beyond the principal paid the late fee and lowers nothing
    SELECT p.value_date AS day, a.amount
    FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.bill_id = p_bill
    UNION ALL
    SELECT r.value_date, -r.amount FROM refund_allocation r WHERE r.bill_id = p_bill
    UNION ALL
    SELECT w.as_of, w.amount FROM bill_adjustment w WHERE w.bill_id = p_bill AND w.kind = 'WAIVER'
), bounds AS (
    -- the days from which the unpaid principal stays the same, within [starts, as_of)
    SELECT l.starts AS day FROM line l WHERE l.starts < p_as_of
    UNION
    SELECT m.day FROM moves m, line l WHERE m.day > l.starts AND m.day < p_as_of
), spans AS (
    SELECT b.day, lead(b.day, 1, p_as_of) OVER (ORDER BY b.day) - b.day AS days,
           (SELECT coalesce(sum(m.amount), 0) FROM moves m WHERE m.day <= b.day) AS lowered
    FROM bounds b
), fee AS (
    SELECT round(sum(greatest(l.amount - s.lowered, 0) * s.days) * l.rate, 2) AS amount, l.amount AS principal, l.cap
    FROM line l, spans s GROUP BY l.amount, l.rate, l.cap
)
SELECT coalesce((SELECT CASE WHEN cap THEN least(amount, principal) ELSE amount END FROM fee), 0)
$$;

-- The day a run's lines are issued: the day it runs, unless the run says otherwise (the demo data writes last
-- month's run as it would have been issued then).
ALTER TABLE billing_run ADD COLUMN issued_on DATE;
