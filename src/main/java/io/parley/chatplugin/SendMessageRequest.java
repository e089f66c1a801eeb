package io.parley.chatplugin;

import io.parley.conversation.OutgoingMessage;

/** The body of {@code /chatplugin.send}: the conversation is the visitor token's. */
public record SendMessageRequest(OutgoingMessage message, String clientMessageId) {}
