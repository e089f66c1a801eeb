-- Portable SQL (H2 2.x and PostgreSQL).

-- Contacts erased by /contacts.delete or retention, kept as the SHA-256 (hex) of the contact id, so
-- the table holds nothing that names the contact: every node refuses the contact's visitor tokens
-- (401) by looking here, and its resume token starts a fresh, empty conversation.
CREATE TABLE erased_contacts (
    contact_hash  VARCHAR(64) PRIMARY KEY,
    erased_at_ms  BIGINT      NOT NULL
);
