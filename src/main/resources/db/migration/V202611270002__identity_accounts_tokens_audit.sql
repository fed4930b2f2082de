CREATE TABLE staff_account (
    id             BIGSERIAL PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    name           VARCHAR(64)  NOT NULL,
    phone_cipher   TEXT,
    phone_hash     CHAR(64),
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        INT          NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX staff_account_username_uq ON staff_account (lower(username));

CREATE TABLE staff_account_role (
    account_id BIGINT      NOT NULL REFERENCES staff_account (id),
    role       VARCHAR(20) NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'FINANCE', 'SERVICE', 'TECHNICIAN', 'INSPECTOR')),
    PRIMARY KEY (account_id, role)
);

CREATE TABLE staff_account_permission (
    account_id BIGINT      NOT NULL REFERENCES staff_account (id),
    permission VARCHAR(40) NOT NULL,
    PRIMARY KEY (account_id, permission)
);

-- The communities a staff member works in (ADMIN works in all). Community ids belong to the estate module.
CREATE TABLE staff_account_community (
    account_id   BIGINT NOT NULL REFERENCES staff_account (id),
    community_id BIGINT NOT NULL,
    PRIMARY KEY (account_id, community_id)
);
CREATE INDEX staff_account_community_by_community ON staff_account_community (community_id);

-- API tokens: only a SHA-256 of the token is stored.
CREATE TABLE api_token (
    id          BIGSERIAL PRIMARY KEY,
    token_hash  CHAR(64)    NOT NULL UNIQUE,
    account_id  BIGINT      NOT NULL REFERENCES staff_account (id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_token_by_account ON api_token (account_id);
CREATE INDEX api_token_by_expiry ON api_token (expires_at);

-- Who did what, when and from where. Append-only: the database refuses to change or delete an entry.
CREATE TABLE audit_entry (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMPTZ  NOT NULL,
    actor_id      BIGINT,
    actor_name    VARCHAR(64),
    ip            VARCHAR(64),
    action        VARCHAR(64)  NOT NULL,
    target_type   VARCHAR(40),
    target_id     VARCHAR(64),
    community_id  BIGINT,
    details       TEXT
);
CREATE INDEX audit_entry_by_time ON audit_entry (at DESC);
CREATE INDEX audit_entry_by_action_actor ON audit_entry (action, lower(actor_name), at);
CREATE INDEX audit_entry_by_action_ip ON audit_entry (action, ip, at);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
