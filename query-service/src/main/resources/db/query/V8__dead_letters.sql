-- Dead letters (audit.md): an event a projection's handler cannot apply is parked here with the later events of the
-- same aggregate (their order kept), while every other aggregate's events go on. Axon's JdbcSequencedDeadLetterQueue
-- writes these rows in the processor's transaction; the names are ours (DeadLetterSchema in ProcessingConfig), the
-- column types are what Axon binds: instants as ISO strings (its claim query compares them as strings), serialized
-- data as bytes.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) PRIMARY KEY,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    sequence_index       BIGINT       NOT NULL,
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        TEXT,
    diagnostics          BYTEA,
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group, sequence_identifier);

-- Letters an operator evicted: gone from the queue (the projection will never apply them), kept here so the list
-- still shows what was given up, by whom and when.
CREATE TABLE dead_letter_evicted (
    dead_letter_id   VARCHAR(255) PRIMARY KEY,
    processing_group VARCHAR(255) NOT NULL,
    aggregate_id     VARCHAR(255),
    position         BIGINT,
    event_type       VARCHAR(255) NOT NULL,
    error            TEXT,
    first_failed_at  TIMESTAMPTZ  NOT NULL,
    attempts         INTEGER      NOT NULL,
    evicted_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    evicted_by       VARCHAR(255) NOT NULL
);
