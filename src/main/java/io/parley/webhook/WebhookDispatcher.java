package io.parley.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox events in the background: one pump thread claims due events (woken after each
 * commit that added one, with a slow poll as a fallback) and hands them to a fixed pool of
 * workers. The chat never waits for it.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long KEEP_FAILED_MS = Duration.ofDays(7).toMillis();
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookDao dao;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookSender sender;
    private final Semaphore wakeups = new Semaphore(0);
    private final Semaphore freeWorkers;
    private final ExecutorService workers;
    private final Thread pump;
    private volatile boolean running;

    public WebhookDispatcher(Jdbi jdbi, WebhookSettings settings, Clock clock) {
        this.dao = jdbi.onDemand(WebhookDao.class);
        this.settings = settings;
        this.clock = clock;
        this.sender = new WebhookSender(settings.timeout(), settings.workers());
        this.freeWorkers = new Semaphore(settings.workers());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(
                settings.workers(), runnable -> daemon(runnable, "webhook-worker-" + count.incrementAndGet()));
        this.pump = daemon(this::pumpLoop, "webhook-dispatcher");
    }

    public void start() {
        running = true;
        pump.start();
    }

    /** Look for due events now; cheap and safe to call from any thread, any number of times. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void pumpLoop() {
        while (running) {
            long waitMs;
            try {
                waitMs = dispatchDue();
            } catch (RuntimeException e) {
                log.warn("webhook dispatcher cannot read the outbox: {}", e.toString());
                waitMs = settings.pollInterval().toMillis();
            }
            try {
                wakeups.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Claims as many due events as there are idle workers; answers how long to sleep before looking again. */
    private long dispatchDue() {
        long poll = settings.pollInterval().toMillis();
        int idle = freeWorkers.availablePermits();
        if (idle == 0) {
            return poll; // a worker that finishes wakes us
        }
        long now = clock.millis();
        List<OutboxEvent> due = dao.claimDue(now, idle, now + settings.lease().toMillis());
        boolean subscribed = due.isEmpty() || handOut(due);
        if (!subscribed || due.size() == idle) {
            return poll;
        }
        return dao.nextDueAt()
                .map(at -> Math.max(5, Math.min(poll, at - clock.millis())))
                .orElse(poll);
    }

    /** False when there is no subscription any more: then the events were left by a send that raced an unsubscribe. */
    private boolean handOut(List<OutboxEvent> due) {
        Optional<Webhook> target = dao.find().filter(Webhook::subscribed);
        if (target.isEmpty()) {
            dao.deleteAllEvents();
            return false;
        }
        Map<String, String> headers = WebhookService.parseHeaders(target.get().headers());
        for (OutboxEvent event : due) {
            if (!running) {
                dao.release(event.seq(), event.attempts() + 1, clock.millis()); // due again at the next start
                continue;
            }
            freeWorkers.acquireUninterruptibly();
            workers.execute(() -> deliver(target.get(), headers, event, event.attempts() + 1));
        }
        return true;
    }

    private void deliver(Webhook target, Map<String, String> headers, OutboxEvent event, int attempt) {
        try {
            String error = sender.send(target, headers, event.body());
            if (error == null) {
                dao.delivered(event.seq());
            } else {
                failed(event, attempt, error);
            }
        } catch (InterruptedException e) {
            dao.release(event.seq(), attempt, clock.millis()); // shutting down: due again at the next start
        } catch (RuntimeException e) {
            log.warn(
                    "webhook event {}: could not record delivery attempt {}: {}",
                    event.eventId(),
                    attempt,
                    e.toString());
        } finally {
            freeWorkers.release();
            wake();
        }
    }

    private void failed(OutboxEvent event, int attempt, String error) {
        long now = clock.millis();
        String lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (attempt >= settings.maxAttempts()) {
            log.warn("webhook event {} failed for good after {} attempts: {}", event.eventId(), attempt, lastError);
            dao.attemptFailed(event.seq(), attempt, WebhookDao.FAILED, now, lastError, now);
            dao.pruneFailed(now - KEEP_FAILED_MS);
            return;
        }
        long delay = Backoff.delayMs(settings, attempt);
        log.warn(
                "webhook event {} attempt {}/{} failed: {}; next try in {} ms",
                event.eventId(),
                attempt,
                settings.maxAttempts(),
                lastError,
                delay);
        dao.attemptFailed(event.seq(), attempt, WebhookDao.PENDING, now + delay, lastError, now);
    }

    /** Stops claiming, lets deliveries in flight finish (each is bounded by the timeouts), then gives up. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            pump.join(settings.timeout().toMillis()); // first, so nothing is handed to a pool that is shutting down
            workers.shutdown();
            if (!workers.awaitTermination(settings.timeout().toMillis() * 2 + 2_000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
