-- Files every node can read: uploaded files live in PostgreSQL, in chunks of at most
-- 256 KiB under the name the application gave them, so that they are written and read
-- a chunk at a time (never a whole file in memory) and backed up with the data.
CREATE TABLE stored_file_chunk (
    name  VARCHAR(80) NOT NULL,
    seq   INT         NOT NULL CHECK (seq >= 0),
    data  BYTEA       NOT NULL,
    PRIMARY KEY (name, seq)
);
