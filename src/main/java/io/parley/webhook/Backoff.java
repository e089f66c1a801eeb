package io.parley.webhook;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: spreads the retries of many failed events over time. */
final class Backoff {
    private Backoff() {}

    /** The longest wait after the given failed attempt (1-based): base doubled per attempt, capped. */
    static long ceilingMs(WebhookSettings settings, int attempt) {
        long cap = settings.backoffCap().toMillis();
        long ceiling = settings.backoffBase().toMillis();
        for (int i = 1; i < attempt && ceiling < cap; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, cap);
    }

    static long delayMs(WebhookSettings settings, int attempt) {
        return ThreadLocalRandom.current().nextLong(ceilingMs(settings, attempt) + 1);
    }
}
