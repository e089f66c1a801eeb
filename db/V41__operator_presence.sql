-- Open /ws.communication sockets of each person, per node: a person is online while some node
-- counts a socket for it and has refreshed its rows recently (a node that dies stops refreshing).
CREATE TABLE operator_presence (
    node_id     VARCHAR(64) NOT NULL,
    operator_id UUID        NOT NULL REFERENCES operators (id),
    sockets     INTEGER     NOT NULL,
    seen_at_ms  BIGINT      NOT NULL,
    PRIMARY KEY (node_id, operator_id)
);
CREATE INDEX operator_presence_by_operator ON operator_presence (operator_id);
