-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- /conversations.list reports how many conversations have unread messages on every call; with this
-- index that is a range read of the unread ones instead of a scan of every conversation.
CREATE INDEX conversations_by_unread ON conversations (unread_message_count);
