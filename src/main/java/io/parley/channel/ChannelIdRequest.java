package io.parley.channel;

/** The body of {@code /channels.info} and {@code /channels.disconnect}. */
public record ChannelIdRequest(String channelId) {}
