-- Field-sales KPIs (field-sales.md, "KPIs"): one fact row per visit in the analytics read model (processor
-- analytics, V15), each project's zone there too, so the analytics projection needs no other read model; and, in the
-- field read model, each agent's distance per day from its track (GPS jumps left out), kept as batches arrive.
DO $$
DECLARE
    a TEXT := 'analytics_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'analytics'), 1);
    f TEXT := 'field_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'field'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.analytics_project (
        tenant   VARCHAR(64) NOT NULL,
        id       VARCHAR(64) NOT NULL,
        timezone VARCHAR(64) NOT NULL,
        PRIMARY KEY (tenant, id))', a);
    EXECUTE format('CREATE TABLE %I.analytics_visit (
        tenant           VARCHAR(64)   NOT NULL,
        visit_id         VARCHAR(64)   NOT NULL,
        project_id       VARCHAR(64)   NOT NULL,
        agent_id         VARCHAR(64)   NOT NULL,
        day              DATE          NOT NULL,
        unplanned        BOOLEAN       NOT NULL,
        status           VARCHAR(16)   NOT NULL,
        duration_seconds BIGINT,
        flags            TEXT[]        NOT NULL DEFAULT ''{}'',
        orders           INT           NOT NULL DEFAULT 0,
        orders_total     NUMERIC(24, 2) NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant, visit_id))', a);
    EXECUTE format('CREATE INDEX analytics_visit_days ON %I.analytics_visit (tenant, project_id, day, agent_id)', a);
    EXECUTE format('CREATE VIEW public.analytics_project AS SELECT * FROM %I.analytics_project', a);
    EXECUTE format('CREATE VIEW public.analytics_visit AS SELECT * FROM %I.analytics_visit', a);
    EXECUTE format('CREATE TABLE %I.field_agent_day (
        tenant          VARCHAR(64) NOT NULL,
        agent_id        VARCHAR(64) NOT NULL,
        day             DATE        NOT NULL,
        project_id      VARCHAR(64) NOT NULL,
        distance_meters BIGINT      NOT NULL,
        PRIMARY KEY (tenant, agent_id, day))', f);
    EXECUTE format('CREATE VIEW public.field_agent_day AS SELECT * FROM %I.field_agent_day', f);
END $$;
