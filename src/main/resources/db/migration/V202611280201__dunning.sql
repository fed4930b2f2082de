-- Dunning (催缴): each community's policy for reminding rooms that owe, the reminders sent, and the staff's notes of
-- visits and calls.
CREATE TABLE dunning_policy (
    community_id      BIGINT      PRIMARY KEY,
    enabled           BOOLEAN     NOT NULL,
    first_after_days  INT         NOT NULL CHECK (first_after_days BETWEEN 0 AND 365),
    every_days        INT         NOT NULL CHECK (every_days BETWEEN 1 AND 365),
    max_reminders     INT         NOT NULL CHECK (max_reminders BETWEEN 1 AND 20),
    channels          VARCHAR(40) NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        VARCHAR(100)
);

-- One row per reminder of a room, whatever the number of its recipients and channels (their messages are in the
-- notifications module's outbox under the key 'dunning:<id>:'). A step of the policy is sent at most once for a
-- debt (the room's arrears that began with the oldest line still owed), and staff remind a room at most once a
-- day: the unique indexes below make both hold with any number of nodes and after any restart.
CREATE TABLE dunning_reminder (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT        NOT NULL,
    room_id       BIGINT        NOT NULL,
    kind          VARCHAR(10)   NOT NULL CHECK (kind IN ('POLICY', 'MANUAL')),
    step          INT,
    oldest_due    DATE          NOT NULL,
    amount        NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    bill_ids      BIGINT[]      NOT NULL,
    channels      VARCHAR(40)   NOT NULL,
    recipients    INT           NOT NULL,
    reminded_on   DATE          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    created_by    VARCHAR(100),
    CHECK ((kind = 'POLICY') = (step IS NOT NULL))
);
CREATE UNIQUE INDEX dunning_reminder_step_once ON dunning_reminder (room_id, oldest_due, step) WHERE kind = 'POLICY';
CREATE UNIQUE INDEX dunning_reminder_manual_daily ON dunning_reminder (room_id, reminded_on) WHERE kind = 'MANUAL';
CREATE INDEX dunning_reminder_by_room ON dunning_reminder (room_id, created_at DESC);
CREATE INDEX dunning_reminder_by_community ON dunning_reminder (community_id, room_id);

-- What staff did about a room's arrears in person (催缴登记): a visit, a call, a promise to pay. Never edited.
CREATE TABLE dunning_note (
    id               BIGSERIAL PRIMARY KEY,
    community_id     BIGINT        NOT NULL,
    room_id          BIGINT        NOT NULL,
    kind             VARCHAR(10)   NOT NULL CHECK (kind IN ('VISIT', 'CALL', 'OTHER')),
    note             VARCHAR(1000) NOT NULL,
    promised_on      DATE,
    promised_amount  NUMERIC(14,2) CHECK (promised_amount > 0),
    created_at       TIMESTAMPTZ   NOT NULL,
    created_by_id    BIGINT,
    created_by       VARCHAR(100)  NOT NULL
);
CREATE INDEX dunning_note_by_room ON dunning_note (room_id, created_at DESC);
