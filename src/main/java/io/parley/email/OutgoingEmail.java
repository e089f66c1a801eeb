package io.parley.email;

import java.util.Map;
import java.util.UUID;

/**
 * One email, fully rendered before it is queued: what is sent later is what was decided in the
 * transaction of its cause. {@code conversationId} and {@code contactId} (either may be null) tie it
 * to what erasing a visitor deletes.
 */
public record OutgoingEmail(
        String kind,
        String recipient,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        UUID conversationId,
        UUID contactId) {}
