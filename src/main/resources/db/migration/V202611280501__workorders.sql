-- Repair work orders (报修): one kind of order whether a resident reported it in the portal, customer service took a
-- call, someone scanned a device's QR label, or an inspector found a checkpoint abnormal.

-- Each community's rules: may technicians take orders from the pool, and the response and completion limits by
-- urgency (minutes). A community without a row uses the defaults.
CREATE TABLE work_order_settings (
    community_id               BIGINT      PRIMARY KEY,
    pool_enabled               BOOLEAN     NOT NULL,
    emergency_respond_minutes  INT         NOT NULL CHECK (emergency_respond_minutes BETWEEN 1 AND 43200),
    emergency_resolve_minutes  INT         NOT NULL CHECK (emergency_resolve_minutes BETWEEN 1 AND 43200),
    urgent_respond_minutes     INT         NOT NULL CHECK (urgent_respond_minutes BETWEEN 1 AND 43200),
    urgent_resolve_minutes     INT         NOT NULL CHECK (urgent_resolve_minutes BETWEEN 1 AND 43200),
    normal_respond_minutes     INT         NOT NULL CHECK (normal_respond_minutes BETWEEN 1 AND 43200),
    normal_resolve_minutes     INT         NOT NULL CHECK (normal_resolve_minutes BETWEEN 1 AND 43200),
    updated_at                 TIMESTAMPTZ NOT NULL,
    updated_by                 VARCHAR(100)
);

-- Order numbers run per community and year without gaps: BX2026-00001.
CREATE TABLE work_order_number (
    community_id  BIGINT NOT NULL,
    year          INT    NOT NULL,
    last          INT    NOT NULL,
    PRIMARY KEY (community_id, year)
);

CREATE TABLE work_order (
    id                     BIGSERIAL PRIMARY KEY,
    community_id           BIGINT        NOT NULL,
    number                 VARCHAR(20)   NOT NULL,
    source                 VARCHAR(12)   NOT NULL CHECK (source IN ('PORTAL', 'STAFF', 'QR', 'INSPECTION')),
    -- what it came from, once: 'fault:<id>' (a QR report), 'inspection:<round>:<checkpoint>'
    source_key             VARCHAR(100)  UNIQUE,
    area                   VARCHAR(10)   NOT NULL CHECK (area IN ('IN_HOME', 'PUBLIC')),
    room_id                BIGINT,
    equipment_id           BIGINT,
    location               VARCHAR(200),
    -- the room's code, the device's code and name, or the location, as it read when the order was opened
    place                  VARCHAR(300)  NOT NULL,
    category               VARCHAR(20)   NOT NULL,
    urgency                VARCHAR(10)   NOT NULL CHECK (urgency IN ('EMERGENCY', 'URGENT', 'NORMAL')),
    description            VARCHAR(1000) NOT NULL,
    preferred_time         TIMESTAMPTZ,
    reporter_resident_id   BIGINT,
    reporter_staff_id      BIGINT,
    reporter_name          VARCHAR(64),
    reporter_phone_cipher  TEXT,
    status                 VARCHAR(12)   NOT NULL,
    assignee_id            BIGINT,
    created_at             TIMESTAMPTZ   NOT NULL,
    created_by             VARCHAR(100),
    respond_by             TIMESTAMPTZ   NOT NULL,
    resolve_by             TIMESTAMPTZ   NOT NULL,
    responded_at           TIMESTAMPTZ,
    completed_at           TIMESTAMPTZ,
    closed_at              TIMESTAMPTZ,
    overdue_notified_at    TIMESTAMPTZ,
    -- this order turned its device UNDER_REPAIR and is to turn it back
    device_marked          BOOLEAN       NOT NULL DEFAULT FALSE,
    inspection_round_id    BIGINT,
    completion_note        VARCHAR(1000),
    labour                 NUMERIC(14,2) CHECK (labour >= 0),
    materials_total        NUMERIC(14,2) CHECK (materials_total >= 0),
    chargeable             BOOLEAN       NOT NULL DEFAULT FALSE,
    charge_amount          NUMERIC(14,2) CHECK (charge_amount > 0),
    charge_bill_id         BIGINT,
    rating                 SMALLINT      CHECK (rating BETWEEN 1 AND 5),
    rating_comment         VARCHAR(500),
    rated_at               TIMESTAMPTZ,
    callback_note          VARCHAR(1000),
    callback_at            TIMESTAMPTZ,
    callback_by            VARCHAR(100),
    CONSTRAINT work_order_number_once UNIQUE (community_id, number),
    CONSTRAINT work_order_place CHECK (room_id IS NOT NULL OR equipment_id IS NOT NULL OR location IS NOT NULL),
    CONSTRAINT work_order_charge_in_home CHECK (NOT chargeable OR (area = 'IN_HOME' AND room_id IS NOT NULL))
);
CREATE INDEX work_order_by_community ON work_order (community_id, status, created_at DESC);
CREATE INDEX work_order_by_assignee ON work_order (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX work_order_by_room ON work_order (room_id) WHERE room_id IS NOT NULL;
CREATE INDEX work_order_by_equipment ON work_order (equipment_id) WHERE equipment_id IS NOT NULL;
CREATE INDEX work_order_by_reporter ON work_order (reporter_resident_id) WHERE reporter_resident_id IS NOT NULL;

-- The timeline: every step, who took it and why. Never edited.
CREATE TABLE work_order_step (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL,
    work_order_id  BIGINT        NOT NULL REFERENCES work_order (id),
    status         VARCHAR(12)   NOT NULL,
    note           VARCHAR(1000),
    by_name        VARCHAR(100),
    at             TIMESTAMPTZ   NOT NULL
);
CREATE INDEX work_order_step_by_order ON work_order_step (work_order_id, id);

-- What a completed repair used.
CREATE TABLE work_order_material (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL,
    work_order_id  BIGINT        NOT NULL REFERENCES work_order (id),
    name           VARCHAR(100)  NOT NULL,
    quantity       NUMERIC(10,2) NOT NULL CHECK (quantity > 0),
    unit_price     NUMERIC(14,2) NOT NULL CHECK (unit_price >= 0),
    amount         NUMERIC(14,2) NOT NULL CHECK (amount >= 0)
);
CREATE INDEX work_order_material_by_order ON work_order_material (work_order_id);

-- Each community's small price list of materials (角阀, 灯泡 …) that completions pick from.
CREATE TABLE work_order_price (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL,
    name           VARCHAR(100)  NOT NULL,
    unit           VARCHAR(20),
    unit_price     NUMERIC(14,2) NOT NULL CHECK (unit_price >= 0),
    active         BOOLEAN       NOT NULL DEFAULT TRUE,
    CONSTRAINT work_order_price_once UNIQUE (community_id, name)
);

-- Photos: the reporter's (before) and the technician's (after), in the database so that every node serves them and
-- a backup holds them. Images only, checked by their first bytes.
CREATE TABLE work_order_photo (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL,
    work_order_id  BIGINT        NOT NULL REFERENCES work_order (id),
    kind           VARCHAR(10)   NOT NULL CHECK (kind IN ('BEFORE', 'AFTER')),
    content_type   VARCHAR(30)   NOT NULL,
    size           INT           NOT NULL,
    content        BYTEA         NOT NULL,
    uploaded_by    VARCHAR(100),
    uploaded_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX work_order_photo_by_order ON work_order_photo (work_order_id, id);
