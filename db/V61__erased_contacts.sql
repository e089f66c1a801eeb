-- Portable SQL (H2 2.x and PostgreSQL).

-- Contacts erased by /contacts.delete or retention. Only the random id is kept (no personal data):
-- every node refuses the contact's visitor tokens (401) by looking here, and its resume token
-- starts a fresh, empty conversation.
CREATE TABLE erased_contacts (
    contact_id    UUID   PRIMARY KEY,
    erased_at_ms  BIGINT NOT NULL
);
