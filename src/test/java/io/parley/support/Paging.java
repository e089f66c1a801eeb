package io.parley.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a paginated endpoint by its cursors, running something between two pages. */
public final class Paging {
    private static final int MAX_PAGES = 1_000;

    private Paging() {}

    /** Everything read going forwards, and the last page (whose previous_cursor starts the way back). */
    public record Walk(List<JsonNode> items, JsonNode lastPage) {
        public String previousCursorOfLastPage() {
            return lastPage.get("response_metadata").get("previous_cursor").asText();
        }
    }

    /** From the first page (no cursor) until next_cursor is "". */
    public static Walk forwards(Function<String, JsonNode> fetch, Runnable betweenPages) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            JsonNode page = fetch.apply(cursor);
            page.get("data").forEach(items::add);
            String next = page.get("response_metadata").get("next_cursor").asText();
            if (next.isEmpty()) {
                return new Walk(items, page);
            }
            betweenPages.run();
            cursor = next;
        }
        throw new AssertionError("no end after " + MAX_PAGES + " pages");
    }

    /** From {@code cursor} back until previous_cursor is ""; the items come back in the list's order. */
    public static List<JsonNode> backwards(Function<String, JsonNode> fetch, String cursor, Runnable betweenPages) {
        List<List<JsonNode>> pages = new ArrayList<>();
        for (int count = 0; !cursor.isEmpty(); count++) {
            assertTrue(count < MAX_PAGES, "no start after " + MAX_PAGES + " pages");
            JsonNode page = fetch.apply(cursor);
            List<JsonNode> items = new ArrayList<>();
            page.get("data").forEach(items::add);
            pages.add(0, items);
            cursor = page.get("response_metadata").get("previous_cursor").asText();
            betweenPages.run();
        }
        return pages.stream().flatMap(List::stream).toList();
    }

    public static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asText()).toList();
    }
}
