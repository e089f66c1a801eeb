package io.parley.webhook;

import io.parley.conversation.Message;
import io.parley.conversation.MessageStoredListener;
import io.parley.web.Json;
import java.time.Clock;
import java.util.UUID;
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
    public void stored(Handle tx, UUID channelId, Message message) {
        WebhookDao dao = tx.attach(WebhookDao.class);
        if (!dao.isSubscribed()) {
            return;
        }
        dao.enqueue(message.id(), message.conversationId(), Json.write(WebhookPayload.of(channelId, message)),
                clock.millis());
        tx.afterCommit(wakeDispatcher);
    }
}
