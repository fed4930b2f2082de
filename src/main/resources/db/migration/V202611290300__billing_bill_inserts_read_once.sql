-- What a statement's new bills change, read from them once (issue 12). Three statement triggers each read every new
-- bill of a statement — the billing run writes 10,000 a statement — to learn a few things: which fee items they
-- name (they must exist), which community and period's figures went stale, from which day a community's arrears
-- snapshots are outdated. One trigger now groups the new bills once by community, period and fee item (for each
-- statement of the billing run, which writes one fee item for a range of rooms, a single group) and answers all three
-- from the groups. What each answered is unchanged; when several fee items are missing, the smallest is named.

DROP TRIGGER bill_ledger_stale ON bill;
DROP TRIGGER bill_ledger_owed ON bill;
DROP TRIGGER bill_fee_item_exists ON bill;
DROP FUNCTION ledger_stale_bills();
DROP FUNCTION ledger_owed_bills();
DROP FUNCTION bill_fee_items_exist();

CREATE FUNCTION bill_inserted() RETURNS trigger AS $$
DECLARE
    slice RECORD;
    stale_community BIGINT;
    stale_period DATE;
BEGIN
    FOR slice IN
        SELECT community_id, period, fee_item_id, min(issued_on) AS issued_on
        FROM new_rows GROUP BY community_id, period, fee_item_id ORDER BY community_id, period, fee_item_id
    LOOP
        IF NOT EXISTS (SELECT 1 FROM fee_item f WHERE f.id = slice.fee_item_id) THEN
            RAISE EXCEPTION 'insert on table "bill" names fee item %, which does not exist', slice.fee_item_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF stale_community IS DISTINCT FROM slice.community_id OR stale_period IS DISTINCT FROM slice.period THEN
            INSERT INTO ledger_stale (community_id, period) VALUES (slice.community_id, slice.period);
            stale_community := slice.community_id;
            stale_period := slice.period;
        END IF;
        -- outdated from the earliest issue day of the community's new bills: each slice's day, the earliest included
        PERFORM ledger_owed_outdated(slice.community_id, slice.issued_on);
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bill_inserted AFTER INSERT ON bill
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bill_inserted();
