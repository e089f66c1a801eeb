package io.parley.webhook;

import io.parley.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * How webhook delivery behaves. Retries wait a random time between zero and
 * {@code min(backoffCap, backoffBase * 2^(attempt-1))} ("full jitter"); after {@code maxAttempts}
 * the event is marked failed. {@code pollInterval} is only the fallback: new messages wake the
 * dispatcher directly.
 */
public record WebhookSettings(
        int workers,
        Duration timeout,
        Duration backoffBase,
        Duration backoffCap,
        int maxAttempts,
        Duration pollInterval) {

    public static final WebhookSettings DEFAULTS = new WebhookSettings(
            4, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5), 10, Duration.ofSeconds(1));

    public WebhookSettings {
        if (workers < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("webhook workers and max attempts must be at least 1");
        }
        for (Duration d : new Duration[] {timeout, backoffBase, backoffCap, pollInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("webhook timings must be positive");
            }
        }
    }

    private static final int DAY_MS = 86_400_000;

    public static WebhookSettings fromEnv(Map<String, String> vars) {
        return fromEnv(new Env(vars));
    }

    public static WebhookSettings fromEnv(Env env) {
        return new WebhookSettings(
                env.integer("PARLEY_WEBHOOK_WORKERS", DEFAULTS.workers, 1, 256),
                env.millis("PARLEY_WEBHOOK_TIMEOUT_MS", DEFAULTS.timeout, 1, DAY_MS),
                env.millis("PARLEY_WEBHOOK_BACKOFF_BASE_MS", DEFAULTS.backoffBase, 1, DAY_MS),
                env.millis("PARLEY_WEBHOOK_BACKOFF_CAP_MS", DEFAULTS.backoffCap, 1, DAY_MS),
                env.integer("PARLEY_WEBHOOK_MAX_ATTEMPTS", DEFAULTS.maxAttempts, 1, 1000),
                env.millis("PARLEY_WEBHOOK_POLL_MS", DEFAULTS.pollInterval, 1, DAY_MS));
    }

    /**
     * How long a claimed event stays invisible to other claims: a delivery that has not finished
     * by then (the process died) is retried. Connect and response each get {@code timeout}.
     */
    Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(5);
    }
}
