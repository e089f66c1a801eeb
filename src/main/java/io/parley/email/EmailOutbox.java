package io.parley.email;

import io.parley.json.Json;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Queues emails in the caller's transaction, so an email exists exactly when its cause does. Without
 * SMTP settings it queues nothing: email is off and nothing else changes.
 */
public final class EmailOutbox {
    private final EmailSettings settings;
    private final Clock clock;
    private final Runnable wakeSender;

    public EmailOutbox(EmailSettings settings, Clock clock, Runnable wakeSender) {
        this.settings = settings;
        this.clock = clock;
        this.wakeSender = wakeSender;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public EmailSettings settings() {
        return settings;
    }

    public void enqueue(Handle tx, OutgoingEmail email) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        tx.attach(EmailDao.class)
                .enqueue(
                        UUID.randomUUID(),
                        email.kind(),
                        email.recipient(),
                        email.subject(),
                        email.text(),
                        email.html(),
                        Json.write(email.headers()),
                        email.conversationId(),
                        email.contactId(),
                        now,
                        now);
        tx.afterCommit(wakeSender);
    }
}
