package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A message as a sender writes it, visitor or operator: {@code text}, {@code attachment},
 * {@code quick_replies} (operators and bots), {@code postback} (visitors), and Airy's widget's
 * {@code postbackData}, which is read as a postback.
 */
public record OutgoingMessage(
        String text,
        Attachment attachment,
        List<QuickReply> quickReplies,
        Postback postback,
        @JsonProperty("postbackData") String postbackData) {}
