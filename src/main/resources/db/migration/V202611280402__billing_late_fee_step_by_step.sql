-- The same late fee as before (see V202611280301), computed step by step over the line's movements in day order,
-- so that its two statements are planned once per connection rather than on every call: every read of lines calls
-- it once per line.
CREATE OR REPLACE FUNCTION bill_late_fee(p_bill BIGINT, p_as_of DATE) RETURNS NUMERIC
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    v_amount NUMERIC;
    v_starts DATE;
    v_rate   NUMERIC;
    v_cap    BOOLEAN;
    v_unpaid NUMERIC;
    v_day    DATE;
    v_sum    NUMERIC := 0;
    v_move   RECORD;
BEGIN
    SELECT b.amount, greatest(b.due_date + f.late_grace_days, b.issued_on), f.late_daily_rate, f.late_cap
    INTO v_amount, v_starts, v_rate, v_cap
    FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
    WHERE b.id = p_bill;
    IF NOT FOUND OR v_rate IS NULL OR v_rate <= 0 OR v_starts >= p_as_of THEN
        RETURN 0;
    END IF;
    -- the principal unpaid at the end of each day from v_starts to the day before p_as_of: the amount, lowered by
    -- payments and principal waivers and raised again by refunds from their day on
    v_unpaid := v_amount;
    v_day := v_starts;
    FOR v_move IN
        SELECT m.day, sum(m.amount) AS amount FROM (
            SELECT p.value_date AS day, a.amount
            FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.bill_id = p_bill
            UNION ALL
            SELECT r.value_date, -r.amount FROM refund_allocation r WHERE r.bill_id = p_bill
            UNION ALL
            SELECT w.as_of, w.amount FROM bill_adjustment w WHERE w.bill_id = p_bill AND w.kind = 'WAIVER'
        ) m
        WHERE m.day < p_as_of
        GROUP BY m.day ORDER BY m.day
    LOOP
        IF v_move.day > v_day THEN
            v_sum := v_sum + greatest(v_unpaid, 0) * (v_move.day - v_day);
            v_day := v_move.day;
        END IF;
        v_unpaid := v_unpaid - v_move.amount;
    END LOOP;
    v_sum := round((v_sum + greatest(v_unpaid, 0) * (p_as_of - v_day)) * v_rate, 2);
    IF v_cap THEN
        RETURN least(v_sum, v_amount);
    END IF;
    RETURN v_sum;
END $$;
