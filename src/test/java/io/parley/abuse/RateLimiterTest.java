package io.parley.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void a_full_bucket_allows_the_burst_then_says_how_long_to_wait() {
        var limiter = new RateLimiter(1, 3, now::get);
        assertEquals(0, limiter.acquire("v"));
        assertEquals(0, limiter.acquire("v"));
        assertEquals(0, limiter.acquire("v"));
        assertEquals(1, limiter.acquire("v"));
    }

    @Test
    void tokens_come_back_at_the_rate_and_no_faster() {
        var limiter = new RateLimiter(2, 1, now::get);
        assertEquals(0, limiter.acquire("v"));
        advanceMillis(400);
        assertEquals(1, limiter.acquire("v"), "0.8 of a token is not a token");
        advanceMillis(100);
        assertEquals(0, limiter.acquire("v"));
    }

    @Test
    void the_wait_is_rounded_up_to_whole_seconds() {
        var limiter = new RateLimiter(0.25, 1, now::get);
        limiter.acquire("v");
        assertEquals(4, limiter.acquire("v"));
        advanceMillis(1_000);
        assertEquals(3, limiter.acquire("v"));
    }

    @Test
    void a_bucket_never_holds_more_than_the_burst() {
        var limiter = new RateLimiter(10, 2, now::get);
        advanceMillis(60_000);
        assertEquals(0, limiter.acquire("v"));
        assertEquals(0, limiter.acquire("v"));
        assertEquals(1, limiter.acquire("v"));
    }

    @Test
    void each_key_has_its_own_bucket() {
        var limiter = new RateLimiter(1, 1, now::get);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(1, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("b"));
    }
}
