-- An agent's GPS point is stored once per instant (field-sales.md: uploading a batch twice changes nothing): each
-- accepted point's key, claimed in the transaction of its batch. Points older than the oldest a batch may carry
-- (7 days) are forgotten by TrackPointKeys.
CREATE TABLE track_point_keys (
    tenant   VARCHAR(64) NOT NULL,
    agent_id VARCHAR(64) NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant, agent_id, at)
);
