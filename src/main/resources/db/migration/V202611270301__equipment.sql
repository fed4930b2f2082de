-- Equipment archive (设备档案): every device of a community, with its contractor and files.
CREATE TABLE equipment (
    id                          BIGSERIAL PRIMARY KEY,
    community_id                BIGINT        NOT NULL,
    code                        VARCHAR(40)   NOT NULL,
    name                        VARCHAR(100)  NOT NULL,
    category                    VARCHAR(10)   NOT NULL CHECK (category IN ('ELEVATOR', 'FIRE', 'WATER', 'POWER', 'LIGHTING', 'CCTV', 'ACCESS', 'HVAC', 'OTHER')),
    brand                       VARCHAR(60),
    model                       VARCHAR(60),
    serial_number               VARCHAR(60),
    location                    VARCHAR(100),
    purchase_date               DATE,
    install_date                DATE,
    supplier                    VARCHAR(100),
    warranty_until              DATE,
    price                       NUMERIC(14,2) CHECK (price >= 0),
    status                      VARCHAR(12)   NOT NULL CHECK (status IN ('IN_USE', 'UNDER_REPAIR', 'STOPPED', 'SCRAPPED')),
    responsible_id              BIGINT,
    contractor_name             VARCHAR(100),
    contractor_licence          VARCHAR(60),
    contractor_licence_expiry   DATE,
    public_token                VARCHAR(32)   NOT NULL UNIQUE,
    created_at                  TIMESTAMPTZ   NOT NULL,
    updated_at                  TIMESTAMPTZ   NOT NULL,
    CONSTRAINT equipment_code_once UNIQUE (community_id, code)
);
CREATE INDEX equipment_by_community ON equipment (community_id, category, status);

CREATE TABLE equipment_file (
    id              BIGSERIAL PRIMARY KEY,
    equipment_id    BIGINT       NOT NULL REFERENCES equipment (id),
    original_name   VARCHAR(200) NOT NULL,
    stored_name     VARCHAR(80)  NOT NULL UNIQUE,
    content_type    VARCHAR(60)  NOT NULL,
    size            BIGINT       NOT NULL,
    uploaded_by     BIGINT,
    uploaded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX equipment_file_by_equipment ON equipment_file (equipment_id);

-- Maintenance plans (维保计划) for a device, or for every device of a category in a community.
CREATE TABLE maintenance_plan (
    id               BIGSERIAL PRIMARY KEY,
    community_id     BIGINT       NOT NULL,
    equipment_id     BIGINT       REFERENCES equipment (id),
    category         VARCHAR(10),
    name             VARCHAR(100) NOT NULL,
    interval_days    INT          CHECK (interval_days > 0),
    interval_months  INT          CHECK (interval_months > 0),
    checklist        TEXT         NOT NULL,
    assignee_id      BIGINT,
    contractor       VARCHAR(100),
    lead_days        INT          NOT NULL DEFAULT 3 CHECK (lead_days >= 0),
    start_date       DATE         NOT NULL,
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT maintenance_plan_target CHECK ((equipment_id IS NULL) <> (category IS NULL)),
    CONSTRAINT maintenance_plan_interval CHECK ((interval_days IS NULL) <> (interval_months IS NULL))
);
CREATE INDEX maintenance_plan_by_equipment ON maintenance_plan (equipment_id);

-- Tasks (维保任务), one per plan, device and due date: generated ahead, never skipped.
CREATE TABLE maintenance_task (
    id             BIGSERIAL PRIMARY KEY,
    plan_id        BIGINT        NOT NULL REFERENCES maintenance_plan (id),
    equipment_id   BIGINT        NOT NULL REFERENCES equipment (id),
    community_id   BIGINT        NOT NULL,
    due_date       DATE          NOT NULL,
    assignee_id    BIGINT,
    completed_at   TIMESTAMPTZ,
    completed_by   BIGINT,
    results        TEXT,
    notes          VARCHAR(1000),
    cost           NUMERIC(14,2) CHECK (cost >= 0),
    created_at     TIMESTAMPTZ   NOT NULL,
    CONSTRAINT maintenance_task_once UNIQUE (plan_id, equipment_id, due_date)
);
CREATE INDEX maintenance_task_by_community ON maintenance_task (community_id, due_date);
CREATE INDEX maintenance_task_by_equipment ON maintenance_task (equipment_id, due_date);

-- Inspection plans (巡检计划): a route of ordered checkpoints, a frequency and a time window.
CREATE TABLE inspection_plan (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    frequency     VARCHAR(8)   NOT NULL CHECK (frequency IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    window_start  TIME         NOT NULL,
    window_end    TIME         NOT NULL,
    assignee_id   BIGINT,
    start_date    DATE         NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT inspection_plan_window CHECK (window_end > window_start)
);

CREATE TABLE inspection_checkpoint (
    id            BIGSERIAL PRIMARY KEY,
    plan_id       BIGINT       NOT NULL REFERENCES inspection_plan (id),
    seq           INT          NOT NULL,
    name          VARCHAR(100) NOT NULL,
    equipment_id  BIGINT       REFERENCES equipment (id),
    items         TEXT         NOT NULL,
    CONSTRAINT inspection_checkpoint_order UNIQUE (plan_id, seq)
);

-- Rounds (巡检任务), one per plan and window; a round not finished in its window is missed (漏检).
CREATE TABLE inspection_round (
    id            BIGSERIAL PRIMARY KEY,
    plan_id       BIGINT       NOT NULL REFERENCES inspection_plan (id),
    community_id  BIGINT       NOT NULL,
    assignee_id   BIGINT,
    starts_at     TIMESTAMPTZ  NOT NULL,
    ends_at       TIMESTAMPTZ  NOT NULL,
    completed_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT inspection_round_once UNIQUE (plan_id, starts_at)
);
CREATE INDEX inspection_round_by_assignee ON inspection_round (assignee_id, starts_at);
CREATE INDEX inspection_round_by_community ON inspection_round (community_id, starts_at);

CREATE TABLE inspection_result (
    id             BIGSERIAL PRIMARY KEY,
    round_id       BIGINT        NOT NULL REFERENCES inspection_round (id),
    checkpoint_id  BIGINT        NOT NULL REFERENCES inspection_checkpoint (id),
    normal         BOOLEAN       NOT NULL,
    note           VARCHAR(500),
    recorded_by    BIGINT,
    recorded_at    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT inspection_result_once UNIQUE (round_id, checkpoint_id)
);

-- Faults reported against a device: by anyone through its QR page, by staff, or from an abnormal inspection.
CREATE TABLE equipment_fault (
    id             BIGSERIAL PRIMARY KEY,
    equipment_id   BIGINT        NOT NULL REFERENCES equipment (id),
    community_id   BIGINT        NOT NULL,
    source         VARCHAR(10)   NOT NULL CHECK (source IN ('PUBLIC', 'STAFF', 'INSPECTION')),
    description    VARCHAR(1000) NOT NULL,
    reporter_name  VARCHAR(64),
    round_id       BIGINT        REFERENCES inspection_round (id),
    created_at     TIMESTAMPTZ   NOT NULL
);
CREATE INDEX equipment_fault_by_equipment ON equipment_fault (equipment_id, created_at);
