-- Up to which position a processor is replaying history after a reset: events at or below it were seen live
-- already, so handlers with effects beyond their read model (the live stream's feed) skip them.
CREATE TABLE projection_replay (
    processor      VARCHAR(255) PRIMARY KEY,
    until_position BIGINT       NOT NULL
);
