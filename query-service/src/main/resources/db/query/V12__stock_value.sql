-- Stock value per product and location (commerce.md, analytics): on hand at the moving-average unit cost of what
-- was received. A transfer carries the source's cost at dispatch to the destination.
CREATE TABLE analytics_stock_value (
    tenant      VARCHAR(64)    NOT NULL,
    location_id VARCHAR(64)    NOT NULL,
    product_id  VARCHAR(64)    NOT NULL,
    on_hand     BIGINT         NOT NULL,
    unit_cost   NUMERIC(30, 10),
    currency    VARCHAR(3),
    PRIMARY KEY (tenant, location_id, product_id)
);

CREATE TABLE analytics_transfer_cost (
    tenant      VARCHAR(64)    NOT NULL,
    transfer_id VARCHAR(64)    NOT NULL,
    product_id  VARCHAR(64)    NOT NULL,
    unit_cost   NUMERIC(30, 10),
    currency    VARCHAR(3),
    PRIMARY KEY (tenant, transfer_id, product_id)
);
