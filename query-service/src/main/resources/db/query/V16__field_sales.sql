-- Field sales (field-sales.md): projects, agents, dictionaries, checklists, clients and visits, written by the
-- field projection in the transaction of its token. Like the other read models (V7, V15) the tables live in a
-- generation schema, field_rm_1, behind views of the same names, so a rebuild fills field_rm_2 while reads go on.
--
-- Nearby clients are found with the cube and earthdistance extensions (both in PostgreSQL's contrib), through a
-- GiST index on each client's place that also orders by distance (k-nearest neighbours). On a server where the
-- service's user may not create extensions, a DBA creates them once before the first start.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- the order of client changes for offline devices (GET …/clients/changes): outlives every generation
CREATE SEQUENCE field_client_change_seq;

CREATE SCHEMA field_rm_1;

CREATE TABLE field_rm_1.field_project (
    tenant                VARCHAR(64)  NOT NULL,
    id                    VARCHAR(64)  NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    timezone              VARCHAR(64)  NOT NULL,
    radius_meters         INT          NOT NULL,
    policy                VARCHAR(8)   NOT NULL,
    min_visit_minutes     INT          NOT NULL,
    learn_client_location BOOLEAN      NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE field_rm_1.field_agent (
    tenant     VARCHAR(64)  NOT NULL,
    id         VARCHAR(64)  NOT NULL,
    project_id VARCHAR(64)  NOT NULL,
    username   VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    phone      VARCHAR(32),
    onec_code  VARCHAR(64),
    active     BOOLEAN      NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX field_agent_project ON field_rm_1.field_agent (tenant, project_id, name, id);

CREATE TABLE field_rm_1.field_reference (
    tenant     VARCHAR(64)  NOT NULL,
    project_id VARCHAR(64)  NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    id         VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    ord        INT          NOT NULL,
    active     BOOLEAN      NOT NULL,
    PRIMARY KEY (tenant, project_id, kind, id)
);

-- every version of every checklist step; a visit names the version it answered
CREATE TABLE field_rm_1.field_visit_step (
    tenant         VARCHAR(64)  NOT NULL,
    project_id     VARCHAR(64)  NOT NULL,
    id             VARCHAR(64)  NOT NULL,
    version        INT          NOT NULL,
    title          VARCHAR(200) NOT NULL,
    kind           VARCHAR(8)   NOT NULL,
    required       BOOLEAN      NOT NULL,
    options        TEXT[]       NOT NULL,
    visit_type_ids TEXT[]       NOT NULL,
    ord            INT          NOT NULL,
    is_current     BOOLEAN      NOT NULL,
    defined_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, project_id, id, version)
);

CREATE TABLE field_rm_1.field_client (
    tenant        VARCHAR(64)  NOT NULL,
    id            VARCHAR(64)  NOT NULL,
    project_id    VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    name_key      VARCHAR(200) NOT NULL,
    legal_name    VARCHAR(200),
    tin           VARCHAR(32),
    phone         VARCHAR(32),
    address       VARCHAR(500),
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    onec_code     VARCHAR(64),
    price_list_id VARCHAR(64),
    agent_ids     TEXT[]       NOT NULL,
    -- the agents before the last change: an agent's device learns that a client is no longer its own
    former_agent_ids TEXT[]    NOT NULL DEFAULT '{}',
    tags          TEXT[]       NOT NULL,
    archived      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    change_seq    BIGINT       NOT NULL,
    position      BIGINT       NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX field_client_by_name ON field_rm_1.field_client (tenant, project_id, archived, name_key, id);
CREATE INDEX field_client_changes ON field_rm_1.field_client (tenant, project_id, change_seq);
CREATE INDEX field_client_agents ON field_rm_1.field_client USING gin (agent_ids);
CREATE INDEX field_client_place ON field_rm_1.field_client USING gist (tenant, project_id, ll_to_earth(lat, lon))
    WHERE lat IS NOT NULL AND NOT archived;

CREATE TABLE field_rm_1.field_client_image (
    tenant      VARCHAR(64) NOT NULL,
    client_id   VARCHAR(64) NOT NULL,
    image_id    VARCHAR(64) NOT NULL,
    kind        VARCHAR(64),
    attached_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, client_id, image_id)
);

CREATE TABLE field_rm_1.field_visit (
    tenant            VARCHAR(64)  NOT NULL,
    id                VARCHAR(64)  NOT NULL,
    project_id        VARCHAR(64)  NOT NULL,
    client_id         VARCHAR(64)  NOT NULL,
    agent_id          VARCHAR(64)  NOT NULL,
    planned_for       DATE,
    planned_time      TIME,
    day               DATE         NOT NULL,
    type_id           VARCHAR(64),
    priority_id       VARCHAR(64),
    note              TEXT,
    route_id          VARCHAR(64),
    status            VARCHAR(16)  NOT NULL,
    unplanned         BOOLEAN      NOT NULL DEFAULT FALSE,
    checked_in_at     TIMESTAMPTZ,
    check_in          JSONB,
    checked_out_at    TIMESTAMPTZ,
    check_out         JSONB,
    duration_seconds  BIGINT,
    outcome_id        VARCHAR(64),
    cancel_reason_id  VARCHAR(64),
    cancel_reason     TEXT,
    flags             TEXT[]       NOT NULL DEFAULT '{}',
    checklist         JSONB,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    position          BIGINT       NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX field_visit_by_day ON field_rm_1.field_visit (tenant, project_id, day, planned_time, id);
CREATE INDEX field_visit_by_agent ON field_rm_1.field_visit (tenant, agent_id, day);
CREATE INDEX field_visit_by_client ON field_rm_1.field_visit (tenant, client_id, day);

CREATE TABLE field_rm_1.field_visit_answer (
    tenant      VARCHAR(64) NOT NULL,
    visit_id    VARCHAR(64) NOT NULL,
    step_id     VARCHAR(64) NOT NULL,
    version     INT         NOT NULL,
    kind        VARCHAR(8)  NOT NULL,
    value       TEXT,
    image_ids   TEXT[]      NOT NULL,
    answered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, visit_id, step_id)
);

CREATE TABLE field_rm_1.field_visit_image (
    tenant      VARCHAR(64) NOT NULL,
    visit_id    VARCHAR(64) NOT NULL,
    image_id    VARCHAR(64) NOT NULL,
    step_id     VARCHAR(64),
    attached_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, visit_id, image_id)
);

-- each visit's events, for GET /api/visits/{v}
CREATE TABLE field_rm_1.field_visit_history (
    tenant   VARCHAR(64) NOT NULL,
    visit_id VARCHAR(64) NOT NULL,
    position BIGINT      NOT NULL,
    type     VARCHAR(64) NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    by_user  VARCHAR(64),
    data     JSONB       NOT NULL,
    PRIMARY KEY (tenant, visit_id, position)
);

CREATE VIEW field_project AS SELECT * FROM field_rm_1.field_project;
CREATE VIEW field_agent AS SELECT * FROM field_rm_1.field_agent;
CREATE VIEW field_reference AS SELECT * FROM field_rm_1.field_reference;
CREATE VIEW field_visit_step AS SELECT * FROM field_rm_1.field_visit_step;
CREATE VIEW field_client AS SELECT * FROM field_rm_1.field_client;
CREATE VIEW field_client_image AS SELECT * FROM field_rm_1.field_client_image;
CREATE VIEW field_visit AS SELECT * FROM field_rm_1.field_visit;
CREATE VIEW field_visit_answer AS SELECT * FROM field_rm_1.field_visit_answer;
CREATE VIEW field_visit_image AS SELECT * FROM field_rm_1.field_visit_image;
CREATE VIEW field_visit_history AS SELECT * FROM field_rm_1.field_visit_history;

INSERT INTO projection_generation (projection, generation) VALUES ('field', 1);
