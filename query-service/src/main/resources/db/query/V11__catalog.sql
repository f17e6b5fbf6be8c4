-- The catalogue read model (commerce.md, "Catalogue"): categories, products with their barcodes, price lists and
-- every version of every price (never overwritten).
CREATE TABLE catalog_category (
    tenant    VARCHAR(64)  NOT NULL,
    id        VARCHAR(64)  NOT NULL,
    name      VARCHAR(200) NOT NULL,
    parent_id VARCHAR(64),
    PRIMARY KEY (tenant, id)
);
CREATE INDEX catalog_category_parent ON catalog_category (tenant, parent_id);

CREATE TABLE catalog_product (
    tenant       VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    sku          VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    description  TEXT,
    category_id  VARCHAR(64),
    unit         VARCHAR(8)   NOT NULL,
    tax_rate_pct NUMERIC(5, 2),
    attributes   JSONB        NOT NULL DEFAULT '{}',
    onec_code    VARCHAR(64),
    archived     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    position     BIGINT       NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX catalog_product_category ON catalog_product (tenant, category_id);
CREATE INDEX catalog_product_sku ON catalog_product (tenant, sku);
CREATE INDEX catalog_product_name ON catalog_product (tenant, lower(name));

CREATE TABLE catalog_product_barcode (
    tenant     VARCHAR(64) NOT NULL,
    barcode    VARCHAR(64) NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant, barcode)
);
CREATE INDEX catalog_product_barcode_product ON catalog_product_barcode (tenant, product_id);

CREATE TABLE catalog_price_list (
    tenant       VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    currency     VARCHAR(3)   NOT NULL,
    tax_included BOOLEAN      NOT NULL,
    is_default   BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant, id)
);

-- what was valid at t: per product the row with the latest valid_from <= t, of equal ones the latest position
CREATE TABLE catalog_price (
    tenant        VARCHAR(64)    NOT NULL,
    price_list_id VARCHAR(64)    NOT NULL,
    product_id    VARCHAR(64)    NOT NULL,
    valid_from    TIMESTAMPTZ    NOT NULL,
    position      BIGINT         NOT NULL,
    price         NUMERIC(24, 4) NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    set_at        TIMESTAMPTZ    NOT NULL,
    set_by        VARCHAR(64)    NOT NULL,
    PRIMARY KEY (tenant, price_list_id, product_id, valid_from, position)
);
CREATE INDEX catalog_price_product ON catalog_price (tenant, product_id);
