-- Carts (commerce.md "Carts and orders") as last priced, by the inventory processor's SalesProjection, in the
-- inventory generations with the orders.
DO $$
DECLARE
    g TEXT := 'inventory_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'inventory'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.sales_cart (
        tenant         VARCHAR(64)   NOT NULL,
        id             VARCHAR(64)   NOT NULL,
        customer_id    VARCHAR(64)   NOT NULL,
        price_list_id  VARCHAR(64),
        location_id    VARCHAR(64),
        status         VARCHAR(16)   NOT NULL,
        order_id       VARCHAR(64),
        lines          JSONB         NOT NULL DEFAULT ''[]'',
        currency       VARCHAR(3),
        subtotal       NUMERIC(30,4),
        discount_total NUMERIC(30,4),
        tax_total      NUMERIC(30,4),
        total          NUMERIC(30,4),
        priced_at      TIMESTAMPTZ,
        created_at     TIMESTAMPTZ   NOT NULL,
        position       BIGINT        NOT NULL,
        PRIMARY KEY (tenant, id))', g);
    EXECUTE format('CREATE VIEW public.sales_cart AS SELECT * FROM %I.sales_cart', g);
END $$;
