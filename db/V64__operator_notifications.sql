-- Portable SQL (H2 2.x and PostgreSQL).

-- Operator notification: a visitor message sets the due time (now plus 60 s) unless one is set; a
-- periodic job on any node claims due conversations (FOR UPDATE SKIP LOCKED) and emails the offline
-- operators if the message is still unread by operators then, at most once per conversation per 10 minutes.
ALTER TABLE conversations ADD COLUMN operator_email_due_at_ms BIGINT;
ALTER TABLE conversations ADD COLUMN operator_emailed_at_ms BIGINT;
CREATE INDEX conversations_operator_email_due ON conversations (operator_email_due_at_ms);
