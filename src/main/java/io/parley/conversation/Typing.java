package io.parley.conversation;

import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.auth.VisitorClaims;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.json.Times;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Typing indicators: relayed to the other side only (a visitor's typing to operators, an
 * operator's or bot's to the visitor), so a sender never hears its own. Each lasts
 * {@link #LASTS_MS} unless repeated; a message from the sender ends it on the clients' side.
 * Nothing is stored: a lost indicator expires by itself.
 */
public final class Typing {
    public static final long LASTS_MS = 5_000;
    static final long MIN_INTERVAL_MS = 1_000;

    private final Fanout fanout;
    private final Clock clock;
    private final ConversationService conversations;
    /** Bots type over HTTP, without a socket: throttled per conversation on this node. */
    private final Throttle httpThrottle = new Throttle();

    /** An operator's display name by id (null when unknown). */
    private final Function<UUID, String> names;

    public Typing(Fanout fanout, Clock clock, ConversationService conversations, Function<UUID, String> names) {
        this.names = names;
        this.fanout = fanout;
        this.clock = clock;
        this.conversations = conversations;
    }

    /** Per socket: a repeat within a second of the last relayed one is dropped, silently. */
    public static final class Throttle {
        private final Map<UUID, Long> last = new ConcurrentHashMap<>();

        public boolean allow(UUID conversationId) {
            long now = System.nanoTime() / 1_000_000;
            if (last.size() > 10_000) {
                last.values().removeIf(at -> now - at > LASTS_MS);
            }
            Long previous = last.get(conversationId);
            if (previous != null && now - previous < MIN_INTERVAL_MS) {
                return false;
            }
            last.put(conversationId, now);
            return true;
        }
    }

    public void contactTypes(VisitorClaims visitor, Throttle throttle) {
        if (!throttle.allow(visitor.conversationId())) {
            return;
        }
        var sender = new LiveEvents.Sender(visitor.contactId().toString(), "contact", null);
        fanout.publish(
                Topic.OPERATORS,
                LiveEvents.TYPING_DESTINATION,
                Json.write(new LiveEvents.TypingToOperator(
                        visitor.conversationId(), visitor.channelId(), sender, expiresAt())));
    }

    /** 404 for an unknown conversation, even when the event itself would be dropped. */
    public void operatorTypes(UUID conversationId, Throttle throttle, Caller caller) {
        conversations.owner(conversationId);
        if (!throttle.allow(conversationId)) {
            return;
        }
        fanout.publish(
                Topic.conversation(conversationId),
                LiveEvents.TYPING_DESTINATION,
                Json.write(new LiveEvents.TypingToVisitor(sender(caller), expiresAt())));
    }

    public void operatorTypes(UUID conversationId, Caller caller) {
        operatorTypes(conversationId, httpThrottle, caller);
    }

    /** As visitors see a message's sender: a name, never an email; the system token is "Operator". */
    private LiveEvents.Sender sender(Caller caller) {
        if (caller == null || caller.isSystem()) {
            return LiveEvents.OPERATOR;
        }
        String type = caller.role() == Access.BOT ? "bot" : "operator";
        return new LiveEvents.Sender(caller.operatorId().toString(), type, names.apply(caller.operatorId()));
    }

    private String expiresAt() {
        return Times.iso(clock.millis() + LASTS_MS);
    }
}
