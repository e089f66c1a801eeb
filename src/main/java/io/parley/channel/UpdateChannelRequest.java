package io.parley.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The body of {@code /channels.update}: fields left out (null) are kept as they are. */
public record UpdateChannelRequest(
        String channelId,
        String name,
        String imageUrl,
        List<String> allowedOrigins,
        Boolean identityRequired,
        JsonNode widget,
        Boolean autoAssign,
        String contentFormat) {}
