-- Portable SQL (H2 2.x and PostgreSQL).

-- Follow-up email to a visitor who left: an operator message sets the due time (now plus
-- PARLEY_VISITOR_EMAIL_DELAY_SECONDS) unless one is set; a periodic job on any node claims due
-- conversations (FOR UPDATE SKIP LOCKED) and emails what is still unread then, at most once per
-- conversation per 10 minutes.
ALTER TABLE conversations ADD COLUMN visitor_email_due_at_ms BIGINT;
-- when the last follow-up was queued, and the newest message seq it covered
ALTER TABLE conversations ADD COLUMN visitor_emailed_at_ms BIGINT;
ALTER TABLE conversations ADD COLUMN visitor_emailed_seq BIGINT;
CREATE INDEX conversations_visitor_email_due ON conversations (visitor_email_due_at_ms);
