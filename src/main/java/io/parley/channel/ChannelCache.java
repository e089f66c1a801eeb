package io.parley.channel;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Every visitor request and socket checks its channel (connected? allowed origins?), and channels
 * change rarely, so they are read from memory. This node's own changes invalidate an entry when
 * they commit; an entry also expires after {@link #TTL_SECONDS}, which bounds how long a change
 * made by another node (once Parley runs on several) goes unseen here. Only channels that exist
 * are kept, so made-up ids cannot fill the cache.
 */
final class ChannelCache {
    static final long TTL_SECONDS = 5;
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(TTL_SECONDS);

    private record Entry(Channel channel, long loadedAtNanos) {}

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that overlapped one does not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    private final LongSupplier nanoTime;

    ChannelCache() {
        this(System::nanoTime);
    }

    /** {@code nanoTime}: the clock, so tests can move time instead of waiting for it. */
    ChannelCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    Optional<Channel> get(UUID id, Function<UUID, Optional<Channel>> load) {
        Entry entry = entries.get(id);
        long now = nanoTime.getAsLong();
        if (entry != null && now - entry.loadedAtNanos() < TTL_NANOS) {
            return Optional.of(entry.channel());
        }
        long before = generation.get();
        Optional<Channel> loaded = load.apply(id);
        if (loaded.isPresent() && generation.get() == before) {
            entries.put(id, new Entry(loaded.get(), now));
        }
        return loaded;
    }

    /** Call after the change has committed. */
    void invalidate(UUID id) {
        generation.incrementAndGet();
        entries.remove(id);
    }
}
