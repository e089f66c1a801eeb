-- Operators: people (admin, agent) who sign in with a password, and bots with an API token.
-- Never deleted: their names stay on old messages. Email is stored lower-cased; a bot may have none.
CREATE TABLE operators (
    id             UUID          PRIMARY KEY,
    email          VARCHAR(320)  UNIQUE,
    name           VARCHAR(200)  NOT NULL,
    role           VARCHAR(16)   NOT NULL,
    avatar_url     VARCHAR(2048),
    -- Argon2id hash in its self-describing encoding; null for bots
    password_hash  VARCHAR(255),
    -- SHA-256 (hex) of a bot's API token: the token itself is shown once and never stored
    api_token_hash VARCHAR(64)   UNIQUE,
    disabled       BOOLEAN       NOT NULL DEFAULT FALSE,
    availability   VARCHAR(16)   NOT NULL DEFAULT 'online',
    created_at_ms  BIGINT        NOT NULL
);

-- Sign-in sessions: only the SHA-256 (hex) of the token is kept.
CREATE TABLE operator_sessions (
    token_hash    VARCHAR(64) PRIMARY KEY,
    operator_id   UUID        NOT NULL REFERENCES operators (id),
    created_at_ms BIGINT      NOT NULL,
    expires_at_ms BIGINT      NOT NULL
);
CREATE INDEX operator_sessions_by_operator ON operator_sessions (operator_id);
CREATE INDEX operator_sessions_by_expiry ON operator_sessions (expires_at_ms);

-- Failed sign-ins, counted in the database so the limit holds whichever node a guess reaches.
-- Keyed by the SHA-256 (hex) of the lower-cased email: no address is stored for an unknown account.
CREATE TABLE login_failures (
    email_hash   VARCHAR(64) NOT NULL,
    failed_at_ms BIGINT      NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email_hash, failed_at_ms);
