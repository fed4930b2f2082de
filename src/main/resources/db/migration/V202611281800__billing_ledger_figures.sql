-- Fee statistics read these figures, kept up to date from the ledger, instead of scanning years of lines on each
-- request. A "slice" is one community's lines of one billing period: whatever adds a line, an adjustment, a payment
-- or a refund to a slice marks it stale (statement triggers below), and a job recomputes the stale slices from the
-- ledger's rows every half minute (on one node). The figures are therefore exactly the ledger's, at most that old.

-- What was billed for a period, by building (-1: lines of parking spaces) and fee item: principal after waivers and
-- cancellations (a cancelled line counts what it was paid), waivers of principal, what cancellations took off.
CREATE TABLE ledger_billed (
    community_id  BIGINT        NOT NULL,
    period        DATE          NOT NULL,
    building_id   BIGINT        NOT NULL,
    fee_item_id   BIGINT        NOT NULL,
    lines         INT           NOT NULL,
    receivable    NUMERIC(16,2) NOT NULL,
    waived        NUMERIC(16,2) NOT NULL,
    cancelled     NUMERIC(16,2) NOT NULL,
    PRIMARY KEY (community_id, period, building_id, fee_item_id)
);

-- What was settled in a month on the lines of a period: principal first, then late fee; refunds subtract in the month
-- they were approved.
CREATE TABLE ledger_settled (
    community_id  BIGINT        NOT NULL,
    period        DATE          NOT NULL,
    month         DATE          NOT NULL,
    building_id   BIGINT        NOT NULL,
    fee_item_id   BIGINT        NOT NULL,
    principal     NUMERIC(16,2) NOT NULL,
    late_fee      NUMERIC(16,2) NOT NULL,
    PRIMARY KEY (community_id, period, month, building_id, fee_item_id)
);
CREATE INDEX ledger_settled_by_month ON ledger_settled (community_id, month);

-- Each line as it stands: its principal after waivers, what it was paid less refunds, whether and when it was
-- cancelled, and the day its principal was last seen fully settled (or cancelled), NULL while it is open. Arrears on a
-- day are looked for only among the lines open then — still open, or settled after that day — and worked back from
-- their standing by the movements dated after it.
CREATE TABLE ledger_line (
    bill_id           BIGINT        PRIMARY KEY,
    community_id      BIGINT        NOT NULL,
    room_id           BIGINT,
    parking_space_id  BIGINT,
    building_id       BIGINT        NOT NULL,
    fee_item_id       BIGINT        NOT NULL,
    period            DATE          NOT NULL,
    due_date          DATE          NOT NULL,
    issued_on         DATE          NOT NULL,
    principal         NUMERIC(14,2) NOT NULL,
    paid              NUMERIC(14,2) NOT NULL,
    cancelled_on      DATE,
    settled_on        DATE
);
CREATE INDEX ledger_line_open ON ledger_line (community_id, settled_on);

-- The movements dated after a day, for working the standing back to it.
CREATE INDEX payment_by_community_value_date ON payment (community_id, value_date);
CREATE INDEX refund_allocation_by_value_date ON refund_allocation (value_date);
CREATE INDEX bill_adjustment_by_as_of ON bill_adjustment (as_of);

CREATE TABLE ledger_stale (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT NOT NULL,
    period        DATE   NOT NULL
);

-- When the figures were last brought up to date.
CREATE TABLE ledger_refresh (
    id            INT PRIMARY KEY CHECK (id = 1),
    refreshed_at  TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION ledger_stale_bills() RETURNS trigger AS $$
BEGIN
    INSERT INTO ledger_stale (community_id, period) SELECT DISTINCT community_id, period FROM new_rows;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_stale_lines() RETURNS trigger AS $$
BEGIN
    INSERT INTO ledger_stale (community_id, period)
    SELECT DISTINCT b.community_id, b.period FROM new_rows n JOIN bill b ON b.id = n.bill_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bill_ledger_stale AFTER INSERT ON bill
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_stale_bills();
CREATE TRIGGER bill_adjustment_ledger_stale AFTER INSERT ON bill_adjustment
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_stale_lines();
CREATE TRIGGER payment_allocation_ledger_stale AFTER INSERT ON payment_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_stale_lines();
CREATE TRIGGER refund_allocation_ledger_stale AFTER INSERT ON refund_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_stale_lines();

-- Every slice there is: the first refresh computes them all.
INSERT INTO ledger_stale (community_id, period) SELECT DISTINCT community_id, period FROM bill;
