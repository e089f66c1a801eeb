package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the visitor was when it last authenticated (null fields: not told). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConversationContext(String pageUrl, String referrer, String userAgent, String locale, String timeZone) {}
