-- Arrears on any past day from the nearest kept point through the changes in between (issue 15: under a second at
-- 100,000 rooms on any day, not only today and a kept month's end).

-- How what a slice's lines owe changed on each day after their issue, by place, due date and issue day: the change of
-- the amount owed (a payment or waiver lowers it, a refund raises it, a cancellation takes it to nothing) and of the
-- number of open lines, worked out line by line in value-day order by the slice refresh. What was owed at the end of a
-- day is what is owed at a later point less the changes dated after the day up to that point.
CREATE TABLE ledger_owed_moves (
    community_id      BIGINT        NOT NULL,
    period            DATE          NOT NULL,
    day               DATE          NOT NULL,
    room_id           BIGINT,
    parking_space_id  BIGINT,
    due_date          DATE          NOT NULL,
    issued_on         DATE          NOT NULL,
    amount            NUMERIC(16,2) NOT NULL,
    lines             INT           NOT NULL
);
CREATE INDEX ledger_owed_moves_by_day ON ledger_owed_moves (community_id, day);
CREATE INDEX ledger_owed_moves_by_slice ON ledger_owed_moves (community_id, period);

-- A kept day's rows by slice too, so that a slice changed since is read from the ledger's rows instead. The days kept so
-- far are worked out again (by the refresh, in the background).
DELETE FROM ledger_owed_snapshot;
DELETE FROM ledger_owed_at;
ALTER TABLE ledger_owed_at ADD COLUMN period DATE NOT NULL;

-- Every slice there is: the next refresh works out its changes.
INSERT INTO ledger_stale (community_id, period) SELECT DISTINCT community_id, period FROM bill;

