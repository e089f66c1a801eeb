package io.parley.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookPartsTest {
    static final WebhookSettings SETTINGS = WebhookSettings.DEFAULTS;

    @Test
    void the_longest_wait_doubles_per_attempt_from_the_base_up_to_the_cap() {
        assertEquals(1_000, Backoff.ceilingMs(SETTINGS, 1));
        assertEquals(2_000, Backoff.ceilingMs(SETTINGS, 2));
        assertEquals(256_000, Backoff.ceilingMs(SETTINGS, 9));
        assertEquals(300_000, Backoff.ceilingMs(SETTINGS, 10));
        assertEquals(300_000, Backoff.ceilingMs(SETTINGS, Integer.MAX_VALUE), "no overflow on absurd attempts");
    }

    @Test
    void each_wait_is_drawn_between_zero_and_the_longest_wait() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long delay = Backoff.delayMs(SETTINGS, 3);
            assertTrue(delay >= 0 && delay <= 4_000, "delay " + delay);
            seen.add(delay);
        }
        assertTrue(seen.size() > 100, "full jitter spreads retries out");
    }

    @Test
    void settings_come_from_the_environment_with_defaults() {
        assertEquals(SETTINGS, WebhookSettings.fromEnv(Map.of()));
        WebhookSettings custom = WebhookSettings.fromEnv(Map.of(
                "PARLEY_WEBHOOK_WORKERS",
                "8",
                "PARLEY_WEBHOOK_TIMEOUT_MS",
                "2500",
                "PARLEY_WEBHOOK_BACKOFF_BASE_MS",
                "100",
                "PARLEY_WEBHOOK_BACKOFF_CAP_MS",
                "60000",
                "PARLEY_WEBHOOK_MAX_ATTEMPTS",
                "3",
                "PARLEY_WEBHOOK_POLL_MS",
                "500"));
        assertEquals(
                new WebhookSettings(
                        8,
                        Duration.ofMillis(2500),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1),
                        3,
                        Duration.ofMillis(500)),
                custom);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> WebhookSettings.fromEnv(Map.of("PARLEY_WEBHOOK_MAX_ATTEMPTS", "ten")))
                .getMessage()
                .contains("PARLEY_WEBHOOK_MAX_ATTEMPTS"));
        assertThrows(
                IllegalArgumentException.class, () -> WebhookSettings.fromEnv(Map.of("PARLEY_WEBHOOK_WORKERS", "0")));
    }

    @Test
    void the_signature_is_the_hex_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2
        assertEquals(
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signatures.sign(
                        "Jefe", "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
