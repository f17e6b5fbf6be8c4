-- Zero-downtime rebuilds (audit.md): the kitchen read model lives in a generation schema (kitchen_rm_<n>), and the
-- names every read and the live projection use are views in public onto the active generation. A rebuild fills
-- kitchen_rm_<n+1> beside it and, once caught up, replaces the views in one transaction: readers see the old
-- generation or the new one, never an empty or half-built one. The live stream's feed (kitchen_change) is not part
-- of a generation: it is history of what clients were told, and a rebuild must not rewrite it.
CREATE SCHEMA kitchen_rm_1;
ALTER TABLE kitchen SET SCHEMA kitchen_rm_1;
ALTER TABLE kitchen_ingredient SET SCHEMA kitchen_rm_1;
ALTER TABLE kitchen_meal SET SCHEMA kitchen_rm_1;
ALTER TABLE kitchen_stock_movement SET SCHEMA kitchen_rm_1;
ALTER TABLE kitchen_serving SET SCHEMA kitchen_rm_1;
ALTER TABLE kitchen_alert SET SCHEMA kitchen_rm_1;

CREATE VIEW kitchen AS SELECT * FROM kitchen_rm_1.kitchen;
CREATE VIEW kitchen_ingredient AS SELECT * FROM kitchen_rm_1.kitchen_ingredient;
CREATE VIEW kitchen_meal AS SELECT * FROM kitchen_rm_1.kitchen_meal;
CREATE VIEW kitchen_stock_movement AS SELECT * FROM kitchen_rm_1.kitchen_stock_movement;
CREATE VIEW kitchen_serving AS SELECT * FROM kitchen_rm_1.kitchen_serving;
CREATE VIEW kitchen_alert AS SELECT * FROM kitchen_rm_1.kitchen_alert;

-- Which generation of a PostgreSQL read model the views show.
CREATE TABLE projection_generation (
    projection  VARCHAR(64) PRIMARY KEY,
    generation  INTEGER     NOT NULL,
    switched_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO projection_generation (projection, generation) VALUES ('kitchen', 1);

-- Every rebuild asked for, its progress (written by the instance running it, read by every instance's listing and
-- progress stream) and how it ended. At most one runs per projection.
CREATE TABLE projection_rebuild (
    id              BIGSERIAL    PRIMARY KEY,
    projection      VARCHAR(64)  NOT NULL,
    generation      INTEGER      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    requested_by    VARCHAR(64)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    heartbeat_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    head_at_start   BIGINT       NOT NULL,
    position        BIGINT       NOT NULL DEFAULT 0,
    events_applied  BIGINT       NOT NULL DEFAULT 0,
    error           TEXT
);
CREATE UNIQUE INDEX projection_rebuild_one_running ON projection_rebuild (projection) WHERE status = 'RUNNING';
