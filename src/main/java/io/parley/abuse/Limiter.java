package io.parley.abuse;

import io.parley.errors.TooManyRequests;
import java.util.concurrent.atomic.AtomicLong;

/** The server's abuse limits in one place; every refusal is a 429 with Retry-After. */
public final class Limiter {
    private final RateLimiter messages;
    private final RateLimiter newConversations;
    private final AtomicLong rejections = new AtomicLong();

    public Limiter(Limits limits) {
        this.messages = new RateLimiter(limits.messagesPerSecond(), limits.messageBurst());
        double perMinute = limits.newConversationsPerMinute();
        this.newConversations = new RateLimiter(perMinute / 60.0, Math.max(1, perMinute));
    }

    public void message(String visitorKey) {
        check(messages.acquire(visitorKey));
    }

    public void newConversation(String clientIp) {
        check(newConversations.acquire(clientIp));
    }

    /** Counts a refusal made elsewhere (sockets), for /metrics. */
    public void rejected() {
        rejections.incrementAndGet();
    }

    public long rejections() {
        return rejections.get();
    }

    private void check(long retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            rejections.incrementAndGet();
            throw new TooManyRequests(retryAfterSeconds);
        }
    }
}
