-- The per-tenant hash chain over the ledger. Each appended event gets
--   hash = SHA-256(previous hash ‖ canonical bytes of the event)
-- in the same transaction as the event. ledger_head holds each tenant's latest link; its row lock is taken
-- before a command's events are appended, so chains stay linear with any number of command-service instances.
CREATE TABLE ledger_head (
    tenant     VARCHAR(64) PRIMARY KEY,
    tenant_seq BIGINT      NOT NULL,
    hash       CHAR(64)    NOT NULL
);

CREATE TABLE ledger_chain (
    tenant           VARCHAR(64)  NOT NULL,
    tenant_seq       BIGINT       NOT NULL,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL UNIQUE,
    hash             CHAR(64)     NOT NULL,
    previous_hash    CHAR(64)     NOT NULL,
    PRIMARY KEY (tenant, tenant_seq)
);
