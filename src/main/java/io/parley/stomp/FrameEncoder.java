package io.parley.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns frames into the text of one WebSocket text message. */
public final class FrameEncoder {
    private FrameEncoder() {}

    /**
     * COMMAND, headers, blank line, body, NUL. Headers are escaped per {@code version} except in
     * CONNECT, STOMP and CONNECTED frames, which the spec never escapes. A non-empty body gets a
     * content-length (its UTF-8 byte length) unless the frame already has one.
     */
    public static String encode(Frame frame, String version) {
        int level = neverEscaped(frame.command()) ? 0 : Escapes.level(version);
        String body = new String(frame.body(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(64 + body.length());
        out.append(frame.command()).append('\n');
        for (Map.Entry<String, String> header : frame.headers().entrySet()) {
            out.append(Escapes.escape(header.getKey(), level))
                    .append(':')
                    .append(Escapes.escape(header.getValue(), level))
                    .append('\n');
        }
        if (!body.isEmpty() && !frame.headers().containsKey("content-length")) {
            out.append("content-length:").append(utf8Length(body)).append('\n');
        }
        return out.append('\n').append(body).append('\0').toString();
    }

    static boolean neverEscaped(String command) {
        return command.equals("CONNECT") || command.equals("STOMP") || command.equals("CONNECTED");
    }

    // Counted on the decoded text, so a body that was not valid UTF-8 still gets the length sent.
    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
