-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 14+. Times are epoch milliseconds, as in V1.

-- Read state: when each side last read the conversation (null: never).
ALTER TABLE conversations ADD COLUMN contact_last_read_at_ms BIGINT;
ALTER TABLE conversations ADD COLUMN operator_last_read_at_ms BIGINT;

-- Widget settings of a channel as one JSON object (null: every default); validated before it is written.
ALTER TABLE channels ADD COLUMN widget VARCHAR(100000);

-- What a visitor told about itself (or an operator filled in). A row exists only once something was set;
-- contact ids without a row are contacts with no details.
CREATE TABLE contacts (
    id            UUID         PRIMARY KEY,
    display_name  VARCHAR(255),
    email         VARCHAR(320),
    -- a JSON object of at most 50 string, number or boolean values
    attributes    VARCHAR(200000) NOT NULL,
    created_at_ms BIGINT       NOT NULL,
    updated_at_ms BIGINT       NOT NULL
);

-- Where the visitor was when it last authenticated: keyed by conversation id, written before the
-- conversation row exists (that row appears with the first message), so no foreign key.
CREATE TABLE conversation_contexts (
    conversation_id UUID PRIMARY KEY,
    page_url        VARCHAR(2048),
    referrer        VARCHAR(2048),
    user_agent      VARCHAR(2048),
    locale          VARCHAR(2048),
    time_zone       VARCHAR(2048),
    updated_at_ms   BIGINT NOT NULL
);
