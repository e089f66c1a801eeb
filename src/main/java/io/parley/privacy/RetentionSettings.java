package io.parley.privacy;

import io.parley.config.Env;
import java.time.Duration;

/**
 * {@code PARLEY_RETENTION_DAYS}: conversations with no activity for that long are erased, checked
 * every {@code checkInterval}, {@code batchSize} conversations per transaction. Null {@code keepFor}
 * keeps everything forever (the default).
 */
public record RetentionSettings(Duration keepFor, Duration checkInterval, int batchSize) {

    public static final RetentionSettings FOREVER = new RetentionSettings(null, Duration.ofHours(1), 100);

    public static RetentionSettings fromEnv(Env env) {
        int days = env.integer("PARLEY_RETENTION_DAYS", 0, 1, 36_500);
        return new RetentionSettings(
                days == 0 ? null : Duration.ofDays(days), FOREVER.checkInterval, FOREVER.batchSize);
    }
}
