-- Uploaded files: the bytes live on disk under PARLEY_MEDIA_DIR (named by id), never in a row.
-- owner_kind: 'visitor' (owner_conversation_id/owner_contact_id), 'operator' (owner_operator_id,
-- null for the API token) or 'anonymous' (Airy's token-less widget upload: served only once sent).
CREATE TABLE media (
    id                    VARCHAR(64)  PRIMARY KEY,
    owner_kind            VARCHAR(16)  NOT NULL,
    owner_conversation_id UUID,
    owner_contact_id      UUID,
    owner_operator_id     VARCHAR(64),
    name                  VARCHAR(255) NOT NULL,
    size_bytes            BIGINT       NOT NULL,
    content_type          VARCHAR(64)  NOT NULL,
    -- the media_url given to the uploader: a send must quote it (or its /media/<id> path) exactly
    url                   VARCHAR(2048) NOT NULL,
    created_at_ms         BIGINT       NOT NULL,
    -- the conversation it was first sent in; null until then (and deleted after 24 hours if never)
    sent_conversation_id  UUID,
    sent_at_ms            BIGINT
);
CREATE INDEX media_unsent_by_age ON media (created_at_ms);
