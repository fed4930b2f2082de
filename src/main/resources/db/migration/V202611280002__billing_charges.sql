-- Charges from other modules (a chargeable repair, an activity's fee): one bill line each, under a fee item of the
-- kind CHARGE that the billing facade makes per community and kind, idempotent on the caller's key.
ALTER TABLE fee_item DROP CONSTRAINT fee_item_method_check;
ALTER TABLE fee_item ADD CONSTRAINT fee_item_method_check
    CHECK (method IN ('AREA', 'METERED', 'FIXED', 'ONE_TIME', 'CHARGE'));
ALTER TABLE fee_item ADD COLUMN charge_kind VARCHAR(20);
ALTER TABLE fee_item ADD CONSTRAINT fee_item_charge_kind CHECK ((method = 'CHARGE') = (charge_kind IS NOT NULL));
CREATE UNIQUE INDEX fee_item_charge_once ON fee_item (community_id, charge_kind) WHERE charge_kind IS NOT NULL;

ALTER TABLE bill ADD COLUMN source_key VARCHAR(100);
ALTER TABLE bill ADD COLUMN description VARCHAR(200);
-- A run's line is once per room (or space), item and period; a charge's once per its key.
ALTER TABLE bill DROP CONSTRAINT bill_once;
ALTER TABLE bill ADD CONSTRAINT bill_once UNIQUE NULLS NOT DISTINCT (room_id, parking_space_id, fee_item_id, period, source_key);
CREATE UNIQUE INDEX bill_charge_once ON bill (source_key) WHERE source_key IS NOT NULL;
