-- Orders (docs/commerce.md, "Orders and payments"), written by the inventory processor's SalesProjection beside the
-- stock: one processor for the commerce read models that orders and stock share. Part of the inventory generations.
DO $$
DECLARE
    g TEXT := 'inventory_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'inventory'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.sales_order (
        tenant         VARCHAR(64)   NOT NULL,
        id             VARCHAR(64)   NOT NULL,
        number         BIGINT        NOT NULL,
        status         VARCHAR(32)   NOT NULL,
        channel        VARCHAR(16)   NOT NULL,
        customer_id    VARCHAR(64),
        client_id      VARCHAR(64),
        visit_id       VARCHAR(64),
        price_list_id  VARCHAR(64),
        currency       VARCHAR(3)    NOT NULL,
        subtotal       NUMERIC(30,4) NOT NULL,
        discount_total NUMERIC(30,4) NOT NULL,
        tax_total      NUMERIC(30,4) NOT NULL,
        total          NUMERIC(30,4) NOT NULL,
        tax_included   BOOLEAN       NOT NULL,
        payment_method VARCHAR(32)   NOT NULL,
        payment        JSONB,
        lines          JSONB         NOT NULL,
        allocations    JSONB         NOT NULL,
        refunds        JSONB         NOT NULL DEFAULT ''[]'',
        shipping       JSONB,
        note           TEXT,
        reserved_until TIMESTAMPTZ,
        cancel_reason  TEXT,
        placed_by      VARCHAR(255),
        placed_at      TIMESTAMPTZ   NOT NULL,
        updated_at     TIMESTAMPTZ   NOT NULL,
        position       BIGINT        NOT NULL,
        PRIMARY KEY (tenant, id))', g);
    EXECUTE format('CREATE INDEX sales_order_placed ON %I.sales_order (tenant, placed_at DESC, id)', g);
    EXECUTE format('CREATE INDEX sales_order_customer ON %I.sales_order (tenant, customer_id, placed_at DESC)', g);
    EXECUTE format('CREATE TABLE %I.sales_order_event (
        tenant   VARCHAR(64)  NOT NULL,
        order_id VARCHAR(64)  NOT NULL,
        position BIGINT       NOT NULL,
        kind     VARCHAR(64)  NOT NULL,
        at       TIMESTAMPTZ  NOT NULL,
        by_user  VARCHAR(255),
        data     JSONB        NOT NULL,
        PRIMARY KEY (tenant, order_id, position))', g);
    EXECUTE format('CREATE VIEW public.sales_order AS SELECT * FROM %I.sales_order', g);
    EXECUTE format('CREATE VIEW public.sales_order_event AS SELECT * FROM %I.sales_order_event', g);
END $$;
