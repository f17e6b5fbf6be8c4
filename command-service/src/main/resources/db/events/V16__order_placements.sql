-- Orders being placed: the reservations a placement made before its order exists. Written (committed) before each
-- reservation, deleted in the order's own transaction; a row left behind by a node that stopped is released by the
-- sweep (OrderPlacementSweep) once it is older than the grace (docs/commerce.md).
CREATE TABLE order_placements (
    tenant       VARCHAR(64)  NOT NULL,
    order_id     VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    reservations JSONB        NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant, order_id)
);
CREATE INDEX order_placements_started ON order_placements (started_at);
