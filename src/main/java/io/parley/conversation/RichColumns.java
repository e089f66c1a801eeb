package io.parley.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.json.Json;
import java.util.List;

/** The JSON columns of a message (attachment, quick replies): written and read only here. */
final class RichColumns {
    private static final TypeReference<List<QuickReply>> REPLIES = new TypeReference<>() {};

    private RichColumns() {}

    static String attachment(Attachment attachment) {
        return attachment == null ? null : Json.write(attachment);
    }

    static Attachment attachment(String column) {
        return column == null ? null : read(column, Attachment.class);
    }

    static String quickReplies(List<QuickReply> replies) {
        return replies == null || replies.isEmpty() ? null : Json.write(replies);
    }

    static List<QuickReply> quickReplies(String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(column, REPLIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored quick_replies are not valid JSON", e);
        }
    }

    static String postback(Postback postback) {
        return postback == null ? null : postback.payload();
    }

    static Postback postback(String column) {
        return column == null ? null : new Postback(column);
    }

    private static <T> T read(String column, Class<T> type) {
        try {
            return Json.MAPPER.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }
}
