-- The 1C link (onec.md), written by the field processor's OnecProjection in the field generations: the link as the
-- project shows it (field_project.onec, without passwords), the run log (onec_run) and the keys of notify
-- (onec_api_key, never the key itself); a run's progress as a live
-- feed (onec_run_change) for its server-sent events.
DO $$
DECLARE
    f TEXT := 'field_rm_' || coalesce((SELECT generation FROM projection_generation WHERE projection = 'field'), 1);
BEGIN
    EXECUTE format('ALTER TABLE %I.field_project ADD COLUMN onec JSONB', f);
    EXECUTE format('CREATE OR REPLACE VIEW public.field_project AS SELECT * FROM %I.field_project', f);
    EXECUTE format('CREATE TABLE %I.onec_run (
        tenant      VARCHAR(64)  NOT NULL,
        project_id  VARCHAR(64)  NOT NULL,
        id          VARCHAR(64)  NOT NULL,
        status      VARCHAR(16)  NOT NULL,
        trigger     VARCHAR(16)  NOT NULL,
        full_run    BOOLEAN      NOT NULL,
        started_at  TIMESTAMPTZ  NOT NULL,
        finished_at TIMESTAMPTZ,
        calls       JSONB        NOT NULL DEFAULT ''[]'',
        entities    JSONB        NOT NULL DEFAULT ''{}'',
        errors      JSONB        NOT NULL DEFAULT ''[]'',
        PRIMARY KEY (tenant, id))', f);
    EXECUTE format('CREATE INDEX onec_run_project ON %I.onec_run (tenant, project_id, started_at DESC, id)', f);
    EXECUTE format('CREATE VIEW public.onec_run AS SELECT * FROM %I.onec_run', f);
    EXECUTE format('CREATE TABLE %I.onec_api_key (
        tenant     VARCHAR(64) NOT NULL,
        project_id VARCHAR(64) NOT NULL,
        id         VARCHAR(64) NOT NULL,
        prefix     VARCHAR(16) NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        revoked_at TIMESTAMPTZ,
        PRIMARY KEY (tenant, id))', f);
    EXECUTE format('CREATE VIEW public.onec_api_key AS SELECT * FROM %I.onec_api_key', f);
END $$;

CREATE TABLE onec_run_change (
    seq        BIGSERIAL    PRIMARY KEY,
    tenant     VARCHAR(64)  NOT NULL,
    run_id     VARCHAR(64)  NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    data       TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX onec_run_change_stream ON onec_run_change (tenant, run_id, seq);
CREATE INDEX onec_run_change_age ON onec_run_change (created_at);
