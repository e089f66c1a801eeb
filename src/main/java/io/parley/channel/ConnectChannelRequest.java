package io.parley.channel;

/** The body of {@code /channels.connect}. */
public record ConnectChannelRequest(
        String source,
        String sourceChannelId,
        String name,
        String imageUrl,
        String token,
        Boolean autoAssign,
        String contentFormat) {}
