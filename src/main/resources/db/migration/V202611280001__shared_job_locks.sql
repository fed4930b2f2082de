-- Background jobs that must not overlap take a lock named after the job (ShedLock), so that one node runs each
-- when several share the database. The lock times are the database's.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMPTZ  NOT NULL,
    locked_at   TIMESTAMPTZ  NOT NULL,
    locked_by   VARCHAR(255) NOT NULL
);
