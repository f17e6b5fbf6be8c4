-- The inventory read model (commerce.md, "Stock"): locations, stock per product and location, and every movement.
CREATE TABLE inventory_location (
    tenant   VARCHAR(64)  NOT NULL,
    id       VARCHAR(64)  NOT NULL,
    name     VARCHAR(200) NOT NULL,
    kind     VARCHAR(16)  NOT NULL,
    address  TEXT,
    timezone VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE inventory_stock (
    tenant       VARCHAR(64) NOT NULL,
    location_id  VARCHAR(64) NOT NULL,
    product_id   VARCHAR(64) NOT NULL,
    on_hand      BIGINT      NOT NULL DEFAULT 0,
    reserved     BIGINT      NOT NULL DEFAULT 0,
    min_quantity BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, location_id, product_id)
);
CREATE INDEX inventory_stock_product ON inventory_stock (tenant, product_id);

-- on_hand_delta sums to on_hand, reserved_delta to reserved; quantity is the document's (a loss moves nothing on hand)
CREATE TABLE inventory_movement (
    tenant         VARCHAR(64) NOT NULL,
    location_id    VARCHAR(64) NOT NULL,
    product_id     VARCHAR(64) NOT NULL,
    kind           VARCHAR(32) NOT NULL,
    quantity       BIGINT      NOT NULL,
    on_hand_delta  BIGINT      NOT NULL,
    reserved_delta BIGINT      NOT NULL,
    document_kind  VARCHAR(32) NOT NULL,
    document_id    VARCHAR(64) NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    recorded_by    VARCHAR(64) NOT NULL,
    unit_cost      NUMERIC(20, 2),
    currency       VARCHAR(3),
    position       BIGINT      NOT NULL,
    seq            BIGSERIAL   PRIMARY KEY
);
CREATE INDEX inventory_movement_location ON inventory_movement (tenant, location_id, product_id, at);
CREATE INDEX inventory_movement_product ON inventory_movement (tenant, product_id, at);

-- Low stock per product and location: open while available < min_quantity (a minimum above zero), cleared when not
CREATE TABLE inventory_alert (
    tenant       VARCHAR(64) NOT NULL,
    location_id  VARCHAR(64) NOT NULL,
    product_id   VARCHAR(64) NOT NULL,
    available    BIGINT      NOT NULL,
    min_quantity BIGINT      NOT NULL,
    since        TIMESTAMPTZ NOT NULL,
    cleared_at   TIMESTAMPTZ,
    PRIMARY KEY (tenant, location_id, product_id, since)
);
CREATE UNIQUE INDEX inventory_alert_one_active ON inventory_alert (tenant, location_id, product_id) WHERE cleared_at IS NULL;
CREATE INDEX inventory_alert_newest ON inventory_alert (tenant, since DESC);
