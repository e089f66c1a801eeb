-- Cross-node events too large for a PostgreSQL NOTIFY payload (8,000 bytes): the sending node stores
-- the event here and notifies its id; receivers read it back. Rows are pruned after a few minutes.
-- Unused on H2, where there is only one node.
CREATE TABLE fanout_events (
    id            UUID            PRIMARY KEY,
    body          VARCHAR(1000000) NOT NULL,
    created_at_ms BIGINT          NOT NULL
);
CREATE INDEX fanout_events_by_age ON fanout_events (created_at_ms);
