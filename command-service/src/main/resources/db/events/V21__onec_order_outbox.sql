-- The field orders on their way to 1C (onec.md "Orders to 1C"): written by the OnecOrder aggregate in the
-- transaction of its events; the sender takes due rows FOR UPDATE SKIP LOCKED and leases them (next_attempt_at), so
-- one instance sends each, and another takes it over when that one dies.
CREATE TABLE onec_order_outbox (
    tenant          VARCHAR(64) NOT NULL,
    order_id        VARCHAR(64) NOT NULL,
    project_id      VARCHAR(64) NOT NULL,
    draft           JSONB       NOT NULL,
    state           VARCHAR(16) NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, order_id)
);
CREATE INDEX onec_order_outbox_due ON onec_order_outbox (next_attempt_at) WHERE state = 'PENDING';
