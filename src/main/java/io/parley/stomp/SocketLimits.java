package io.parley.stomp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open-socket counts overall, per client address and per visitor, shared by both endpoints. */
public final class SocketLimits {
    private final int perIdentity;
    private final int perAddress;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byIdentity = new ConcurrentHashMap<>();

    public SocketLimits(int perIdentity, int perAddress, int total) {
        this.perIdentity = perIdentity;
        this.perAddress = perAddress;
        this.total = total;
    }

    /** Whether a new socket from this address may be opened; null if so, else the reason. */
    public String refusal(String address) {
        if (open.get() >= total) {
            return "the server is at its socket limit";
        }
        AtomicInteger count = byAddress.get(address);
        return count != null && count.get() >= perAddress ? "too many sockets from this address" : null;
    }

    void opened(String address) {
        open.incrementAndGet();
        byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    void closed(String address) {
        open.decrementAndGet();
        decrement(byAddress, address);
    }

    /** Counts one more CONNECTed socket for this visitor, or says no. */
    boolean admit(String identity) {
        if (identity == null) {
            return true;
        }
        AtomicInteger count = byIdentity.computeIfAbsent(identity, i -> new AtomicInteger());
        if (count.incrementAndGet() > perIdentity) {
            decrement(byIdentity, identity);
            return false;
        }
        return true;
    }

    void release(String identity) {
        if (identity != null) {
            decrement(byIdentity, identity);
        }
    }

    private static void decrement(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
