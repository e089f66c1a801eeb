package io.parley.channel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the widget looks and behaves on one channel. Null texts mean "the widget's own, in the
 * visitor's language"; {@link #DEFAULT} is what a channel has until it is changed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Widget(
        String title,
        String color,
        String position,
        String welcomeMessage,
        String awayMessage,
        String locale,
        PreChat preChat,
        BusinessHours businessHours,
        boolean readReceipts,
        boolean hideWhenOffline) {

    public static final Widget DEFAULT =
            new Widget(null, "#2563eb", "right", null, null, "auto", new PreChat("off", "off"), null, true, false);

    /** Whether the widget asks for the visitor's name and email before the first message. */
    public record PreChat(String name, String email) {}
}
