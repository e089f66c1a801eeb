-- Portable SQL (H2 2.x and PostgreSQL).

-- Whether an operator gets emails about visitors waiting while it is offline
-- (/operators.update {"email_notifications": false} turns them off).
ALTER TABLE operators ADD COLUMN email_notifications BOOLEAN DEFAULT TRUE NOT NULL;
