-- GPS tracks of field sales (field-sales.md): every accepted point, each agent's newest one for the live map, and
-- the project's change feed for the live stream (agent-location, visit), kept a day. The points and positions live in
-- the active generation of the field read model (V16); the feed, like inventory_change, outlives generations.
DO $$
DECLARE
    s TEXT := 'field_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'field'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.field_track_point (
        tenant     VARCHAR(64)      NOT NULL,
        agent_id   VARCHAR(64)      NOT NULL,
        at         TIMESTAMPTZ      NOT NULL,
        project_id VARCHAR(64)      NOT NULL,
        lat        DOUBLE PRECISION NOT NULL,
        lon        DOUBLE PRECISION NOT NULL,
        accuracy   DOUBLE PRECISION,
        speed      DOUBLE PRECISION,
        battery    INT,
        mocked     BOOLEAN          NOT NULL,
        impossible BOOLEAN          NOT NULL,
        PRIMARY KEY (tenant, agent_id, at))', s);
    EXECUTE format('CREATE TABLE %I.field_agent_position (
        tenant     VARCHAR(64)      NOT NULL,
        agent_id   VARCHAR(64)      NOT NULL,
        project_id VARCHAR(64)      NOT NULL,
        at         TIMESTAMPTZ      NOT NULL,
        lat        DOUBLE PRECISION NOT NULL,
        lon        DOUBLE PRECISION NOT NULL,
        accuracy   DOUBLE PRECISION,
        battery    INT,
        PRIMARY KEY (tenant, agent_id))', s);
    EXECUTE format('CREATE VIEW public.field_track_point AS SELECT * FROM %I.field_track_point', s);
    EXECUTE format('CREATE VIEW public.field_agent_position AS SELECT * FROM %I.field_agent_position', s);
END $$;

CREATE TABLE field_change (
    seq        BIGSERIAL    PRIMARY KEY,
    tenant     VARCHAR(64)  NOT NULL,
    project_id VARCHAR(64)  NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    data       TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX field_change_stream ON field_change (tenant, project_id, seq);
CREATE INDEX field_change_age ON field_change (created_at);
