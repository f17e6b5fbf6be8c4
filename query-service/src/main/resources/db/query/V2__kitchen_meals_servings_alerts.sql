CREATE TABLE kitchen_meal (
    tenant         VARCHAR(64)  NOT NULL,
    kitchen_id     VARCHAR(64)  NOT NULL,
    id             VARCHAR(64)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    recipe_version INTEGER      NOT NULL,
    recipe         JSONB        NOT NULL,
    retired        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant, kitchen_id, id)
);

-- Every change of stock in business time, so the stock as it stood at any past instant is a sum.
CREATE TABLE kitchen_stock_movement (
    tenant        VARCHAR(64) NOT NULL,
    kitchen_id    VARCHAR(64) NOT NULL,
    ingredient_id VARCHAR(64) NOT NULL,
    business_time TIMESTAMPTZ NOT NULL,
    delta         BIGINT      NOT NULL,
    position      BIGINT      NOT NULL
);
CREATE INDEX kitchen_stock_movement_at ON kitchen_stock_movement (tenant, kitchen_id, ingredient_id, business_time);

CREATE TABLE kitchen_serving (
    tenant         VARCHAR(64)  NOT NULL,
    kitchen_id     VARCHAR(64)  NOT NULL,
    id             VARCHAR(64)  NOT NULL,
    meal_id        VARCHAR(64)  NOT NULL,
    meal_name      VARCHAR(200) NOT NULL,
    portions       INTEGER      NOT NULL,
    served_by      VARCHAR(64)  NOT NULL,
    served_at      TIMESTAMPTZ  NOT NULL,
    recipe_version INTEGER      NOT NULL,
    deducted       JSONB        NOT NULL,
    PRIMARY KEY (tenant, kitchen_id, id)
);
CREATE INDEX kitchen_serving_newest ON kitchen_serving (tenant, kitchen_id, served_at DESC, id DESC);

CREATE TABLE kitchen_alert (
    tenant          VARCHAR(64) NOT NULL,
    kitchen_id      VARCHAR(64) NOT NULL,
    ingredient_id   VARCHAR(64) NOT NULL,
    grams           BIGINT      NOT NULL,
    min_stock_grams BIGINT      NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    cleared_at      TIMESTAMPTZ,
    PRIMARY KEY (tenant, kitchen_id, ingredient_id, since)
);
CREATE UNIQUE INDEX kitchen_alert_one_active ON kitchen_alert (tenant, kitchen_id, ingredient_id) WHERE cleared_at IS NULL;

-- What the live stream sends: each stock, capacity and alert change, in order. Written in the projection's
-- transaction, so a client reconnecting with Last-Event-ID resumes exactly where it left off.
CREATE TABLE kitchen_change (
    seq        BIGSERIAL   PRIMARY KEY,
    tenant     VARCHAR(64) NOT NULL,
    kitchen_id VARCHAR(64) NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kitchen_change_stream ON kitchen_change (tenant, kitchen_id, seq);
