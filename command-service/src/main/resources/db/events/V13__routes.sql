-- Routes (field-sales.md): which visits a route planned (its open future ones are cancelled when the route no longer
-- has them), and how far ahead each route is planned, for the planner's sweep.
ALTER TABLE visit_owners ADD COLUMN route_id VARCHAR(64);
CREATE INDEX visit_owners_route ON visit_owners (tenant, route_id) WHERE route_id IS NOT NULL;
CREATE TABLE route_horizons (
    tenant          VARCHAR(64) NOT NULL,
    route_id        VARCHAR(64) NOT NULL,
    planned_through DATE        NOT NULL,
    PRIMARY KEY (tenant, route_id)
);
