CREATE TABLE community (
    id              BIGSERIAL PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    address         VARCHAR(255),
    company_name    VARCHAR(100),
    contact_name    VARCHAR(64),
    contact_phone   VARCHAR(32),
    zone_id         VARCHAR(40)  NOT NULL DEFAULT 'Asia/Shanghai',
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    version         INT          NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX community_name_uq ON community (name);

CREATE TABLE building (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT      NOT NULL REFERENCES community (id),
    name          VARCHAR(50) NOT NULL,
    floors        INT         NOT NULL CHECK (floors BETWEEN 1 AND 200),
    has_elevator  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       INT         NOT NULL DEFAULT 0,
    CONSTRAINT building_name_uq UNIQUE (community_id, name)
);

-- A unit (单元) is an entrance of a building.
CREATE TABLE building_unit (
    id           BIGSERIAL PRIMARY KEY,
    building_id  BIGINT      NOT NULL REFERENCES building (id),
    name         VARCHAR(50) NOT NULL,
    CONSTRAINT building_unit_name_uq UNIQUE (building_id, name)
);

CREATE TABLE room (
    id             BIGSERIAL PRIMARY KEY,
    community_id   BIGINT        NOT NULL REFERENCES community (id),
    building_id    BIGINT        NOT NULL REFERENCES building (id),
    unit_id        BIGINT        REFERENCES building_unit (id),
    floor          INT           NOT NULL,
    number         VARCHAR(20)   NOT NULL,
    building_area  NUMERIC(10,2) NOT NULL CHECK (building_area > 0),
    usable_area    NUMERIC(10,2) CHECK (usable_area > 0),
    type           VARCHAR(20)   NOT NULL CHECK (type IN ('RESIDENTIAL', 'SHOP', 'OFFICE', 'OTHER')),
    status         VARCHAR(20)   NOT NULL CHECK (status IN ('UNSOLD', 'VACANT', 'OCCUPIED', 'RENTED', 'DECORATING')),
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        INT           NOT NULL DEFAULT 0,
    CONSTRAINT room_usable_within_building_area CHECK (usable_area IS NULL OR usable_area <= building_area),
    CONSTRAINT room_number_uq UNIQUE NULLS NOT DISTINCT (building_id, unit_id, number)
);
CREATE INDEX room_by_community ON room (community_id, status);
CREATE INDEX room_by_building ON room (building_id, unit_id, floor, number);

CREATE TABLE parking_space (
    id            BIGSERIAL PRIMARY KEY,
    community_id  BIGINT       NOT NULL REFERENCES community (id),
    number        VARCHAR(20)  NOT NULL,
    location      VARCHAR(100),
    type          VARCHAR(20)  NOT NULL CHECK (type IN ('UNDERGROUND', 'SURFACE', 'MECHANICAL')),
    area          NUMERIC(8,2) CHECK (area > 0),
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('VACANT', 'SOLD', 'RENTED', 'RESERVED')),
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       INT          NOT NULL DEFAULT 0,
    CONSTRAINT parking_space_number_uq UNIQUE (community_id, number)
);
