package io.parley.conversation;

import io.parley.errors.BadRequest;
import io.parley.web.Require;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message checked field by field before anything is stored; every refusal names its field.
 * {@code attachmentUrl} is still to be resolved against the uploads (in {@link MessageService}).
 */
public record Draft(
        String text, String attachmentUrl, List<QuickReply> quickReplies, Postback postback, String clientMessageId) {

    public static final int MAX_QUICK_REPLIES = 10;
    public static final int MAX_TITLE_LENGTH = 40;
    public static final int MAX_PAYLOAD_LENGTH = 1_000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A visitor's message: quick replies are the team's to offer. */
    public static Draft fromVisitor(OutgoingMessage message, String clientMessageId) {
        Require.present("message", message);
        if (message.quickReplies() != null) {
            throw new BadRequest("field 'message.quick_replies' is for operators and bots: visitors cannot send it");
        }
        Postback postback = message.postback() != null
                ? message.postback()
                : message.postbackData() != null ? new Postback(message.postbackData()) : null;
        if (postback != null) {
            payload("message.postback.payload", postback.payload());
        }
        return of(message, List.of(), postback, clientMessageId);
    }

    /** An operator's or bot's message: a postback is what a visitor's click sends. */
    public static Draft fromTeam(OutgoingMessage message, String clientMessageId) {
        Require.present("message", message);
        if (message.postback() != null || message.postbackData() != null) {
            throw new BadRequest("field 'message.postback' is sent by visitors' quick-reply clicks only");
        }
        return of(message, quickReplies(message.quickReplies()), null, clientMessageId);
    }

    private static Draft of(OutgoingMessage message, List<QuickReply> replies, Postback postback, String clientId) {
        String url = attachmentUrl(message.attachment());
        String text = message.text() == null && url != null
                ? ""
                : Require.text("message.text", message.text(), MessageService.MAX_TEXT_LENGTH);
        return new Draft(text, url, replies, postback, clientMessageId(clientId));
    }

    private static String attachmentUrl(Attachment attachment) {
        if (attachment == null) {
            return null;
        }
        if (attachment.payload() == null || attachment.payload().url() == null) {
            throw new BadRequest("field 'message.attachment.payload.url' is required");
        }
        return Require.text(
                "message.attachment.payload.url", attachment.payload().url(), 2048);
    }

    private static List<QuickReply> quickReplies(List<QuickReply> replies) {
        if (replies == null) {
            return List.of();
        }
        if (replies.size() > MAX_QUICK_REPLIES) {
            throw new BadRequest("field 'message.quick_replies' may hold at most " + MAX_QUICK_REPLIES + " replies");
        }
        for (int i = 0; i < replies.size(); i++) {
            QuickReply reply = Require.present("message.quick_replies[" + i + "]", replies.get(i));
            Require.text("message.quick_replies[" + i + "].title", reply.title(), MAX_TITLE_LENGTH);
            payload("message.quick_replies[" + i + "].payload", reply.payload());
        }
        return List.copyOf(replies);
    }

    /** A payload is the bot's own token: clean text of 1 to 1,000 characters. */
    private static void payload(String field, String value) {
        Require.text(field, value, MAX_PAYLOAD_LENGTH);
    }

    private static String clientMessageId(String id) {
        if (id != null && !CLIENT_ID.matcher(id).matches()) {
            throw new BadRequest("field 'client_message_id' must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        return id;
    }
}
