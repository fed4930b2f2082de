-- Billing runs (计费/出账): one row per run, with its progress; work is resumable because every bill is
-- written with ON CONFLICT DO NOTHING against the bill's unique key.
CREATE TABLE billing_run (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT       NOT NULL,
    period        DATE         NOT NULL,
    fee_item_ids  TEXT         NOT NULL,
    status        VARCHAR(12)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    total         INT          NOT NULL DEFAULT 0,
    processed     INT          NOT NULL DEFAULT 0,
    billed        INT          NOT NULL DEFAULT 0,
    errors        INT          NOT NULL DEFAULT 0,
    missing       TEXT,
    failure       TEXT,
    created_by    BIGINT,
    created_at    TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ
);
CREATE INDEX billing_run_by_status ON billing_run (status, heartbeat_at);
CREATE INDEX billing_run_by_community ON billing_run (community_id, created_at DESC);

-- Bills (账单, receivables): one line per room or parking space, fee item and period. Posted money is never
-- edited: waivers, cancellations and late fees are rows of bill_adjustment.
CREATE TABLE bill (
    id                BIGSERIAL PRIMARY KEY,
    community_id      BIGINT        NOT NULL,
    room_id           BIGINT,
    parking_space_id  BIGINT,
    fee_item_id       BIGINT        NOT NULL REFERENCES fee_item (id),
    period            DATE          NOT NULL,
    months            INT           NOT NULL,
    quantity          NUMERIC(14,3) NOT NULL,
    unit_price        NUMERIC(12,4),
    amount            NUMERIC(14,2) NOT NULL CHECK (amount >= 0),
    tiers             TEXT,
    due_date          DATE          NOT NULL,
    payer_ids         TEXT,
    run_id            BIGINT        REFERENCES billing_run (id),
    created_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT bill_target CHECK ((room_id IS NULL) <> (parking_space_id IS NULL)),
    CONSTRAINT bill_once UNIQUE NULLS NOT DISTINCT (room_id, parking_space_id, fee_item_id, period)
);
CREATE INDEX bill_by_room ON bill (room_id, period);
CREATE INDEX bill_by_community ON bill (community_id, period);

CREATE TABLE bill_adjustment (
    id          BIGSERIAL PRIMARY KEY,
    bill_id     BIGINT        NOT NULL REFERENCES bill (id),
    kind        VARCHAR(12)   NOT NULL CHECK (kind IN ('WAIVER', 'CANCELLATION', 'LATE_FEE')),
    amount      NUMERIC(14,2) NOT NULL,
    reason      VARCHAR(200),
    as_of       DATE,
    created_by  BIGINT,
    created_at  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT bill_adjustment_late_fee_daily UNIQUE (bill_id, kind, as_of)
);
CREATE INDEX bill_adjustment_by_bill ON bill_adjustment (bill_id);

-- Money already posted is never changed in place or removed.
CREATE FUNCTION refuse_money_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bill_append_only BEFORE UPDATE OR DELETE ON bill
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER bill_adjustment_append_only BEFORE UPDATE OR DELETE ON bill_adjustment
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
