package io.parley.privacy;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases conversations idle longer than {@code PARLEY_RETENTION_DAYS}, checked periodically, in
 * small transactions so that the chat's writes never wait long behind it. Each batch locks its
 * rows and skips rows another node holds, so several nodes may run it at once.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final PrivacyService privacy;
    private final RetentionSettings settings;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public RetentionJob(PrivacyService privacy, RetentionSettings settings, Clock clock) {
        this.privacy = privacy;
        this.settings = settings;
        this.clock = clock;
    }

    public void start() {
        if (settings.keepFor() == null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        long everyMs = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runSafely, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            int erased = runOnce();
            if (erased > 0) {
                log.info(
                        "retention erased {} conversations idle for more than {} days",
                        erased,
                        settings.keepFor().toDays());
            }
        } catch (RuntimeException e) {
            log.warn("retention could not run: {}", e.toString());
        }
    }

    public int runOnce() {
        return runOnce(clock.millis());
    }

    /** Erases every conversation idle since before {@code nowMs} minus the retention, batch by batch. */
    public int runOnce(long nowMs) {
        long before = nowMs - settings.keepFor().toMillis();
        int total = 0;
        int erased;
        do {
            erased = privacy.eraseIdleBefore(before, settings.batchSize());
            total += erased;
        } while (erased == settings.batchSize());
        return total;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
