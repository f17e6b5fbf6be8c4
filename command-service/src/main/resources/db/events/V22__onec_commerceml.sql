-- The CommerceML 2 site exchange (onec.md): a 1C base's exchange sessions (checkauth answers the cookie) and the
-- files it uploads in chunks (file), kept until the next init of the session or a day after it.
CREATE TABLE onec_exchange_sessions (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant     VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE onec_exchange_files (
    session_id VARCHAR(64)  NOT NULL REFERENCES onec_exchange_sessions (id) ON DELETE CASCADE,
    filename   VARCHAR(255) NOT NULL,
    seq        BIGSERIAL    NOT NULL,
    data       BYTEA        NOT NULL,
    PRIMARY KEY (session_id, filename, seq)
);
-- how many items of a file an import applied so far (an import that answered "progress" continues after them)
CREATE TABLE onec_exchange_imports (
    session_id VARCHAR(64)  NOT NULL REFERENCES onec_exchange_sessions (id) ON DELETE CASCADE,
    filename   VARCHAR(255) NOT NULL,
    applied    BIGINT       NOT NULL,
    done       BOOLEAN      NOT NULL,
    PRIMARY KEY (session_id, filename)
);
-- type=sale: the orders a session's query handed 1C, and those 1C acknowledged (success): not handed again
CREATE TABLE onec_exchange_sale_sent (
    session_id VARCHAR(64) NOT NULL REFERENCES onec_exchange_sessions (id) ON DELETE CASCADE,
    order_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (session_id, order_id)
);
CREATE TABLE onec_exchange_sale_acks (
    tenant     VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    order_id   VARCHAR(64) NOT NULL,
    acked_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, order_id)
);
