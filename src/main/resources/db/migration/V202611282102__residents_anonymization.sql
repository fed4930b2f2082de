-- A former resident may be anonymized after the retention period: identity fields erased, the row kept under a
-- pseudonym so that bills, payments and history still have someone to belong to.
ALTER TABLE resident ALTER COLUMN phone_cipher DROP NOT NULL;
ALTER TABLE resident ALTER COLUMN phone_hash DROP NOT NULL;
ALTER TABLE resident ADD COLUMN anonymized_at TIMESTAMPTZ;

-- A payment stays append-only, with one exception: the payer's name may be replaced by a pseudonym when the person
-- is anonymized. No amount, receipt number or other column can change.
CREATE FUNCTION refuse_payment_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'payer_name') = (to_jsonb(OLD) - 'payer_name') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER payment_append_only ON payment;
CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION refuse_payment_change();
