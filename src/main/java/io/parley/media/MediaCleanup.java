package io.parley.media;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few minutes, deletes uploads nobody sent within 24 hours (row, then file). Every node runs
 * it: a row is deleted only by the statement that finds it still unsent, so two nodes never both
 * act on one file and a send racing the clean-up either wins or gets a 400.
 */
public final class MediaCleanup implements AutoCloseable {
    static final Duration KEEP_UNSENT = Duration.ofHours(24);
    private static final Duration PERIOD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(MediaCleanup.class);

    private final MediaService media;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "parley-media-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    public MediaCleanup(MediaService media, Clock clock) {
        this.media = media;
        this.clock = clock;
    }

    public void start() {
        long period = PERIOD.toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            int deleted = media.deleteUnsent(clock.millis());
            if (deleted > 0) {
                log.info("deleted {} uploads never sent within {} hours", deleted, KEEP_UNSENT.toHours());
            }
        } catch (RuntimeException e) { // the database may be away for a while: the next round retries
            log.warn("media clean-up failed, retrying later: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
