-- The inventory's change feed for live streams (GET /api/inventory/locations/{l}/stream): written by the inventory
-- projection in the transaction of its read model, read by any query-service instance, kept a day.
CREATE TABLE inventory_change (
    seq         BIGSERIAL    PRIMARY KEY,
    tenant      VARCHAR(64)  NOT NULL,
    location_id VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    data        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX inventory_change_stream ON inventory_change (tenant, location_id, seq);
CREATE INDEX inventory_change_age ON inventory_change (created_at);
