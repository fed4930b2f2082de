-- Meter readings (抄表), one per room, meter and period. Usage is the difference to the previous reading, or, on
-- a meter replacement, to the new meter's start value; the first reading of a meter is its baseline (no usage).
CREATE TABLE meter_reading (
    id            BIGSERIAL PRIMARY KEY,
    room_id       BIGINT        NOT NULL,
    community_id  BIGINT        NOT NULL,
    meter_type    VARCHAR(12)   NOT NULL CHECK (meter_type IN ('WATER', 'ELECTRICITY', 'GAS')),
    period        DATE          NOT NULL,
    reading       NUMERIC(14,3) NOT NULL CHECK (reading >= 0),
    previous      NUMERIC(14,3),
    usage         NUMERIC(14,3) CHECK (usage >= 0),
    replacement   BOOLEAN       NOT NULL DEFAULT FALSE,
    start_value   NUMERIC(14,3),
    flagged       BOOLEAN       NOT NULL DEFAULT FALSE,
    created_by    BIGINT,
    created_at    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT meter_reading_once UNIQUE (room_id, meter_type, period)
);
CREATE INDEX meter_reading_by_community ON meter_reading (community_id, period, meter_type);
