package io.parley.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * One website installation of the chat plugin, as the contract shows it, plus the identity
 * verification settings (operators only ever see channels; visitors never do).
 */
public record Channel(
        UUID id,
        String name,
        String sourceChannelId,
        String imageUrl,
        List<String> allowedOrigins,
        boolean connected,
        String identitySecret,
        boolean identityRequired,
        Widget widget,
        ContentFormat contentFormat,
        @JsonIgnore long createdAtMs,
        boolean autoAssign) {

    public static final String SOURCE = "chat_plugin";

    @JsonProperty("source")
    public String source() {
        return SOURCE;
    }

    /** How content_format is stored: its wire value. */
    @JsonIgnore
    public String contentFormatValue() {
        return contentFormat.wire();
    }

    /** How allowed_origins is stored: one origin per line. */
    @JsonIgnore
    public String allowedOriginsText() {
        return String.join("\n", allowedOrigins);
    }

    Channel withDetails(String newName, String newImageUrl) {
        return new Channel(
                id,
                newName != null ? newName : name,
                sourceChannelId,
                newImageUrl != null ? newImageUrl : imageUrl,
                allowedOrigins,
                connected,
                identitySecret,
                identityRequired,
                widget,
                contentFormat,
                createdAtMs,
                autoAssign);
    }

    Channel withConnected(boolean isConnected) {
        return new Channel(
                id,
                name,
                sourceChannelId,
                imageUrl,
                allowedOrigins,
                isConnected,
                identitySecret,
                identityRequired,
                widget,
                contentFormat,
                createdAtMs,
                autoAssign);
    }

    Channel withAllowedOrigins(List<String> origins) {
        return new Channel(
                id,
                name,
                sourceChannelId,
                imageUrl,
                origins,
                connected,
                identitySecret,
                identityRequired,
                widget,
                contentFormat,
                createdAtMs,
                autoAssign);
    }

    Channel withWidget(Widget newWidget) {
        return new Channel(
                id,
                name,
                sourceChannelId,
                imageUrl,
                allowedOrigins,
                connected,
                identitySecret,
                identityRequired,
                newWidget,
                contentFormat,
                createdAtMs,
                autoAssign);
    }

    /** How the widget settings are stored: JSON, null while they are all defaults. */
    @JsonIgnore
    public String widgetJson() {
        return widget.equals(Widget.DEFAULT) ? null : io.parley.json.Json.write(widget);
    }

    /** Channels from before identity verification existed get their secret when it is first turned on. */
    Channel withIdentityRequired(boolean required, String secretIfMissing) {
        return new Channel(
                id,
                name,
                sourceChannelId,
                imageUrl,
                allowedOrigins,
                connected,
                identitySecret != null ? identitySecret : secretIfMissing,
                required,
                widget,
                contentFormat,
                createdAtMs,
                autoAssign);
    }

    /** New conversations go to the least busy person online. */
    Channel withAutoAssign(Boolean newAutoAssign) {
        return newAutoAssign == null
                ? this
                : new Channel(
                        id,
                        name,
                        sourceChannelId,
                        imageUrl,
                        allowedOrigins,
                        connected,
                        identitySecret,
                        identityRequired,
                        widget,
                        contentFormat,
                        createdAtMs,
                        newAutoAssign);
    }

    /** Null keeps the format. */
    Channel withContentFormat(ContentFormat format) {
        return format == null
                ? this
                : new Channel(
                        id,
                        name,
                        sourceChannelId,
                        imageUrl,
                        allowedOrigins,
                        connected,
                        identitySecret,
                        identityRequired,
                        widget,
                        format,
                        createdAtMs,
                        autoAssign);
    }
}
