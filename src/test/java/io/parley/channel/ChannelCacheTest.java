package io.parley.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChannelCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ChannelCache cache = new ChannelCache(now::get);
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();
    private String storedName = "first";

    private Optional<Channel> load(UUID wanted) {
        loads.incrementAndGet();
        return Optional.of(new Channel(
                wanted,
                storedName,
                "site",
                null,
                List.of(),
                true,
                null,
                false,
                Widget.DEFAULT,
                ContentFormat.TEXT,
                0,
                false));
    }

    private String name() {
        return cache.get(id, this::load).orElseThrow().name();
    }

    @Test
    void a_channel_is_read_once_and_then_served_from_memory() {
        assertEquals("first", name());
        assertEquals("first", name());
        assertEquals(1, loads.get());
    }

    @Test
    void an_entry_expires_after_the_ttl_so_other_nodes_changes_show_up() {
        name();
        storedName = "changed elsewhere";
        now.addAndGet(TimeUnit.SECONDS.toNanos(ChannelCache.TTL_SECONDS) - 1);
        assertEquals("first", name());
        now.addAndGet(1);
        assertEquals("changed elsewhere", name());
    }

    @Test
    void invalidating_makes_the_next_read_load_again() {
        name();
        storedName = "changed here";
        cache.invalidate(id);
        assertEquals("changed here", name());
        assertEquals(2, loads.get());
    }

    @Test
    void unknown_channels_are_not_kept_so_made_up_ids_cannot_fill_the_cache() {
        Function<UUID, Optional<Channel>> nothing = unknown -> {
            loads.incrementAndGet();
            return Optional.empty();
        };
        assertTrue(cache.get(id, nothing).isEmpty());
        assertTrue(cache.get(id, nothing).isEmpty());
        assertEquals(2, loads.get());
    }

    @Test
    void a_read_that_overlaps_an_invalidation_does_not_keep_what_it_read() {
        cache.get(id, wanted -> {
            Optional<Channel> before = load(wanted); // read before the change committed
            cache.invalidate(id);
            return before;
        });
        storedName = "after the change";
        assertEquals("after the change", name());
    }
}
