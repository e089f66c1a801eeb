package io.parley.channel;

import java.util.List;

/** Request bodies of the channel endpoints. */
public final class ChannelRequests {
    private ChannelRequests() {}

    public record Connect(String source, String sourceChannelId, String name, String imageUrl, String token) {}

    public record ById(String channelId) {}

    public record Update(
            String channelId, String name, String imageUrl, List<String> allowedOrigins, Boolean identityRequired) {}
}
