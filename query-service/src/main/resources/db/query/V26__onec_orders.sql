-- An order's way to 1C (onec.md "Orders to 1C"): sales_order.onec, written by the inventory processor's
-- OnecOrderProjection in the inventory generations with the orders.
DO $$
DECLARE
    g TEXT := 'inventory_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'inventory'), 1);
BEGIN
    EXECUTE format('ALTER TABLE %I.sales_order ADD COLUMN onec JSONB', g);
    EXECUTE format('CREATE OR REPLACE VIEW public.sales_order AS SELECT * FROM %I.sales_order', g);
END $$;
