-- A project's routes as the field read model shows them (field-sales.md, "Visits").
DO $$
DECLARE
    f TEXT := 'field_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'field'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.field_route (
        tenant     VARCHAR(64)  NOT NULL,
        id         VARCHAR(64)  NOT NULL,
        project_id VARCHAR(64)  NOT NULL,
        agent_id   VARCHAR(64)  NOT NULL,
        name       VARCHAR(200) NOT NULL,
        weekdays   INT[]        NOT NULL,
        client_ids TEXT[]       NOT NULL,
        type_id    VARCHAR(64),
        updated_at TIMESTAMPTZ  NOT NULL,
        PRIMARY KEY (tenant, id))', f);
    EXECUTE format('CREATE VIEW public.field_route AS SELECT * FROM %I.field_route', f);
END $$;
