-- Portal accounts of residents: they sign in with their mobile number (found by its keyed hash) and a password.
CREATE TABLE resident_account (
    id             BIGSERIAL PRIMARY KEY,
    resident_id    BIGINT       NOT NULL UNIQUE,
    phone_hash     CHAR(64)     NOT NULL UNIQUE,
    password_hash  VARCHAR(255) NOT NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- One-time activation codes; only a hash of the code is kept.
CREATE TABLE portal_invitation (
    id           BIGSERIAL PRIMARY KEY,
    resident_id  BIGINT       NOT NULL,
    phone_hash   CHAR(64)     NOT NULL,
    code_hash    CHAR(64)     NOT NULL,
    created_by   BIGINT,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX portal_invitation_by_phone ON portal_invitation (phone_hash, expires_at);

-- Tokens belong to a staff account or to a resident account.
ALTER TABLE api_token ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE api_token ADD COLUMN resident_account_id BIGINT REFERENCES resident_account (id);
ALTER TABLE api_token ADD CONSTRAINT api_token_one_owner
    CHECK ((account_id IS NULL) <> (resident_account_id IS NULL));
CREATE INDEX api_token_by_resident_account ON api_token (resident_account_id);
