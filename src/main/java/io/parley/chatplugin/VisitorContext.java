package io.parley.chatplugin;

import io.parley.conversation.ConversationContext;
import io.parley.errors.BadRequest;

/** Checks the visitor's context; the user agent comes from the request header, cut rather than refused. */
final class VisitorContext {
    static final int MAX = 2_048;

    private VisitorContext() {}

    static ConversationContext of(ContextRequest request, String userAgent) {
        ContextRequest c = request == null ? new ContextRequest(null, null, null, null) : request;
        return new ConversationContext(
                field("context.page_url", c.pageUrl()),
                field("context.referrer", c.referrer()),
                userAgent == null ? null : clean(userAgent.length() > MAX ? userAgent.substring(0, MAX) : userAgent),
                field("context.locale", c.locale()),
                field("context.time_zone", c.timeZone()));
    }

    private static String field(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX) {
            throw new BadRequest("field '" + name + "' must be at most " + MAX + " characters");
        }
        if (!clean(value).equals(value)) {
            throw new BadRequest("field '" + name + "' must be text without control characters");
        }
        return value;
    }

    private static String clean(String value) {
        return value.replaceAll("[\\p{Cntrl}]", "");
    }
}
