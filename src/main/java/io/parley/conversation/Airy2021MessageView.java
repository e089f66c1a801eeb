package io.parley.conversation;

import java.util.UUID;

/**
 * {@code content_format: "airy-2021"}: Airy's widget builds of early 2021 run
 * {@code JSON.parse(message.content)}, and put a message on the visitor's side when
 * {@code sender_type} is {@code source_contact}.
 */
public record Airy2021MessageView(
        UUID id,
        String content,
        String state,
        String alignment,
        String sentAt,
        UUID conversationId,
        boolean fromContact,
        Sender sender,
        String senderType,
        String deliveryState,
        String clientMessageId) {

    public static final String SOURCE_CONTACT = "source_contact";
    public static final String SOURCE_USER = "source_user";
}
