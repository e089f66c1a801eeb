package io.parley.conversation;

import java.util.Map;
import java.util.UUID;

/**
 * {@code content_format: "airy"}: {@code content} is the object Airy's servers sent, which
 * Airy's widget builds of Nov 2020 and 2022+ render ({@code content.text},
 * {@code content.attachment}, {@code content.quick_replies}, {@code content.postbackData}).
 */
public record AiryMessageView(
        UUID id,
        Map<String, Object> content,
        String state,
        String alignment,
        String sentAt,
        UUID conversationId,
        boolean fromContact,
        Sender sender,
        String clientMessageId) {}
