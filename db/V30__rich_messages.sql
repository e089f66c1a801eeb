-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- Issue 12: the shape of visitor-facing messages per channel, who sent a message, rich content
-- and idempotent sends.

-- text (part 1's string content), airy or airy-2021 (Airy's own widget builds)
ALTER TABLE channels ADD COLUMN content_format VARCHAR(16) DEFAULT 'text' NOT NULL;

-- contact, operator, bot or system; every message before this migration came from a contact or
-- from the API token, which sends as the operator
ALTER TABLE messages ADD COLUMN sender_type VARCHAR(16) DEFAULT 'operator' NOT NULL;
UPDATE messages SET sender_type = 'contact' WHERE from_contact = TRUE;

-- JSON {"type","payload":{"url","name","size","content_type"}}; the file itself lives on disk
ALTER TABLE messages ADD COLUMN attachment VARCHAR(4000);
-- JSON [{"title","payload"}], at most 10 of at most 40 + 1,000 characters (escaped: room for twice that)
ALTER TABLE messages ADD COLUMN quick_replies VARCHAR(32000);
-- the payload of the quick reply a visitor chose
ALTER TABLE messages ADD COLUMN postback VARCHAR(1000);

-- The sender's own id for a send: the same id again in the same conversation is the same message.
-- Several NULLs never collide, on either database. A key older than 24 hours is cleared by the
-- send that reuses it (conversation/MessageWriter), so the constraint only ever holds recent ids.
ALTER TABLE messages ADD COLUMN client_message_id VARCHAR(64);
CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, client_message_id);
