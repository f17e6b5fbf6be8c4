-- The link to 1C:Enterprise (docs/onec.md): the command side's own tables.

-- The linked projects, for the schedulers of every instance: when each is due, and the run in progress (written in
-- the transaction of the OnecLink events that start and finish it, so a run whose instance died is found again).
CREATE TABLE onec_links (
    tenant               VARCHAR(64)   NOT NULL,
    project_id           VARCHAR(64)   NOT NULL,
    wsdl_url             VARCHAR(2000) NOT NULL,
    alternative_wsdl_url VARCHAR(2000),
    username             VARCHAR(200)  NOT NULL,
    timeout_seconds      INT           NOT NULL,
    sync_every_minutes   INT           NOT NULL,
    authenticate_agents  BOOLEAN       NOT NULL,
    exchange_login       VARCHAR(200),
    running_run_id       VARCHAR(64),
    next_sync_at         TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (tenant, project_id)
);

-- The links' passwords, AES-GCM encrypted under hisob.onec.secret-key (never in an event).
CREATE TABLE onec_secrets (
    tenant            VARCHAR(64) NOT NULL,
    project_id        VARCHAR(64) NOT NULL,
    password          TEXT,
    exchange_password TEXT,
    PRIMARY KEY (tenant, project_id)
);

-- What each item last received from 1C was (a hash of its content) and the version of the aggregate it made: an
-- item that comes again unchanged, to an aggregate nobody changed since, is skipped without loading it.
CREATE TABLE onec_item_hashes (
    tenant     VARCHAR(64)  NOT NULL,
    project_id VARCHAR(64)  NOT NULL,
    entity     VARCHAR(16)  NOT NULL,
    code       VARCHAR(600) NOT NULL, -- a price's or stock line's is two 1C ids (GUIDs in CommerceML) joined
    hisob_id   VARCHAR(255) NOT NULL,
    hash       VARCHAR(64)  NOT NULL,
    version    BIGINT       NOT NULL,
    PRIMARY KEY (tenant, project_id, entity, code)
);

-- The agents' 1C codes, unique in a project (the clients 1C sends name their agents by them). Written in the
-- transaction of the agent's enrolment or change; those enrolled before this table are read from their events here.
CREATE TABLE agent_onec_codes (
    tenant     VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    onec_code  VARCHAR(64) NOT NULL,
    agent_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant, project_id, onec_code)
);
INSERT INTO agent_onec_codes (tenant, project_id, onec_code, agent_id)
SELECT split_part(l.aggregate_identifier, ':', 1), l.payload_json ->> 'projectId', l.payload_json ->> 'onecCode', l.payload_json ->> 'agentId'
FROM (SELECT DISTINCT ON (e.aggregate_identifier) e.aggregate_identifier, convert_from(e.payload, 'UTF8')::jsonb AS payload_json
      FROM domain_event_entry e
      WHERE e.payload_type IN ('uz.hisob.events.field.AgentEnrolled', 'uz.hisob.events.field.AgentChanged')
      ORDER BY e.aggregate_identifier, e.sequence_number DESC) l
WHERE l.payload_json ->> 'onecCode' IS NOT NULL
ON CONFLICT DO NOTHING;

-- ShedLock's table: one scheduled run per project across every command-service instance.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMPTZ  NOT NULL,
    locked_at  TIMESTAMPTZ  NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
