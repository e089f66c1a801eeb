package io.parley.webhook;

import io.parley.conversation.MessageStoredListener;
import io.parley.conversation.MessageStoredListener.Stored;
import io.parley.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Writes a message's webhook event in the message's own transaction, so an event exists exactly
 * when its message does. The body is serialized now: what is signed later is what was stored.
 */
public final class WebhookOutbox implements MessageStoredListener {
    private final Clock clock;
    private final Runnable wakeDispatcher;

    public WebhookOutbox(Clock clock, Runnable wakeDispatcher) {
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    @Override
    public void stored(Handle tx, List<Stored> messages) {
        Sql dao = tx.attach(Sql.class);
        if (!dao.isSubscribed()) {
            return;
        }
        long now = clock.millis();
        dao.enqueueAll(messages.stream()
                .map(stored -> new Sql.NewEvent(
                        stored.message().id(),
                        stored.message().conversationId(),
                        Json.write(WebhookPayload.of(stored.channelId(), stored.message())),
                        now))
                .toList());
        tx.afterCommit(wakeDispatcher);
    }

    /**
     * The outbox's statements in a message's transaction, apart from {@link WebhookDao}: Jdbi builds
     * a handler for every method of a SQL object at each attach, and this one is attached per commit.
     */
    interface Sql {
        @SqlQuery("SELECT COUNT(*) FROM webhooks WHERE id = 1 AND subscribed = TRUE")
        boolean isSubscribed();

        /** One event to deliver; {@code body} is the exact JSON that will be sent and signed. */
        record NewEvent(UUID eventId, UUID conversationId, String body, long now) {}

        @SqlBatch("""
                 INSERT INTO webhook_outbox (event_id, conversation_id, body, status, attempts, next_attempt_at_ms,
                 created_at_ms, updated_at_ms)
                 VALUES (:eventId, :conversationId, :body, 'PENDING', 0, :now, :now, :now)""")
        void enqueueAll(@BindMethods List<NewEvent> events);
    }
}
