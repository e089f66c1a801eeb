package io.parley.email;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The visitor emails, in plain text and HTML. Message text is escaped in the HTML part; links carry
 * single-purpose tokens: one opens the conversation on Parley's page, one unsubscribes.
 */
final class EmailTemplates {
    private EmailTemplates() {}

    /** Where a visitor email's links lead. */
    record Links(String continueUrl, String unsubscribeUrl) {}

    static OutgoingEmail followUp(
            String to,
            String channelName,
            List<FollowUpDao.Line> unread,
            Links links,
            UUID conversationId,
            UUID contactId) {
        String intro = unread.size() == 1
                ? "You have a new message from " + channelName + ":"
                : "You have " + unread.size() + " new messages from " + channelName + ":";
        return email(
                "visitor_follow_up",
                to,
                "New reply from " + channelName,
                intro,
                channelName,
                unread,
                "Reply here",
                links,
                conversationId,
                contactId);
    }

    static OutgoingEmail transcript(
            String to,
            String channelName,
            List<FollowUpDao.Line> lines,
            Links links,
            UUID conversationId,
            UUID contactId) {
        return email(
                "transcript",
                to,
                "Your conversation with " + channelName,
                "Here is your conversation with " + channelName + ":",
                channelName,
                lines,
                "Continue the conversation",
                links,
                conversationId,
                contactId);
    }

    private static OutgoingEmail email(
            String kind,
            String to,
            String subject,
            String intro,
            String channelName,
            List<FollowUpDao.Line> lines,
            String action,
            Links links,
            UUID conversationId,
            UUID contactId) {
        String footer = "You get this email because you left your address in the chat of " + channelName + ".";
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">")
                .append("<p>")
                .append(Html.escape(intro))
                .append("</p>");
        for (FollowUpDao.Line line : lines) {
            String who = line.fromContact() ? "You" : channelName;
            text.append(who).append(": ").append(line.content()).append("\n\n");
            html.append("<p><strong>")
                    .append(Html.escape(who))
                    .append(":</strong><br>")
                    .append(Html.escape(line.content()).replace("\n", "<br>"))
                    .append("</p>");
        }
        text.append(action).append(": ").append(links.continueUrl()).append("\n\n");
        text.append("-- \n")
                .append(footer)
                .append("\nUnsubscribe: ")
                .append(links.unsubscribeUrl())
                .append('\n');
        html.append("<p><a href=\"")
                .append(Html.escape(links.continueUrl()))
                .append("\">")
                .append(Html.escape(action))
                .append("</a></p><hr><p style=\"color:#666;font-size:12px\">")
                .append(Html.escape(footer))
                .append(" <a href=\"")
                .append(Html.escape(links.unsubscribeUrl()))
                .append("\">Unsubscribe</a></p></body></html>");
        Map<String, String> headers = Map.of(
                "List-Unsubscribe",
                "<" + links.unsubscribeUrl() + ">",
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click");
        return new OutgoingEmail(
                kind, to, subject, text.toString(), html.toString(), headers, conversationId, contactId);
    }
}
