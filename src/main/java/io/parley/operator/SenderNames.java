package io.parley.operator;

import io.parley.conversation.Sender;
import io.parley.conversation.SenderDirectory;
import io.parley.conversation.SenderType;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Who sent a message, as every reader sees it: an operator's or bot's name and avatar, never its
 * email. Pages of messages name the same few senders again and again, so names are kept for a few
 * seconds (a rename shows up after at most that long).
 */
final class SenderNames implements SenderDirectory {
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final SenderDirectory FALLBACK = SenderDirectory.systemOnly();

    private record Entry(Optional<Operator> operator, long loadedAtNanos) {}

    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final OperatorService operators;

    SenderNames(OperatorService operators) {
        this.operators = operators;
    }

    @Override
    public Sender describe(String senderId, SenderType type) {
        if (type != SenderType.OPERATOR && type != SenderType.BOT) {
            return FALLBACK.describe(senderId, type);
        }
        UUID id;
        try {
            id = UUID.fromString(senderId);
        } catch (IllegalArgumentException systemOperator) {
            return FALLBACK.describe(senderId, type);
        }
        return lookup(id)
                .map(o -> new Sender(senderId, type, o.name(), o.avatarUrl()))
                .orElseGet(() -> FALLBACK.describe(senderId, type));
    }

    private Optional<Operator> lookup(UUID id) {
        long now = System.nanoTime();
        Entry entry = cache.get(id);
        if (entry != null && now - entry.loadedAtNanos() < TTL_NANOS) {
            return entry.operator();
        }
        Optional<Operator> found = operators.findOptional(id);
        if (found.isPresent()) {
            cache.put(id, new Entry(found, now));
        }
        return found;
    }
}
