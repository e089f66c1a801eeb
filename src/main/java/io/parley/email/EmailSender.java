package io.parley.email;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.json.Json;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued emails on one background thread, woken after each commit that queued one (with a
 * slow poll as a fallback and for retries). The chat never waits for it. Logs name the email's id
 * and kind, never its recipient or text.
 */
public final class EmailSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final long KEEP_FAILED_MS = Duration.ofDays(7).toMillis();
    private static final int BATCH = 20;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final EmailDao dao;
    private final EmailSettings settings;
    private final Clock clock;
    private final Mailer mailer;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;

    public EmailSender(Jdbi jdbi, EmailSettings settings, Clock clock) {
        this.dao = jdbi.onDemand(EmailDao.class);
        this.settings = settings;
        this.clock = clock;
        this.mailer = settings.enabled() ? new Mailer(settings) : null;
        this.thread = new Thread(this::loop, "email-sender");
        thread.setDaemon(true);
    }

    public void start() {
        if (mailer != null) {
            running = true;
            thread.start();
        }
    }

    /** Look for due emails now; cheap and safe from any thread. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    public long pendingCount() {
        return dao.count(EmailDao.PENDING);
    }

    public long failedCount() {
        return dao.count(EmailDao.FAILED);
    }

    private void loop() {
        long startAt = System.nanoTime() + settings.startDelay().toNanos();
        long waitMs = 0;
        while (running) {
            try {
                if (waitMs > 0 && wakeups.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
            long heldBack = TimeUnit.NANOSECONDS.toMillis(startAt - System.nanoTime());
            if (heldBack > 0) { // commits wake us, but nothing is sent before the start delay
                waitMs = Math.min(heldBack, settings.pollInterval().toMillis());
                continue;
            }
            try {
                waitMs = sendDue();
            } catch (RuntimeException e) {
                log.warn("email sender cannot read the outbox: {}", e.toString());
                waitMs = settings.pollInterval().toMillis();
            }
        }
    }

    /** Sends what is due; answers how long to sleep before looking again. */
    private long sendDue() {
        long now = clock.millis();
        List<QueuedEmail> due = dao.claimDue(now, BATCH, now + settings.lease().toMillis());
        for (QueuedEmail email : due) {
            if (!running) {
                dao.release(email.seq(), email.attempts() + 1, clock.millis()); // due again at the next start
                continue;
            }
            send(email, email.attempts() + 1);
        }
        if (due.size() == BATCH) {
            return 0;
        }
        long poll = settings.pollInterval().toMillis();
        return dao.nextDueAt()
                .map(at -> Math.max(5, Math.min(poll, at - clock.millis())))
                .orElse(poll);
    }

    private void send(QueuedEmail email, int attempt) {
        try {
            mailer.send(new OutgoingEmail(
                    email.kind(),
                    email.recipient(),
                    email.subject(),
                    email.textBody(),
                    email.htmlBody(),
                    Json.MAPPER.readValue(email.headers(), HEADERS),
                    null,
                    null));
            dao.sent(email.seq(), attempt);
            log.info("email {} ({}) sent", email.id(), email.kind());
        } catch (MessagingException e) {
            failed(email, attempt, SmtpErrors.describe(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            failed(email, settings.maxAttempts(), "stored headers are not JSON");
        }
    }

    private void failed(QueuedEmail email, int attempt, String error) {
        long now = clock.millis();
        if (attempt >= settings.maxAttempts()) {
            log.warn("email {} ({}) failed for good after {} attempts: {}", email.id(), email.kind(), attempt, error);
            dao.attemptFailed(email.seq(), attempt, EmailDao.FAILED, now, error, now);
            dao.pruneFailed(now - KEEP_FAILED_MS);
            return;
        }
        long delay = ThreadLocalRandom.current().nextLong(ceilingMs(attempt) + 1);
        log.warn(
                "email {} ({}) attempt {}/{} failed: {}; next try in {} ms",
                email.id(),
                email.kind(),
                attempt,
                settings.maxAttempts(),
                error,
                delay);
        dao.attemptFailed(email.seq(), attempt, EmailDao.PENDING, now + delay, error, now);
    }

    /** Exponential backoff with full jitter: base doubled per failed attempt, capped. */
    private long ceilingMs(int attempt) {
        long cap = settings.backoffCap().toMillis();
        long ceiling = settings.backoffBase().toMillis();
        for (int i = 1; i < attempt && ceiling < cap; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, cap);
    }

    /** Stops after the email in flight (bounded by the SMTP timeouts). */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(settings.timeout().toMillis() * 4 + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
