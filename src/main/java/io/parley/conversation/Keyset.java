package io.parley.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Cuts pages out of a list ordered by a unique long key. The DAO reads strictly beyond
 * {@link #start} in the walking direction, one row more than the page size: that extra row says
 * whether more lie beyond, without a second query.
 */
final class Keyset<T> {
    private final char list;
    private final boolean descending;
    private final ToLongFunction<T> key;

    Keyset(char list, boolean descending, ToLongFunction<T> key) {
        this.list = list;
        this.descending = descending;
        this.key = key;
    }

    record Slice<T>(List<T> items, String previousCursor, String nextCursor) {}

    /** Forwards is the list's own order (newest first for conversations, oldest first for messages). */
    static boolean forwards(Cursor cursor) {
        return cursor == null || cursor.after();
    }

    long start(Cursor cursor) {
        if (cursor != null) {
            return cursor.key();
        }
        return descending ? Long.MAX_VALUE : 0;
    }

    /** {@code fetched}: in walking order, at most size + 1 rows. Returns the page in the list's order. */
    Slice<T> slice(Cursor cursor, List<T> fetched, int size) {
        boolean forwards = forwards(cursor);
        boolean more = fetched.size() > size;
        List<T> items = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
        if (!forwards) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            return empty(cursor);
        }
        long first = key.applyAsLong(items.get(0));
        long last = key.applyAsLong(items.get(items.size() - 1));
        boolean hasPrevious = forwards ? cursor != null : more;
        boolean hasNext = !forwards || more;
        return new Slice<>(
                items, hasPrevious ? Cursor.before(list, first) : "", hasNext ? Cursor.after(list, last) : "");
    }

    /** Past either end: the way back includes the cursor's own item again. */
    private Slice<T> empty(Cursor cursor) {
        if (cursor == null) {
            return new Slice<>(List.of(), "", "");
        }
        long step = descending ? -1 : 1;
        return cursor.after()
                ? new Slice<>(List.of(), Cursor.before(list, saturated(cursor.key(), step)), "")
                : new Slice<>(List.of(), "", Cursor.after(list, saturated(cursor.key(), -step)));
    }

    private static long saturated(long value, long step) {
        return value == Long.MAX_VALUE && step > 0 ? value : value + step;
    }
}
