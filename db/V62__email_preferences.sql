-- Portable SQL (H2 2.x and PostgreSQL).

-- A contact who unsubscribed gets no email of any kind from then on (null: subscribed).
ALTER TABLE contacts ADD COLUMN email_unsubscribed_at_ms BIGINT;
