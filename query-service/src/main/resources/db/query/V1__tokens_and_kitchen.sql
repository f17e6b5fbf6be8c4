-- Axon's tracking tokens live beside the read models they describe, so a projection's rows and its token
-- commit in one transaction.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Every read-model row carries its tenant; every read filters on it.
CREATE TABLE kitchen (
    tenant                VARCHAR(64)   NOT NULL,
    id                    VARCHAR(64)   NOT NULL,
    name                  VARCHAR(200)  NOT NULL,
    timezone              VARCHAR(64)   NOT NULL,
    warning_threshold_pct NUMERIC(6, 2) NOT NULL,
    misuse_threshold_pct  NUMERIC(6, 2) NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE kitchen_ingredient (
    tenant          VARCHAR(64)  NOT NULL,
    kitchen_id      VARCHAR(64)  NOT NULL,
    id              VARCHAR(64)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    min_stock_grams BIGINT       NOT NULL,
    stock_grams     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, kitchen_id, id)
);
