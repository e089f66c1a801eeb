package io.parley.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void frames_with_equal_bodies_in_different_arrays_are_equal_and_hash_alike() {
        Frame a = new Frame("SEND", Map.of("destination", "/a"), new byte[] {1, 0, 2});
        Frame b = new Frame("SEND", Map.of("destination", "/a"), new byte[] {1, 0, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Frame("SEND", Map.of("destination", "/a"), new byte[] {1, 0, 3}));
    }

    @Test
    void headers_keep_insertion_order_and_cannot_be_modified() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("z", "1");
        given.put("a", "2");
        given.put("m", "3");
        Frame frame = Frame.of("SEND", given, "");
        given.put("late", "x");
        assertEquals(List.of("z", "a", "m"), List.copyOf(frame.headers().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> frame.headers().put("b", "4"));
    }

    @Test
    void header_lookup_is_by_exact_name() {
        Frame frame = Frame.of("SEND", Map.of("destination", "/a"), "");
        assertEquals("/a", frame.header("destination"));
        assertNull(frame.header("Destination"));
    }

    @Test
    void of_stores_the_body_as_utf8_and_body_text_reads_it_back() {
        Frame frame = Frame.of("SEND", Map.of(), "héllo €");
        assertEquals(10, frame.body().length);
        assertEquals("héllo €", frame.bodyText());
        assertEquals(0, Frame.of("SEND", Map.of(), "").body().length);
    }

    @Test
    void to_string_shows_the_body_text_not_the_array_identity() {
        String text = Frame.of("SEND", Map.of("destination", "/a"), "hi").toString();
        assertTrue(text.contains("hi") && text.contains("2 bytes") && !text.contains("[B@"), text);
    }

    @Test
    void null_parts_are_rejected() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("a", null);
        assertThrows(NullPointerException.class, () -> new Frame(null, Map.of(), new byte[0]));
        assertThrows(NullPointerException.class, () -> new Frame("SEND", Map.of(), null));
        assertThrows(NullPointerException.class, () -> new Frame("SEND", nullValue, new byte[0]));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
