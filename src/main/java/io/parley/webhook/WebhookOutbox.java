package io.parley.webhook;

import io.parley.conversation.MessageStoredListener;
import io.parley.conversation.MessageStoredListener.Stored;
import io.parley.json.Json;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

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
        WebhookDao dao = tx.attach(WebhookDao.class);
        if (!dao.isSubscribed()) {
            return;
        }
        long now = clock.millis();
        dao.enqueueAll(messages.stream()
                .map(stored -> new WebhookDao.NewEvent(
                        stored.message().id(),
                        stored.message().conversationId(),
                        Json.write(WebhookPayload.of(stored.channelId(), stored.message())),
                        now))
                .toList());
        tx.afterCommit(wakeDispatcher);
    }
}
