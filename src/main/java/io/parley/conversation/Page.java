package io.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.errors.BadRequest;
import java.util.List;

/** One page of a paginated list, as the contract shows it. */
public record Page<T>(List<T> data, Metadata responseMetadata) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** {@code badge_unread_count} only for conversations; null leaves it out. */
    public record Metadata(
            String previousCursor, String nextCursor, long filteredTotal, long total, Long badgeUnreadCount) {}

    /** {@code page_size}: 20 when absent, otherwise a JSON integer from 1 to 100 (no strings, no 2.5). */
    static int size(JsonNode pageSize) {
        if (pageSize == null || pageSize.isNull()) {
            return DEFAULT_SIZE;
        }
        if (pageSize.isIntegralNumber()
                && pageSize.canConvertToInt()
                && pageSize.intValue() >= 1
                && pageSize.intValue() <= MAX_SIZE) {
            return pageSize.intValue();
        }
        throw new BadRequest("field 'page_size' must be an integer from 1 to " + MAX_SIZE);
    }
}
