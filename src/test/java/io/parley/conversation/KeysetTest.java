package io.parley.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages of the keys 1..5, oldest first (as messages are listed), two to a page. */
class KeysetTest {
    private final Keyset<Long> oldestFirst = new Keyset<>(Cursor.MESSAGES, false, Long::longValue);
    private final Keyset<Long> newestFirst = new Keyset<>(Cursor.CONVERSATIONS, true, Long::longValue);

    private static Cursor cursor(char list, String value) {
        return Cursor.parse(list, value);
    }

    @Test
    void the_first_page_starts_at_the_lists_start_and_has_no_way_back() {
        assertEquals(0, oldestFirst.start(null));
        assertEquals(Long.MAX_VALUE, newestFirst.start(null));
        var page = oldestFirst.slice(null, List.of(1L, 2L, 3L), 2);
        assertEquals(List.of(1L, 2L), page.items());
        assertEquals("", page.previousCursor());
        assertEquals(Cursor.after(Cursor.MESSAGES, 2), page.nextCursor());
    }

    @Test
    void a_middle_page_points_both_ways_from_its_own_ends() {
        Cursor after2 = cursor(Cursor.MESSAGES, Cursor.after(Cursor.MESSAGES, 2));
        assertEquals(2, oldestFirst.start(after2));
        var page = oldestFirst.slice(after2, List.of(3L, 4L, 5L), 2);
        assertEquals(List.of(3L, 4L), page.items());
        assertEquals(Cursor.before(Cursor.MESSAGES, 3), page.previousCursor());
        assertEquals(Cursor.after(Cursor.MESSAGES, 4), page.nextCursor());
    }

    @Test
    void the_last_page_has_no_next_cursor() {
        var page = oldestFirst.slice(cursor(Cursor.MESSAGES, Cursor.after(Cursor.MESSAGES, 4)), List.of(5L), 2);
        assertEquals(List.of(5L), page.items());
        assertEquals(Cursor.before(Cursor.MESSAGES, 5), page.previousCursor());
        assertEquals("", page.nextCursor());
    }

    @Test
    void walking_back_reads_nearest_first_and_returns_the_page_in_list_order() {
        Cursor before5 = cursor(Cursor.MESSAGES, Cursor.before(Cursor.MESSAGES, 5));
        assertEquals(false, Keyset.forwards(before5));
        var page = oldestFirst.slice(before5, List.of(4L, 3L, 2L), 2);
        assertEquals(List.of(3L, 4L), page.items());
        assertEquals(Cursor.before(Cursor.MESSAGES, 3), page.previousCursor());
        assertEquals(Cursor.after(Cursor.MESSAGES, 4), page.nextCursor());
    }

    @Test
    void walking_back_to_the_start_has_no_previous_cursor() {
        var page = oldestFirst.slice(cursor(Cursor.MESSAGES, Cursor.before(Cursor.MESSAGES, 3)), List.of(2L, 1L), 2);
        assertEquals(List.of(1L, 2L), page.items());
        assertEquals("", page.previousCursor());
        assertEquals(Cursor.after(Cursor.MESSAGES, 2), page.nextCursor());
    }

    @Test
    void past_the_end_the_way_back_includes_the_cursors_own_item() {
        var page = oldestFirst.slice(cursor(Cursor.MESSAGES, Cursor.after(Cursor.MESSAGES, 5)), List.of(), 2);
        assertEquals(List.of(), page.items());
        assertEquals(Cursor.before(Cursor.MESSAGES, 6), page.previousCursor());
        assertEquals("", page.nextCursor());

        var newest =
                newestFirst.slice(cursor(Cursor.CONVERSATIONS, Cursor.after(Cursor.CONVERSATIONS, 1)), List.of(), 2);
        assertEquals(Cursor.before(Cursor.CONVERSATIONS, 0), newest.previousCursor());
    }

    @Test
    void an_empty_list_has_no_cursors() {
        var page = newestFirst.slice(null, List.of(), 2);
        assertEquals(List.of(), page.items());
        assertEquals("", page.previousCursor());
        assertEquals("", page.nextCursor());
    }
}
