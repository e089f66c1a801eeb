package io.parley.conversation;

import io.parley.errors.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a list ordered by a unique key (a message seq), handed to clients as an opaque
 * string: continue after an item ({@code next_cursor}) or before one ({@code previous_cursor}).
 * A key, not an offset, so items added while someone pages do not shift the pages still unread.
 */
record Cursor(char list, boolean after, long key) {
    static final char CONVERSATIONS = 'c';
    static final char MESSAGES = 'm';
    private static final Pattern FORMAT = Pattern.compile("([cm])([ab]):(\\d{1,19})");

    /** Null for the first page (no cursor, or the empty string the ends of a list hand out). */
    static Cursor parse(char list, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Matcher m = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII));
            if (m.matches() && m.group(1).charAt(0) == list) {
                return new Cursor(list, m.group(2).equals("a"), Long.parseLong(m.group(3)));
            }
        } catch (IllegalArgumentException ignored) {
            // not base64, or a number out of range: reported below
        }
        throw new BadRequest("field 'cursor' is not a cursor of this list");
    }

    static String after(char list, long key) {
        return new Cursor(list, true, key).encode();
    }

    static String before(char list, long key) {
        return new Cursor(list, false, key).encode();
    }

    String encode() {
        String plain = list + (after ? "a" : "b") + ":" + Math.max(0, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
