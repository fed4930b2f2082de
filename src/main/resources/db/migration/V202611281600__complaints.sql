-- Complaints, suggestions and praise (投诉建议): from residents in the portal, or taken by customer service from a
-- caller or a walk-in; assigned to a handler, followed up, resolved, confirmed by the resident.

-- Each community's limits per category (minutes): accept (受理) after submission, resolve after submission (or after
-- a reopening). A community and category without a row uses the defaults.
CREATE TABLE complaint_settings (
    community_id    BIGINT      NOT NULL,
    category        VARCHAR(12) NOT NULL,
    accept_minutes  INT         NOT NULL CHECK (accept_minutes BETWEEN 1 AND 43200),
    resolve_minutes INT         NOT NULL CHECK (resolve_minutes BETWEEN 1 AND 129600),
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      VARCHAR(100),
    PRIMARY KEY (community_id, category)
);

-- Numbers run per community and year without gaps: TS2026-00001.
CREATE TABLE complaint_number (
    community_id  BIGINT NOT NULL,
    year          INT    NOT NULL,
    last          INT    NOT NULL,
    PRIMARY KEY (community_id, year)
);

CREATE TABLE complaint (
    id                   BIGSERIAL PRIMARY KEY,
    community_id         BIGINT        NOT NULL,
    number               VARCHAR(20)   NOT NULL,
    kind                 VARCHAR(12)   NOT NULL CHECK (kind IN ('COMPLAINT', 'SUGGESTION', 'PRAISE')),
    category             VARCHAR(12)   NOT NULL
        CHECK (category IN ('NOISE', 'SANITATION', 'SECURITY', 'PARKING', 'SERVICE', 'LEAK', 'FACILITY', 'FEES', 'OTHER')),
    channel              VARCHAR(10)   NOT NULL CHECK (channel IN ('PORTAL', 'PHONE', 'WALK_IN')),
    status               VARCHAR(12)   NOT NULL
        CHECK (status IN ('SUBMITTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'WITHDRAWN')),
    -- the author is hidden from everyone but the handler and the community's managers
    anonymous            BOOLEAN       NOT NULL,
    author_resident_id   BIGINT,
    author_name          VARCHAR(64),
    author_phone_cipher  TEXT,
    room_id              BIGINT,
    building_id          BIGINT,
    room_code            VARCHAR(100),
    description          VARCHAR(2000) NOT NULL,
    handler_id           BIGINT,
    created_at           TIMESTAMPTZ   NOT NULL,
    accept_by            TIMESTAMPTZ   NOT NULL,
    resolve_by           TIMESTAMPTZ   NOT NULL,
    accepted_at          TIMESTAMPTZ,
    resolved_at          TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ,
    result               VARCHAR(2000),
    satisfied            BOOLEAN,
    confirm_comment      VARCHAR(500),
    overdue_notified_at  TIMESTAMPTZ,
    reopened             INT           NOT NULL DEFAULT 0,
    work_order_id        BIGINT,
    work_order_number    VARCHAR(20),
    CONSTRAINT complaint_number_once UNIQUE (community_id, number)
);
CREATE INDEX complaint_by_community ON complaint (community_id, status, created_at DESC);
CREATE INDEX complaint_by_handler ON complaint (handler_id, status) WHERE handler_id IS NOT NULL;
CREATE INDEX complaint_by_author ON complaint (author_resident_id) WHERE author_resident_id IS NOT NULL;
CREATE INDEX complaint_by_room ON complaint (room_id) WHERE room_id IS NOT NULL;

-- The timeline: each step and follow-up (跟进), who and why. Never edited. A line by the author of an anonymous item
-- is marked so, and its name shown only to those who may see the author.
CREATE TABLE complaint_event (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL,
    complaint_id   BIGINT        NOT NULL REFERENCES complaint (id),
    status         VARCHAR(12)   NOT NULL,
    follow_up      BOOLEAN       NOT NULL DEFAULT FALSE,
    note           VARCHAR(2000),
    contacted      VARCHAR(200),
    next_step      VARCHAR(500),
    by_author      BOOLEAN       NOT NULL DEFAULT FALSE,
    by_name        VARCHAR(100),
    at             TIMESTAMPTZ   NOT NULL
);
CREATE INDEX complaint_event_by_complaint ON complaint_event (complaint_id, id);

-- Related items (several about one noise source), each pair once, the lower id first.
CREATE TABLE complaint_link (
    complaint_id  BIGINT      NOT NULL REFERENCES complaint (id),
    related_id    BIGINT      NOT NULL REFERENCES complaint (id),
    linked_by     VARCHAR(100),
    linked_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (complaint_id, related_id),
    CHECK (complaint_id < related_id)
);
CREATE INDEX complaint_link_by_related ON complaint_link (related_id);

CREATE TABLE complaint_photo (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT       NOT NULL,
    complaint_id   BIGINT       NOT NULL REFERENCES complaint (id),
    content_type   VARCHAR(30)  NOT NULL,
    size           INT          NOT NULL,
    content        BYTEA        NOT NULL,
    uploaded_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX complaint_photo_by_complaint ON complaint_photo (complaint_id, id);

-- A complaint that is really a fault opens a repair order, whose source says so.
ALTER TABLE work_order DROP CONSTRAINT work_order_source_check;
ALTER TABLE work_order ADD CONSTRAINT work_order_source_check
    CHECK (source IN ('PORTAL', 'STAFF', 'QR', 'INSPECTION', 'COMPLAINT'));
