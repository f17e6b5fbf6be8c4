-- Which location dispatched a transfer, and to which: a transfer is addressed by its id alone
-- (POST /api/inventory/transfers/{t}/receive), unique in the tenant. Written in the dispatch's own transaction
-- (commits with TransferDispatched or not at all); the command side's own table, not a read model.
CREATE TABLE transfer_routes (
    tenant           VARCHAR(64) NOT NULL,
    transfer_id      VARCHAR(64) NOT NULL,
    from_location_id VARCHAR(64) NOT NULL,
    to_location_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant, transfer_id)
);

-- Record ids with a prefix (a transfer's receipt and arrival: "transfer-receipt:<id>", "arrival:<id>") must fit a
-- 64-character client id. Widening a varchar is a catalogue change in PostgreSQL: no table or index is rewritten.
ALTER TABLE record_ids ALTER COLUMN record_id TYPE VARCHAR(100);
