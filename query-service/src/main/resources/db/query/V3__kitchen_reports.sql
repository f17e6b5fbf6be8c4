-- Every computed version of a monthly misuse report, as answered (bodies are kept byte for byte).
CREATE TABLE kitchen_report (
    tenant      VARCHAR(64) NOT NULL,
    kitchen_id  VARCHAR(64) NOT NULL,
    month       CHAR(7)     NOT NULL,
    version     INTEGER     NOT NULL,
    as_known_at TIMESTAMPTZ NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, kitchen_id, month, version)
);
