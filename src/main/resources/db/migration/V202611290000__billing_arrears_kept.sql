-- Arrears aging answered from kept figures instead of every open line (issue 15: under a second at 100,000 rooms).

-- What is owed now, by slice, place and due date: the open lines of ledger_line summed, kept with the other figures by
-- the slice refresh. Aging today reads these (a place's lines of one month are one row).
CREATE TABLE ledger_owed (
    community_id      BIGINT        NOT NULL,
    period            DATE          NOT NULL,
    room_id           BIGINT,
    parking_space_id  BIGINT,
    due_date          DATE          NOT NULL,
    issued_on         DATE          NOT NULL,
    amount            NUMERIC(16,2) NOT NULL,
    lines             INT           NOT NULL
);
CREATE INDEX ledger_owed_by_slice ON ledger_owed (community_id, period);

INSERT INTO ledger_owed (community_id, period, room_id, parking_space_id, due_date, issued_on, amount, lines)
SELECT community_id, period, room_id, parking_space_id, due_date, issued_on, sum(principal - greatest(paid, 0)), count(*)
FROM ledger_line WHERE settled_on IS NULL
GROUP BY community_id, period, room_id, parking_space_id, due_date, issued_on;

-- What was owed at the end of a past month, by place, due date and issue day, worked out once (the first time it is asked for,
-- or by the nightly job for the month just ended). A snapshot stands while its header row does: whatever is recorded
-- later but dated on or before its day (a back-dated payment, refund, waiver, cancellation or line) deletes the headers
-- from that day on, and the next request works the day out again. Rows without a header are left for the next
-- computation of that day (which replaces them with the new ones and the header at once), so that a cashier's
-- transaction never deletes thousands of rows.
-- Another day of that month is worked back from its month's end through the lines moved in between.
CREATE TABLE ledger_owed_snapshot (
    community_id  BIGINT      NOT NULL,
    as_of         DATE        NOT NULL,
    taken_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, as_of)
);

CREATE TABLE ledger_owed_at (
    community_id      BIGINT        NOT NULL,
    as_of             DATE          NOT NULL,
    room_id           BIGINT,
    parking_space_id  BIGINT,
    due_date          DATE          NOT NULL,
    issued_on         DATE          NOT NULL,
    amount            NUMERIC(16,2) NOT NULL,
    lines             INT           NOT NULL
);
CREATE INDEX ledger_owed_at_by_day ON ledger_owed_at (community_id, as_of);

-- A change dated on or before a snapshot's day ends it. The shared lock waits for a snapshot of the community being
-- worked out (which holds it exclusively) to commit, so that neither misses the other.
CREATE FUNCTION ledger_owed_outdated(community BIGINT, effective DATE) RETURNS void AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared((7402::bigint << 48) + community);
    DELETE FROM ledger_owed_snapshot WHERE community_id = community AND as_of >= effective;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_owed_bills() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_owed_outdated(community_id, min(issued_on)) FROM new_rows GROUP BY community_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_owed_adjustments() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_owed_outdated(b.community_id, min(greatest(n.as_of, b.issued_on)))
    FROM new_rows n JOIN bill b ON b.id = n.bill_id GROUP BY b.community_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_owed_payments() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_owed_outdated(b.community_id, min(greatest(p.value_date, b.issued_on)))
    FROM new_rows n JOIN payment p ON p.id = n.payment_id JOIN bill b ON b.id = n.bill_id GROUP BY b.community_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A payment is written after its allocations (its foreign key is deferred): its value day is found from the payment.
CREATE FUNCTION ledger_owed_paid() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_owed_outdated(b.community_id, min(greatest(n.value_date, b.issued_on)))
    FROM new_rows n JOIN payment_allocation pa ON pa.payment_id = n.id JOIN bill b ON b.id = pa.bill_id
    GROUP BY b.community_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ledger_owed_refunds() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_owed_outdated(b.community_id, min(greatest(n.value_date, b.issued_on)))
    FROM new_rows n JOIN bill b ON b.id = n.bill_id GROUP BY b.community_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bill_ledger_owed AFTER INSERT ON bill
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_owed_bills();
CREATE TRIGGER bill_adjustment_ledger_owed AFTER INSERT ON bill_adjustment
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_owed_adjustments();
CREATE TRIGGER payment_allocation_ledger_owed AFTER INSERT ON payment_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_owed_payments();
CREATE TRIGGER payment_ledger_owed AFTER INSERT ON payment
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_owed_paid();
CREATE TRIGGER refund_allocation_ledger_owed AFTER INSERT ON refund_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_owed_refunds();
