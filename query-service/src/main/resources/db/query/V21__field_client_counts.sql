-- How many clients each project's list holds, kept by the field projection as clients come, change agents, are
-- archived and restored: the list's totalItems without counting 70 000 rows per page (docs/field-sales.md). agent_id
-- '*' counts every client once, '' those assigned to nobody, an agent's id those assigned to it.
DO $$
DECLARE
    f TEXT := 'field_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'field'), 1);
BEGIN
    EXECUTE format('CREATE TABLE %I.field_client_count (
        tenant     VARCHAR(64) NOT NULL,
        project_id VARCHAR(64) NOT NULL,
        archived   BOOLEAN     NOT NULL,
        agent_id   VARCHAR(64) NOT NULL,
        n          BIGINT      NOT NULL,
        PRIMARY KEY (tenant, project_id, archived, agent_id))', f);
    EXECUTE format('INSERT INTO %I.field_client_count (tenant, project_id, archived, agent_id, n) '
        || 'SELECT tenant, project_id, archived, k, count(*) FROM (SELECT tenant, project_id, archived, ''*'' AS k FROM %I.field_client '
        || 'UNION ALL SELECT tenant, project_id, archived, a FROM %I.field_client, '
        || 'unnest(CASE WHEN cardinality(agent_ids) = 0 THEN ARRAY['''']::text[] ELSE agent_ids END) AS a) keys '
        || 'GROUP BY tenant, project_id, archived, k', f, f, f);
    EXECUTE format('CREATE VIEW public.field_client_count AS SELECT * FROM %I.field_client_count', f);
END $$;
