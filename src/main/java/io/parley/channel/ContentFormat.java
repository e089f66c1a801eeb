package io.parley.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import io.parley.errors.BadRequest;

/**
 * The shape of the messages a channel's visitors get: part 1's string {@code content}, or what
 * Airy's own widget builds read (an object, or that object as a JSON string). Operators always
 * get the same shape.
 */
public enum ContentFormat {
    TEXT("text"),
    AIRY("airy"),
    AIRY_2021("airy-2021");

    private final String wire;

    ContentFormat(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** A request's value; null when the request leaves it out. */
    static ContentFormat parse(String value) {
        if (value == null) {
            return null;
        }
        for (ContentFormat format : values()) {
            if (format.wire.equals(value)) {
                return format;
            }
        }
        throw new BadRequest("field 'content_format' must be \"text\", \"airy\" or \"airy-2021\"");
    }

    /** A stored value (written by {@link #wire()}); anything unknown reads as the default. */
    static ContentFormat stored(String value) {
        for (ContentFormat format : values()) {
            if (format.wire.equals(value)) {
                return format;
            }
        }
        return TEXT;
    }
}
