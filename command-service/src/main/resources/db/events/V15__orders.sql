-- Orders and payments (docs/commerce.md, "Orders and payments"): the command side's own tables.

-- The tenant's order numbers, counted up in the transaction of the order that takes one: no gaps.
CREATE TABLE order_numbers (
    tenant      VARCHAR(64) NOT NULL PRIMARY KEY,
    last_number BIGINT      NOT NULL
);

-- The tenant's locations and their kinds, for the allocation of an order to warehouses. Written in the transaction
-- of the location's opening; the locations opened before this table are read from their events once, here.
CREATE TABLE stock_locations (
    tenant      VARCHAR(64) NOT NULL,
    location_id VARCHAR(64) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    PRIMARY KEY (tenant, location_id)
);
INSERT INTO stock_locations (tenant, location_id, kind)
SELECT e.payload_json ->> 'tenant', e.payload_json ->> 'locationId', e.payload_json ->> 'kind'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS payload_json
      FROM domain_event_entry WHERE payload_type = 'uz.hisob.events.inventory.LocationOpened') e
ON CONFLICT DO NOTHING;

-- Each payment provider's webhook event is applied once: its id is noted in the transaction that applies it.
CREATE TABLE payment_webhook_inbox (
    provider    VARCHAR(16)  NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    tenant      VARCHAR(64)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- Axon's saga store (the order process), in snake_case (the names are given to Axon by SalesConfig).
CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL PRIMARY KEY,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga BYTEA
);
CREATE TABLE association_value_entry (
    id                BIGSERIAL    NOT NULL PRIMARY KEY,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL,
    saga_type         VARCHAR(255)
);
CREATE INDEX association_value_entry_lookup ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX association_value_entry_saga ON association_value_entry (saga_id, saga_type);

-- db-scheduler's table: Axon's deadlines (an order's reservation expiry, the order process's retries), kept across
-- restarts and run once across nodes.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
