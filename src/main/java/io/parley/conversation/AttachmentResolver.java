package io.parley.conversation;

import io.parley.errors.BadRequest;
import java.util.UUID;

/**
 * Turns the URL a sender gives into a stored upload it may send in this conversation, or refuses
 * with a {@link BadRequest}. The media feature implements it (who uploaded what, and where it may
 * be sent); without it no URL is an upload of this server, so every attachment is refused.
 */
@FunctionalInterface
public interface AttachmentResolver {
    Attachment resolve(String url, SenderRef who, UUID conversationId);

    static AttachmentResolver refuseAll() {
        return (url, who, conversationId) -> {
            throw new BadRequest("field 'message.attachment.payload.url' is not a file uploaded to this server");
        };
    }
}
