-- The hash chain is sealed after the commands' commits, by one sealer at a time (uz.hisob.command.platform.ledger),
-- instead of inside every command's transaction under the tenant's head row lock, which made each tenant's commands
-- wait for one another's commits (audit.md: no lock may serialize a tenant's commands).

-- The tenant an event belongs to, from its metadata, for an index the ledger, the sealer's checks and the position
-- of a command that appends nothing read by. Immutable: it reads nothing but its argument.
CREATE FUNCTION event_tenant(meta_data BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'tenant' $$;

CREATE INDEX domain_event_entry_tenant ON domain_event_entry (event_tenant(meta_data), global_index);

-- Every event at or below sealed_upto is in its tenant's chain, or its global index was never committed (a rolled-back
-- transaction's). One row; the sealer moves it forward in the transaction that writes the links.
CREATE TABLE ledger_seal (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    sealed_upto BIGINT  NOT NULL
);
INSERT INTO ledger_seal (id, sealed_upto) SELECT 1, COALESCE(max(global_index), 0) FROM ledger_chain;

-- Where each tenant's head stands in the store, for its checkpoints.
ALTER TABLE ledger_head ADD COLUMN global_index BIGINT NOT NULL DEFAULT 0;
UPDATE ledger_head h SET global_index = c.global_index
FROM ledger_chain c WHERE c.tenant = h.tenant AND c.tenant_seq = h.tenant_seq;

-- Signed statements of where a tenant's chain stood (audit.md "Checkpoints"), issued by the sealer.
CREATE TABLE ledger_checkpoint (
    tenant        VARCHAR(64)  NOT NULL,
    tenant_seq    BIGINT       NOT NULL,
    global_index  BIGINT       NOT NULL,
    head_hash     CHAR(64)     NOT NULL,
    issued_at     TIMESTAMPTZ  NOT NULL,
    jws           TEXT         NOT NULL,
    PRIMARY KEY (tenant, tenant_seq)
);
