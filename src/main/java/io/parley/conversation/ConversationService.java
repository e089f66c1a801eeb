package io.parley.conversation;

import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelService;
import io.parley.db.Retry;
import io.parley.errors.NotFound;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.json.Times;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Conversations and their messages as operators read them: lists, pages, unread counts. */
public final class ConversationService {
    private static final Keyset<Conversation> BY_ACTIVITY =
            new Keyset<>(Cursor.CONVERSATIONS, true, Conversation::activity);
    private static final Keyset<Message> BY_SEQ = new Keyset<>(Cursor.MESSAGES, false, Message::seq);

    private final Jdbi jdbi;
    private final Fanout fanout;
    private final Clock clock;
    private final ChannelService channels;
    private final MessageViews views;

    public ConversationService(Jdbi jdbi, Fanout fanout, Clock clock, ChannelService channels, MessageViews views) {
        this.channels = channels;
        this.views = views;
        this.jdbi = jdbi;
        this.fanout = fanout;
        this.clock = clock;
    }

    /** Most recent activity first. */
    public Page<ConversationView> list(ConversationFilter filter, Cursor cursor, int size) {
        return jdbi.withExtension(ConversationDao.class, dao -> {
            var rows = dao.page(filter, Keyset.forwards(cursor), BY_ACTIVITY.start(cursor), size + 1);
            var slice = BY_ACTIVITY.slice(cursor, rows, size);
            var counts = dao.counts(filter);
            return new Page<>(
                    slice.items().stream()
                            .map(c -> ConversationView.of(c, views, clock.millis()))
                            .toList(),
                    new Page.Metadata(
                            slice.previousCursor(),
                            slice.nextCursor(),
                            counts.filteredTotal(),
                            counts.total(),
                            counts.badgeUnreadCount()));
        });
    }

    public ConversationView info(UUID id) {
        return jdbi.onDemand(ConversationDao.class)
                .find(id)
                .map(c -> ConversationView.of(c, views, clock.millis()))
                .orElseThrow(ConversationService::notFound);
    }

    /** The channel and visitor a conversation belongs to; 404 when there is no such conversation. */
    public ConversationDao.Owner owner(UUID conversationId) {
        return jdbi.onDemand(ConversationDao.class).ownerOf(conversationId).orElseThrow(ConversationService::notFound);
    }

    /** The operators have read everything: unread count 0, and a read receipt unless the channel hides them. */
    public void markRead(UUID id) {
        long now = clock.millis();
        var dao = jdbi.onDemand(ConversationDao.class);
        if (dao.markRead(id, now) == 0) {
            throw notFound();
        }
        fanout.publish(
                Topic.OPERATORS,
                MessageEvents.UNREAD_DESTINATION,
                Json.write(new MessageEvents.UnreadCount(id, 0, Times.iso(now))));
        UUID channelId = dao.channelOf(id).orElseThrow(ConversationService::notFound);
        if (channels.info(channelId).widget().readReceipts()) {
            fanout.publish(
                    Topic.conversation(id),
                    LiveEvents.READ_DESTINATION,
                    Json.write(new LiveEvents.ReadToVisitor("operator", Times.iso(now))));
        }
    }

    /**
     * When the operators last read it, ISO time, for a widget that shows "Seen" after a reload; null
     * when never read or when the channel hides read receipts.
     */
    public String operatorLastReadAt(UUID id, boolean readReceipts) {
        Long at = readReceipts ? jdbi.onDemand(ConversationDao.class).operatorLastReadAt(id) : null;
        return at == null ? null : Times.iso(at);
    }

    /** The visitor has seen everything so far; before its first message there is nothing to mark. */
    public void markReadByContact(VisitorClaims visitor) {
        long now = clock.millis();
        if (jdbi.onDemand(ConversationDao.class).markReadByContact(visitor.conversationId(), now) > 0) {
            fanout.publish(
                    Topic.OPERATORS,
                    LiveEvents.READ_DESTINATION,
                    Json.write(new LiveEvents.ReadToOperator(visitor.conversationId(), "contact", Times.iso(now))));
        }
    }

    /**
     * A new visitor's context: its conversation id was just chosen, so there is nothing stored to
     * compare with, and no conversation row yet for operators to hear of.
     */
    public void recordFirstContext(UUID conversationId, ConversationContext context) {
        long now = clock.millis();
        jdbi.useExtension(ContextDao.class, dao -> dao.insert(conversationId, context, now));
    }

    /**
     * Checked at every authentication, so it follows the visitor from page to page. Written, and
     * announced to operators, only when it changed: a reload of the same page costs one read.
     */
    public void recordContext(UUID conversationId, ConversationContext context) {
        long now = clock.millis();
        boolean changed = Retry.onceOnConflict(() -> jdbi.inTransaction(handle -> {
            ContextDao dao = handle.attach(ContextDao.class);
            Optional<ConversationContext> stored = dao.find(conversationId);
            if (stored.isEmpty()) {
                dao.insert(conversationId, context, now);
            } else if (!stored.get().equals(context)) {
                dao.update(conversationId, context, now);
            }
            return !stored.equals(Optional.of(context));
        }));
        if (changed) {
            announce(conversationId);
        }
    }

    /** After a contact's details changed: each of its conversations, as operators now see it. */
    public void contactChanged(UUID contactId) {
        jdbi.onDemand(ConversationDao.class).ofContact(contactId).forEach(this::announce);
    }

    /** Publishes the conversation to operators' /queue/conversation/updated; nothing before it is stored. */
    public void announce(UUID id) {
        jdbi.onDemand(ConversationDao.class)
                .find(id)
                .ifPresent(c -> fanout.publish(
                        Topic.OPERATORS,
                        InboxService.UPDATED_DESTINATION,
                        Json.write(ConversationView.of(c, views, clock.millis()))));
    }

    /** Oldest to latest; the first page starts at the conversation's first message. */
    public Page<MessageView> messages(UUID conversationId, Cursor cursor, int size) {
        return jdbi.withHandle(handle -> {
            if (handle.attach(ConversationDao.class).channelOf(conversationId).isEmpty()) {
                throw notFound();
            }
            MessageDao dao = handle.attach(MessageDao.class);
            long start = BY_SEQ.start(cursor);
            var rows = Keyset.forwards(cursor)
                    ? dao.after(conversationId, start, size + 1)
                    : dao.before(conversationId, start, size + 1);
            var slice = BY_SEQ.slice(cursor, rows, size);
            long total = dao.count(conversationId);
            return new Page<>(
                    slice.items().stream().map(views::forOperator).toList(),
                    new Page.Metadata(slice.previousCursor(), slice.nextCursor(), total, total, null));
        });
    }

    static NotFound notFound() {
        return new NotFound("conversation not found");
    }
}
