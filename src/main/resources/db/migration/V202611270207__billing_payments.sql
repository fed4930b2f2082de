-- Payments (缴费, money received) and what they settle. The ledger tables are append-only: a payment is reversed by
-- a refund, never edited; a bill's paid amount is the sum of its allocations less the approved refunds on it.
ALTER TABLE fee_item ADD COLUMN auto_deduct BOOLEAN NOT NULL DEFAULT FALSE;

-- Gapless receipt numbers per community and year: the counter row is taken in the paying transaction, so a
-- rolled-back payment gives its number back.
CREATE TABLE receipt_sequence (
    community_id  BIGINT NOT NULL,
    year          INT    NOT NULL,
    last_number   INT    NOT NULL,
    PRIMARY KEY (community_id, year)
);

-- A resident's request to pay bills online or by transfer (缴费单): the order number goes into the gateway's order or
-- the transfer's note; the payment that settles it points at it. Nothing is ever changed on it.
CREATE TABLE payment_order (
    id            BIGSERIAL PRIMARY KEY,
    order_number  VARCHAR(24)   NOT NULL UNIQUE,
    community_id  BIGINT        NOT NULL,
    room_id       BIGINT        NOT NULL,
    resident_id   BIGINT        NOT NULL,
    amount        NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    bill_ids      TEXT          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    expires_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX payment_order_by_resident ON payment_order (resident_id, created_at DESC);

CREATE TABLE payment (
    id               BIGSERIAL PRIMARY KEY,
    community_id     BIGINT        NOT NULL,
    room_id          BIGINT        NOT NULL,
    amount           NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    method           VARCHAR(16)   NOT NULL CHECK (method IN ('CASH', 'BANK_TRANSFER', 'POS', 'WECHAT', 'ALIPAY', 'ONLINE', 'PREPAID')),
    channel          VARCHAR(10)   NOT NULL CHECK (channel IN ('COUNTER', 'GATEWAY', 'AUTO')),
    reference        VARCHAR(64),
    to_prepaid       NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (to_prepaid >= 0 AND to_prepaid <= amount),
    payer_name       VARCHAR(64),
    cashier_name     VARCHAR(64),
    receipt_number   VARCHAR(20),
    order_id         BIGINT        REFERENCES payment_order (id),
    actor            VARCHAR(40)   NOT NULL,
    idempotency_key  VARCHAR(100),
    request_hash     VARCHAR(64),
    created_by       BIGINT,
    created_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT payment_receipt CHECK ((method = 'PREPAID') = (receipt_number IS NULL)),
    CONSTRAINT payment_receipt_once UNIQUE (community_id, receipt_number),
    CONSTRAINT payment_idempotent UNIQUE (actor, idempotency_key),
    CONSTRAINT payment_order_once UNIQUE (order_id)
);
CREATE INDEX payment_by_room ON payment (room_id, created_at);
CREATE INDEX payment_by_community_day ON payment (community_id, created_at);

CREATE TABLE payment_allocation (
    id          BIGSERIAL PRIMARY KEY,
    payment_id  BIGINT        NOT NULL REFERENCES payment (id),
    bill_id     BIGINT        NOT NULL REFERENCES bill (id),
    amount      NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    CONSTRAINT payment_allocation_once UNIQUE (payment_id, bill_id)
);
CREATE INDEX payment_allocation_by_bill ON payment_allocation (bill_id);

-- Every print of a receipt: the first is the original, later ones are copies (补打).
CREATE TABLE receipt_print (
    id          BIGSERIAL PRIMARY KEY,
    payment_id  BIGINT      NOT NULL REFERENCES payment (id),
    printed_by  VARCHAR(40) NOT NULL,
    printed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX receipt_print_by_payment ON receipt_print (payment_id);

-- Prepaid accounts (预存账户): the account row anchors the lock every money movement of a room takes; the money
-- is in the entries. Balance = deposits - deductions - refunds, never below zero.
CREATE TABLE prepaid_account (
    room_id       BIGINT      PRIMARY KEY,
    community_id  BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

-- Refunds and reversals (退费 / 冲正): requested by finance, decided by a manager; only an approval moves money.
CREATE TABLE refund (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT        NOT NULL,
    room_id       BIGINT        NOT NULL,
    payment_id    BIGINT        REFERENCES payment (id),
    amount        NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    reason        VARCHAR(200)  NOT NULL,
    requested_by  BIGINT,
    requested_by_name VARCHAR(64),
    requested_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX refund_by_payment ON refund (payment_id);
CREATE INDEX refund_by_community ON refund (community_id, requested_at DESC);

CREATE TABLE refund_decision (
    refund_id   BIGINT       PRIMARY KEY REFERENCES refund (id),
    approved    BOOLEAN      NOT NULL,
    note        VARCHAR(200),
    decided_by  BIGINT,
    decided_by_name VARCHAR(64),
    decided_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE refund_allocation (
    id         BIGSERIAL PRIMARY KEY,
    refund_id  BIGINT        NOT NULL REFERENCES refund (id),
    bill_id    BIGINT        NOT NULL REFERENCES bill (id),
    amount     NUMERIC(14,2) NOT NULL CHECK (amount > 0)
);
CREATE INDEX refund_allocation_by_bill ON refund_allocation (bill_id);

CREATE TABLE prepaid_entry (
    id            BIGSERIAL PRIMARY KEY,
    room_id       BIGINT        NOT NULL REFERENCES prepaid_account (room_id),
    kind          VARCHAR(10)   NOT NULL CHECK (kind IN ('DEPOSIT', 'DEDUCTION', 'REFUND')),
    amount        NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    payment_id    BIGINT        REFERENCES payment (id),
    refund_id     BIGINT        REFERENCES refund (id),
    created_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX prepaid_entry_by_room ON prepaid_entry (room_id, id);

-- Signed notifications from the payment gateway, each transaction once: a replay finds its row and changes nothing.
CREATE TABLE gateway_notification (
    transaction_id  VARCHAR(64)  PRIMARY KEY,
    order_number    VARCHAR(24)  NOT NULL,
    payment_id      BIGINT       REFERENCES payment (id),
    received_at     TIMESTAMPTZ  NOT NULL
);

CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER payment_allocation_append_only BEFORE UPDATE OR DELETE ON payment_allocation
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER payment_order_append_only BEFORE UPDATE OR DELETE ON payment_order
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER receipt_print_append_only BEFORE UPDATE OR DELETE ON receipt_print
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER refund_append_only BEFORE UPDATE OR DELETE ON refund
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER refund_decision_append_only BEFORE UPDATE OR DELETE ON refund_decision
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER refund_allocation_append_only BEFORE UPDATE OR DELETE ON refund_allocation
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER prepaid_entry_append_only BEFORE UPDATE OR DELETE ON prepaid_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
CREATE TRIGGER gateway_notification_append_only BEFORE UPDATE OR DELETE ON gateway_notification
    FOR EACH ROW EXECUTE FUNCTION refuse_money_change();
