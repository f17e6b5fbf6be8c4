-- The keys 1C calls POST /api/onec/{p}/notify with (onec.md), by their SHA-256; a revoked key's row is deleted.
CREATE TABLE onec_api_keys (
    key_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant     VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    UNIQUE (tenant, project_id, key_id)
);
