-- Rate limits every node shares (public QR reports and lookups): hits per key in fixed windows, counted by one atomic
-- upsert. Unlogged: after a crash the counts start again, which only ever lets a little more through.
CREATE UNLOGGED TABLE rate_window (
    key           VARCHAR(200) NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    hits          INT          NOT NULL,
    PRIMARY KEY (key, window_start)
);
