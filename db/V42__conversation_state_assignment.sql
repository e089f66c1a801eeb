-- Team inbox: a conversation's state (OPEN, SNOOZED until a time, CLOSED) and its assignee.
ALTER TABLE conversations ADD COLUMN state VARCHAR(16) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE conversations ADD COLUMN snoozed_until_ms BIGINT;
ALTER TABLE conversations ADD COLUMN assignee_id UUID;
ALTER TABLE conversations ADD CONSTRAINT conversations_assignee FOREIGN KEY (assignee_id) REFERENCES operators (id);
CREATE INDEX conversations_by_assignee ON conversations (assignee_id, state);
CREATE INDEX conversations_by_snooze ON conversations (state, snoozed_until_ms);

-- Automatic assignment per channel; ties between equally loaded people go to whoever waited longest.
ALTER TABLE channels ADD COLUMN auto_assign BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE operators ADD COLUMN last_assigned_at_ms BIGINT DEFAULT 0 NOT NULL;

-- Saved replies the inbox offers when a reply starts with "/".
CREATE TABLE canned_responses (
    id            UUID           PRIMARY KEY,
    short_code    VARCHAR(32)    NOT NULL UNIQUE,
    text          VARCHAR(10000) NOT NULL,
    created_at_ms BIGINT         NOT NULL
);
