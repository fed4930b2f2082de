-- Fee items (收费项目): one row per price version. A price change is a new row whose effective_from starts
-- where the previous version's effective_to ends, so old bills keep their old price.
CREATE TABLE fee_item (
    id                    BIGSERIAL PRIMARY KEY,
    community_id          BIGINT        NOT NULL,
    name                  VARCHAR(50)   NOT NULL,
    method                VARCHAR(10)   NOT NULL CHECK (method IN ('AREA', 'METERED', 'FIXED', 'ONE_TIME')),
    area_basis            VARCHAR(10)   CHECK (area_basis IN ('BUILDING', 'USABLE')),
    unit_price            NUMERIC(12,4) CHECK (unit_price >= 0),
    amount                NUMERIC(14,2) CHECK (amount >= 0),
    meter_type            VARCHAR(12)   CHECK (meter_type IN ('WATER', 'ELECTRICITY', 'GAS')),
    cycle                 VARCHAR(10)   NOT NULL CHECK (cycle IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
    due_day               INT           CHECK (due_day BETWEEN 1 AND 31),
    due_days_after_issue  INT           CHECK (due_days_after_issue >= 0),
    applies_to            VARCHAR(20)   NOT NULL CHECK (applies_to IN ('ALL_ROOMS', 'PARKING_SPACES', 'BUILDINGS', 'ROOM_TYPES')),
    late_daily_rate       NUMERIC(8,6)  CHECK (late_daily_rate >= 0),
    late_grace_days       INT           NOT NULL DEFAULT 0 CHECK (late_grace_days >= 0),
    late_cap              BOOLEAN       NOT NULL DEFAULT TRUE,
    effective_from        DATE          NOT NULL,
    effective_to          DATE,
    created_at            TIMESTAMPTZ   NOT NULL,
    CONSTRAINT fee_item_effective CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX fee_item_by_community ON fee_item (community_id, name, effective_from);

CREATE TABLE fee_item_tier (
    fee_item_id  BIGINT        NOT NULL REFERENCES fee_item (id),
    seq          INT           NOT NULL,
    up_to        NUMERIC(14,3),
    unit_price   NUMERIC(12,4) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (fee_item_id, seq)
);

-- What a fee item applies to when it is not every room or every parking space.
CREATE TABLE fee_item_target (
    fee_item_id  BIGINT      NOT NULL REFERENCES fee_item (id),
    building_id  BIGINT,
    room_type    VARCHAR(20),
    CONSTRAINT fee_item_target_one CHECK ((building_id IS NULL) <> (room_type IS NULL))
);
CREATE INDEX fee_item_target_by_item ON fee_item_target (fee_item_id);
