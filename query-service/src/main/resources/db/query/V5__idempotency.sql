-- Idempotency-Key records of the query-service's own POSTs (report recomputation), kept 24 h, written in the same
-- transaction as the effect they guard.
CREATE TABLE idempotency_records (
    tenant      VARCHAR(64)  NOT NULL,
    key         VARCHAR(128) NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    status      SMALLINT     NOT NULL,
    location    VARCHAR(512),
    body        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, key)
);
