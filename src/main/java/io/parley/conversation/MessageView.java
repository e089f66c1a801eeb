package io.parley.conversation;

import java.util.List;
import java.util.UUID;

/**
 * A message in the operator API, and in the visitor API of a channel whose {@code content_format}
 * is {@code text}: {@code content} is the text. {@code alignment} is from the reader's side: the
 * visitor sees its own messages RIGHT, operators see contact messages LEFT. Absent parts are
 * left out of the JSON.
 */
public record MessageView(
        UUID id,
        String content,
        String state,
        String alignment,
        String sentAt,
        UUID conversationId,
        boolean fromContact,
        Sender sender,
        Attachment attachment,
        List<QuickReply> quickReplies,
        Postback postback,
        String clientMessageId) {}
