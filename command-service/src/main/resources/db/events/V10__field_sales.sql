-- Field sales (field-sales.md), written in the transactions of the commands they serve.
-- A visit is addressed by its id alone (POST /api/visits/{v}/...), unique in the tenant; its commands go to the
-- aggregate of the agent it belongs to.
CREATE TABLE visit_owners (
    tenant     VARCHAR(64) NOT NULL,
    visit_id   VARCHAR(64) NOT NULL,
    agent_id   VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant, visit_id)
);

-- A client's 1C code is unique in its project (409 ALREADY_EXISTS naming the client that has it).
CREATE TABLE client_onec_codes (
    tenant     VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    onec_code  VARCHAR(64) NOT NULL,
    client_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant, project_id, onec_code)
);
CREATE INDEX client_onec_codes_client ON client_onec_codes (tenant, client_id);
