package io.parley.email;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the email decisions (visitor follow-ups, operator notifications) every poll interval on one
 * background thread, while email is configured. Each returns how many conversations it claimed; a
 * full batch means more may be due now.
 */
public final class EmailJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailJobs.class);

    private final EmailSettings settings;
    private final List<IntSupplier> jobs;
    private ScheduledExecutorService timer;

    public EmailJobs(EmailSettings settings, List<IntSupplier> jobs) {
        this.settings = settings;
        this.jobs = jobs;
    }

    public void start() {
        if (!settings.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "email-decisions");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runAll, every, every, TimeUnit.MILLISECONDS);
    }

    private void runAll() {
        for (IntSupplier job : jobs) {
            try {
                while (job.getAsInt() == VisitorEmails.BATCH) {
                    // a full batch: there may be more due right now
                }
            } catch (RuntimeException e) {
                log.warn("email decisions could not run: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
