-- What a community spends (支出), recorded by finance: never edited; a mistake is reversed by a new row of the opposite
-- amount that names the row it reverses and why (one reversal per row).
CREATE TABLE expense (
    id              BIGSERIAL PRIMARY KEY,
    community_id    BIGINT        NOT NULL,
    spent_on        DATE          NOT NULL,
    category        VARCHAR(24)   NOT NULL CHECK (category IN ('UTILITIES', 'REPAIR', 'GREENING', 'CLEANING', 'SECURITY',
                                                               'LABOUR', 'ELEVATOR_MAINTENANCE', 'OTHER')),
    amount          NUMERIC(14,2) NOT NULL CHECK (amount <> 0),
    payee           VARCHAR(100),
    note            VARCHAR(500),
    reverses        BIGINT        UNIQUE REFERENCES expense (id),
    reason          VARCHAR(200),
    created_by      VARCHAR(100),
    created_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT expense_sign CHECK ((reverses IS NULL AND amount > 0) OR (reverses IS NOT NULL AND amount < 0 AND reason IS NOT NULL))
);
CREATE INDEX expense_by_community ON expense (community_id, spent_on);

CREATE TRIGGER expense_append_only BEFORE UPDATE OR DELETE ON expense
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();

-- The receipt or invoice of an expense (an image or a PDF), added once, in the database so that every node serves it
-- and a backup holds it.
CREATE TABLE expense_attachment (
    expense_id    BIGINT       PRIMARY KEY REFERENCES expense (id),
    content_type  VARCHAR(30)  NOT NULL,
    size          INT          NOT NULL,
    content       BYTEA        NOT NULL,
    uploaded_by   VARCHAR(100),
    uploaded_at   TIMESTAMPTZ  NOT NULL
);
