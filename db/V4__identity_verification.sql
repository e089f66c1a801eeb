-- Identity verification (optional per channel): a website that knows its user passes user_id and
-- user_hash = HMAC-SHA256(user_id, identity_secret); a verified user gets one conversation per channel.
ALTER TABLE channels ADD COLUMN identity_secret VARCHAR(64);
ALTER TABLE channels ADD COLUMN identity_required BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE verified_contacts (
    channel_id      UUID         NOT NULL REFERENCES channels (id),
    user_id         VARCHAR(255) NOT NULL,
    conversation_id UUID         NOT NULL,
    contact_id      UUID         NOT NULL,
    created_at_ms   BIGINT       NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
