package io.parley.abuse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a visitor, an IP address). Buckets that have refilled completely are
 * forgotten, so the map holds only recently active keys.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimiter(double perSecond, double burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** {@code nanoTime}: the clock, so tests can move time instead of waiting for it. */
    RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** 0 when allowed (and counted); otherwise the seconds to wait before trying again. */
    public long acquire(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > 100_000) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
            lastNanos = now;
        }
    }
}
