package io.parley.conversation;

import io.parley.errors.NotFound;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.json.Times;
import java.time.Clock;
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
    private final MessageViews views;

    public ConversationService(Jdbi jdbi, Fanout fanout, Clock clock, MessageViews views) {
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

    public void markRead(UUID id) {
        if (jdbi.onDemand(ConversationDao.class).markRead(id) == 0) {
            throw notFound();
        }
        fanout.publish(
                Topic.OPERATORS,
                MessageEvents.UNREAD_DESTINATION,
                Json.write(new MessageEvents.UnreadCount(id, 0, Times.iso(clock.millis()))));
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
