-- Residents (住户) and the rooms they live in. Phone, ID number and emergency contact are encrypted by the
-- application (AES-GCM); *_hash columns hold a keyed hash for exact search. Nothing here is readable in a dump.
CREATE TABLE resident (
    id                BIGSERIAL PRIMARY KEY,
    community_id      BIGINT,
    name              VARCHAR(64)  NOT NULL,
    phone_cipher      TEXT         NOT NULL,
    phone_hash        CHAR(64)     NOT NULL,
    id_type           VARCHAR(20),
    id_cipher         TEXT,
    id_hash           CHAR(64),
    gender            VARCHAR(10)  CHECK (gender IN ('MALE', 'FEMALE')),
    emergency_cipher  TEXT,
    note              VARCHAR(500),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    version           INT          NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX resident_id_number_uq ON resident (id_hash) WHERE id_hash IS NOT NULL;
CREATE INDEX resident_by_phone ON resident (phone_hash);
CREATE INDEX resident_by_community ON resident (community_id);
CREATE INDEX resident_by_name ON resident (name);

-- Who lived in which room, as what, from when to when. [since, until): until is the move-out day, null while
-- the person still lives there. Rows are ended, never deleted, so a room's and a person's history stay whole.
CREATE TABLE occupancy (
    id            BIGSERIAL PRIMARY KEY,
    resident_id   BIGINT       NOT NULL REFERENCES resident (id),
    room_id       BIGINT       NOT NULL,
    community_id  BIGINT       NOT NULL,
    role          VARCHAR(10)  NOT NULL CHECK (role IN ('OWNER', 'FAMILY', 'TENANT')),
    since         DATE         NOT NULL,
    until         DATE,
    end_reason    VARCHAR(200),
    created_at    TIMESTAMPTZ  NOT NULL,
    ended_at      TIMESTAMPTZ,
    CONSTRAINT occupancy_period CHECK (until IS NULL OR until >= since)
);
CREATE INDEX occupancy_by_room ON occupancy (room_id, since);
CREATE INDEX occupancy_by_resident ON occupancy (resident_id, since);
CREATE INDEX occupancy_by_community ON occupancy (community_id);
