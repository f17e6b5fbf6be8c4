-- Credentials live here, never in the ledger: the ledger records UserCreated without the password.
-- Usernames are unique across tenants because a login names no tenant.
CREATE TABLE users (
    id            UUID         PRIMARY KEY,
    tenant        VARCHAR(64)  NOT NULL,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    roles         TEXT[]       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 hashes, used once; a reused token revokes its whole family.
CREATE TABLE refresh_tokens (
    token_hash BYTEA       PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family     UUID        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked    BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

-- Idempotency-Key records: written in the same transaction as the command's events, so both exist or neither.
CREATE TABLE idempotency_records (
    tenant       VARCHAR(64)  NOT NULL,
    key          VARCHAR(128) NOT NULL,
    fingerprint  CHAR(64)     NOT NULL,
    status       SMALLINT     NOT NULL,
    location     VARCHAR(512),
    body         TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, key)
);
CREATE INDEX idempotency_records_created_at ON idempotency_records (created_at);
