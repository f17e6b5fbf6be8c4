-- Customers (commerce.md, "Customers and reviews"), by the inventory processor's SalesProjection, in the inventory
-- generations with the orders.
DO $$
DECLARE
    g TEXT := 'inventory_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'inventory'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.sales_customer (
        tenant        VARCHAR(64)  NOT NULL,
        id            VARCHAR(64)  NOT NULL,
        email         VARCHAR(254) NOT NULL,
        name          TEXT         NOT NULL,
        phone         VARCHAR(64),
        username      VARCHAR(255),
        registered_at TIMESTAMPTZ  NOT NULL,
        PRIMARY KEY (tenant, id))', g);
    EXECUTE format('CREATE VIEW public.sales_customer AS SELECT * FROM %I.sales_customer', g);
END $$;
