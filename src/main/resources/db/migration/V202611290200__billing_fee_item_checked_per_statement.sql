-- A bill's fee item checked once per statement instead of once per row (issue 12). The billing run writes a community's
-- bills in one statement (400,000 for 100,000 rooms and four fee items); the row-by-row reference check of
-- bill.fee_item_id looked the same few fee items up 400,000 times and was a third of the run's time.
--
-- Fee items are never deleted nor renumbered: bills, tiers and targets name them, and a tariff ends by its effective
-- dates (a price change is a new row). The database now refuses both, so a fee item that a bill names can never
-- disappear; checking, when a statement ends, that every fee item its new bills name exists is then at least as strict
-- as the reference it replaces, at any isolation level and without locking the fee items. Bills themselves are
-- append-only (bill_append_only), so no update can change a bill's fee item.

CREATE FUNCTION fee_item_is_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'fee items are kept: % on fee_item refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER fee_item_kept BEFORE DELETE ON fee_item
    FOR EACH ROW EXECUTE FUNCTION fee_item_is_kept();
CREATE TRIGGER fee_item_id_kept BEFORE UPDATE OF id ON fee_item
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION fee_item_is_kept();
CREATE TRIGGER fee_item_not_truncated BEFORE TRUNCATE ON fee_item
    FOR EACH STATEMENT EXECUTE FUNCTION fee_item_is_kept();

CREATE FUNCTION bill_fee_items_exist() RETURNS trigger AS $$
DECLARE
    missing BIGINT;
BEGIN
    SELECT n.fee_item_id INTO missing
    FROM (SELECT DISTINCT fee_item_id FROM new_rows) n
    WHERE NOT EXISTS (SELECT 1 FROM fee_item f WHERE f.id = n.fee_item_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert on table "bill" names fee item %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bill_fee_item_exists AFTER INSERT ON bill
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bill_fee_items_exist();

ALTER TABLE bill DROP CONSTRAINT bill_fee_item_id_fkey;
