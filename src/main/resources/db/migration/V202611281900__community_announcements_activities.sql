-- Announcements (公告) to a community or chosen buildings, and who has read them, household by household.
CREATE TABLE announcement (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT        NOT NULL REFERENCES community (id),
    title         VARCHAR(200)  NOT NULL,
    body          TEXT          NOT NULL,            -- sanitized HTML, never what was posted as such
    building_ids  BIGINT[]      NOT NULL DEFAULT '{}', -- empty: the whole community
    publish_at    TIMESTAMPTZ   NOT NULL,
    expires_at    TIMESTAMPTZ,
    pinned        BOOLEAN       NOT NULL DEFAULT false,
    urgent        BOOLEAN       NOT NULL DEFAULT false,
    withdrawn_at  TIMESTAMPTZ,
    withdrawn_by  VARCHAR(100),
    notified_at   TIMESTAMPTZ,                       -- when its notices were queued (by the publishing job)
    created_by    VARCHAR(100)  NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT announcement_expiry CHECK (expires_at IS NULL OR expires_at > publish_at)
);
CREATE INDEX announcement_by_community ON announcement (community_id, publish_at DESC);
CREATE INDEX announcement_to_notify ON announcement (publish_at) WHERE notified_at IS NULL AND withdrawn_at IS NULL;

CREATE TABLE announcement_attachment (
    id               BIGSERIAL PRIMARY KEY,
    announcement_id  BIGINT        NOT NULL REFERENCES announcement (id),
    file_name        VARCHAR(200)  NOT NULL,
    content_type     VARCHAR(100)  NOT NULL,
    size             INT           NOT NULL,
    content          BYTEA         NOT NULL,
    uploaded_by      VARCHAR(100)  NOT NULL,
    uploaded_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX announcement_attachment_of ON announcement_attachment (announcement_id);

CREATE TABLE announcement_read (
    announcement_id  BIGINT       NOT NULL REFERENCES announcement (id),
    room_id          BIGINT       NOT NULL,
    resident_id      BIGINT       NOT NULL,
    read_at          TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (announcement_id, room_id, resident_id)
);
CREATE INDEX announcement_read_by_resident ON announcement_read (resident_id);

-- Activities (社区活动) and their registrations. "taken" is the people holding places; the check keeps it within the
-- capacity whatever happens above it, and registrations change it under the activity's row lock.
CREATE TABLE activity (
    id                     BIGSERIAL PRIMARY KEY,
    community_id           BIGINT        NOT NULL REFERENCES community (id),
    title                  VARCHAR(200)  NOT NULL,
    description            TEXT          NOT NULL DEFAULT '',
    place                  VARCHAR(200)  NOT NULL,
    starts_at              TIMESTAMPTZ   NOT NULL,
    ends_at                TIMESTAMPTZ   NOT NULL,
    registration_deadline  TIMESTAMPTZ   NOT NULL,
    capacity               INT           NOT NULL CHECK (capacity > 0),
    per_household          INT           NOT NULL CHECK (per_household > 0),
    building_ids           BIGINT[]      NOT NULL DEFAULT '{}',
    fee                    NUMERIC(12, 2) CHECK (fee IS NULL OR fee > 0),
    taken                  INT           NOT NULL DEFAULT 0,
    cancelled_at           TIMESTAMPTZ,
    cancel_reason          VARCHAR(500),
    created_by             VARCHAR(100)  NOT NULL,
    created_at             TIMESTAMPTZ   NOT NULL,
    CONSTRAINT activity_times CHECK (ends_at > starts_at AND registration_deadline <= starts_at),
    CONSTRAINT activity_within_capacity CHECK (taken BETWEEN 0 AND capacity)
);
CREATE INDEX activity_by_community ON activity (community_id, starts_at DESC);

CREATE TABLE activity_registration (
    id                 BIGSERIAL PRIMARY KEY,
    activity_id        BIGINT       NOT NULL REFERENCES activity (id),
    room_id            BIGINT       NOT NULL,
    resident_id        BIGINT       NOT NULL,
    people             INT          NOT NULL CHECK (people > 0),
    status             VARCHAR(12)  NOT NULL CHECK (status IN ('REGISTERED', 'WAITLISTED', 'CANCELLED')),
    check_in_code      VARCHAR(40)  NOT NULL UNIQUE,
    created_at         TIMESTAMPTZ  NOT NULL,
    promoted_at        TIMESTAMPTZ,
    cancelled_at       TIMESTAMPTZ,
    cancelled_by       VARCHAR(100),
    checked_in_at      TIMESTAMPTZ,
    checked_in_people  INT,
    checked_in_by      VARCHAR(100)
);
CREATE INDEX activity_registration_of ON activity_registration (activity_id, status, id);
CREATE INDEX activity_registration_by_room ON activity_registration (room_id);
CREATE INDEX activity_registration_by_resident ON activity_registration (resident_id);
