package io.parley.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One STOMP frame. Headers keep their order and cannot be modified. The body array is not copied
 * (the decoder hands over a fresh one per frame), so callers must not modify it.
 */
public record Frame(String command, Map<String, String> headers, byte[] body) {
    private static final int TO_STRING_BODY_CHARS = 200;

    public Frame {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(body, "body");
        headers.forEach((name, value) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
        });
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Frame of(String command, Map<String, String> headers, String body) {
        return new Frame(command, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the header with exactly this name, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that
                && command.equals(that.command)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        String text = bodyText();
        if (text.length() > TO_STRING_BODY_CHARS) {
            text = text.substring(0, TO_STRING_BODY_CHARS) + "…";
        }
        return "Frame[command=" + command + ", headers=" + headers + ", body(" + body.length + " bytes)=" + text + "]";
    }
}
