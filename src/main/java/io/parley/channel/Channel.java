package io.parley.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/** One website installation of the chat plugin, as the contract shows it. */
public record Channel(
        UUID id,
        String name,
        String sourceChannelId,
        String imageUrl,
        List<String> allowedOrigins,
        boolean connected,
        @JsonIgnore long createdAtMs) {

    public static final String SOURCE = "chat_plugin";

    @JsonProperty("source")
    public String source() {
        return SOURCE;
    }
}
