package io.parley.stomp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Turns the bytes of a received command or header line into text; one per decoder. */
final class HeaderLines {
    private static final Set<String> CLIENT_COMMANDS = Set.of(
            "CONNECT",
            "STOMP",
            "SEND",
            "SUBSCRIBE",
            "UNSUBSCRIBE",
            "BEGIN",
            "COMMIT",
            "ABORT",
            "ACK",
            "NACK",
            "DISCONNECT");
    private static final int ECHOED_COMMAND_CHARS = 20;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int escapeLevel = 2;

    void version(String version) {
        escapeLevel = Escapes.level(version);
    }

    String command(byte[] in, int from, int to) throws FrameException {
        String command = text(in, from, to, "command");
        if (!CLIENT_COMMANDS.contains(command)) {
            throw new FrameException("unknown command: " + printable(command));
        }
        return command;
    }

    /** Adds the header in[from, to) unless one with its name came earlier (the first one wins). */
    void header(String command, Map<String, String> headers, byte[] in, int from, int to) throws FrameException {
        int colon = from;
        while (colon < to && in[colon] != ':') {
            colon++;
        }
        if (colon == to) {
            throw new FrameException("header line without a colon");
        }
        if (colon == from) {
            throw new FrameException("empty header name");
        }
        // The spec never escapes CONNECT (or STOMP) headers, to stay compatible with STOMP 1.0.
        int level = command.equals("CONNECT") || command.equals("STOMP") ? 0 : escapeLevel;
        String name = Escapes.unescape(text(in, from, colon, "header"), level);
        String value = Escapes.unescape(text(in, colon + 1, to, "header"), level);
        headers.putIfAbsent(name, value);
    }

    /** The body length a content-length header announces, or -1 without one. */
    static int contentLength(String header, int headBytes, int maxFrameBytes) throws FrameException {
        if (header == null) {
            return -1;
        }
        if (header.isEmpty() || !header.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FrameException("invalid content-length");
        }
        long length = 0;
        for (int i = 0; i < header.length() && length <= maxFrameBytes; i++) {
            length = length * 10 + (header.charAt(i) - '0');
        }
        if (headBytes + length > maxFrameBytes) {
            throw new FrameException("frame too large");
        }
        return (int) length;
    }

    private String text(byte[] in, int from, int to, String what) throws FrameException {
        int i = from;
        while (i < to && in[i] >= 0) {
            i++;
        }
        if (i == to) {
            return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(in, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException("invalid UTF-8 in " + what);
        }
    }

    // The reason goes back to the client in a header, so keep it short and on one line.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(ECHOED_COMMAND_CHARS + 3);
        for (int i = 0; i < text.length() && i < ECHOED_COMMAND_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > ECHOED_COMMAND_CHARS ? out.append("...").toString() : out.toString();
    }
}
