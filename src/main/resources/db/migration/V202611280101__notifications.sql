-- Notifications (通知): one row per message and channel, written in the transaction of the business change that
-- causes it (a transactional outbox) and delivered by a background worker, with its attempts and outcome kept as the
-- delivery log. The text is rendered when queued, in the recipient's language; a phone or email address is looked
-- up when the message is delivered and shown only masked.
CREATE TABLE notification (
    id                BIGSERIAL PRIMARY KEY,
    community_id      BIGINT,
    recipient_kind    VARCHAR(10)  NOT NULL CHECK (recipient_kind IN ('RESIDENT', 'STAFF')),
    recipient_id      BIGINT       NOT NULL,
    recipient_masked  VARCHAR(100),
    channel           VARCHAR(10)  NOT NULL CHECK (channel IN ('IN_APP', 'SMS', 'EMAIL')),
    template          VARCHAR(40)  NOT NULL,
    purpose           VARCHAR(10)  NOT NULL CHECK (purpose IN ('REMINDER', 'INFO', 'REQUIRED', 'CODE')),
    params            TEXT         NOT NULL,
    language          VARCHAR(10)  NOT NULL,
    title             VARCHAR(200) NOT NULL,
    body              TEXT         NOT NULL,
    subject           VARCHAR(100),
    message_key       VARCHAR(200) NOT NULL,
    status            VARCHAR(12)  NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED')),
    attempts          INT          NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ  NOT NULL,
    reason            VARCHAR(300),
    provider_id       VARCHAR(100),
    address_hash      CHAR(64),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    sent_at           TIMESTAMPTZ,
    read_at           TIMESTAMPTZ,
    CONSTRAINT notification_once UNIQUE (message_key)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('QUEUED', 'SENDING');
CREATE INDEX notification_inbox ON notification (recipient_kind, recipient_id, created_at DESC) WHERE channel = 'IN_APP';
CREATE INDEX notification_by_community ON notification (community_id, created_at DESC);
CREATE INDEX notification_by_subject ON notification (subject, created_at DESC);
-- the daily limit counts text messages per phone (its keyed hash, as residents' phones are searched), not per person
CREATE INDEX notification_sms_per_day ON notification (address_hash, sent_at) WHERE channel = 'SMS';

-- What a resident chose: the language of their messages, reminders by SMS or email or not, and the email address
-- to send to (encrypted like every personal datum).
CREATE TABLE notification_preference (
    resident_id      BIGINT      PRIMARY KEY,
    language         VARCHAR(10) NOT NULL DEFAULT 'zh-CN',
    sms_reminders    BOOLEAN     NOT NULL DEFAULT TRUE,
    email_reminders  BOOLEAN     NOT NULL DEFAULT TRUE,
    email_cipher     TEXT,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- A community's rules for SMS: no SMS in quiet hours (they wait for the morning), at most so many a day per person.
CREATE TABLE notification_settings (
    community_id     BIGINT      PRIMARY KEY,
    quiet_start      TIME        NOT NULL,
    quiet_end        TIME        NOT NULL,
    sms_daily_limit  INT         NOT NULL CHECK (sms_daily_limit > 0),
    updated_at       TIMESTAMPTZ NOT NULL
);
