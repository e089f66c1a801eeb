package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.errors.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void a_cursor_reads_back_as_what_was_written() {
        assertEquals(
                new Cursor(Cursor.MESSAGES, true, 42),
                Cursor.parse(Cursor.MESSAGES, Cursor.after(Cursor.MESSAGES, 42)));
        assertEquals(
                new Cursor(Cursor.CONVERSATIONS, false, Long.MAX_VALUE),
                Cursor.parse(Cursor.CONVERSATIONS, Cursor.before(Cursor.CONVERSATIONS, Long.MAX_VALUE)));
    }

    @Test
    void no_cursor_and_the_empty_string_mean_the_first_page() {
        assertNull(Cursor.parse(Cursor.MESSAGES, null));
        assertNull(Cursor.parse(Cursor.MESSAGES, ""));
    }

    @Test
    void a_cursor_is_opaque_url_safe_text() {
        String cursor = Cursor.after(Cursor.MESSAGES, 1234567890123L);
        assertEquals(cursor, java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    @Test
    void another_lists_cursor_is_refused() {
        String conversations = Cursor.after(Cursor.CONVERSATIONS, 7);
        var e = assertThrows(BadRequest.class, () -> Cursor.parse(Cursor.MESSAGES, conversations));
        assertEquals("field 'cursor' is not a cursor of this list", e.getMessage());
    }

    @Test
    void garbage_and_out_of_range_keys_are_refused() {
        assertThrows(BadRequest.class, () -> Cursor.parse(Cursor.MESSAGES, "not base64!"));
        assertThrows(BadRequest.class, () -> Cursor.parse(Cursor.MESSAGES, encode("ma:-1")));
        assertThrows(BadRequest.class, () -> Cursor.parse(Cursor.MESSAGES, encode("ma:9999999999999999999")));
        assertThrows(BadRequest.class, () -> Cursor.parse(Cursor.MESSAGES, encode("mx:1")));
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
