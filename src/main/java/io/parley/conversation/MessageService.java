package io.parley.conversation;

import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelService;
import io.parley.db.GroupCommit;
import io.parley.errors.BadRequest;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.json.Times;
import io.parley.metrics.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The one write path for messages, from visitors and operators alike: commit first, then fan
 * out. A caller that gets a message back knows it is in the database.
 */
public final class MessageService implements AutoCloseable {
    public static final int MAX_TEXT_LENGTH = 10_000;

    private final Jdbi jdbi;
    private final ChannelService channels;
    private final Fanout fanout;
    private final Clock clock;
    private final Metrics metrics;
    private final GroupCommit<MessageWriter.Append, MessageWriter.Written> writes;
    private final InboxService inbox;

    public MessageService(
            Jdbi jdbi,
            ChannelService channels,
            Fanout fanout,
            Clock clock,
            Metrics metrics,
            MessageStoredListener onStored,
            InboxService inbox) {
        this.inbox = inbox;
        this.writes = new GroupCommit<>(jdbi, "messages", new MessageWriter(onStored));
        this.metrics = metrics;
        this.jdbi = jdbi;
        this.channels = channels;
        this.fanout = fanout;
        this.clock = clock;
    }

    /** The caller has checked that the visitor's channel is connected and the visitor within its limits. */
    public Message sendFromContact(VisitorClaims visitor, String text) {
        Message message = append(
                visitor.channelId(),
                visitor.conversationId(),
                visitor.contactId(),
                true,
                visitor.contactId().toString(),
                text);
        inbox.contactWrote(
                message.conversationId(),
                message.seq(),
                channels.info(visitor.channelId()).autoAssign());
        return message;
    }

    /**
     * An operator's reply. It does not raise the unread count: that counts what the contact wrote
     * and nobody has read yet.
     */
    public Message sendFromOperator(UUID conversationId, String text) {
        var owner =
                jdbi.onDemand(ConversationDao.class).ownerOf(conversationId).orElseThrow(ConversationService::notFound);
        if (!channels.info(owner.channelId()).connected()) {
            throw new BadRequest("channel is disconnected: its visitors can no longer receive replies");
        }
        return append(owner.channelId(), conversationId, owner.contactId(), false, Message.OPERATOR_SENDER, text);
    }

    public List<Message> history(UUID conversationId) {
        return jdbi.onDemand(MessageDao.class).history(conversationId);
    }

    private Message append(
            UUID channelId, UUID conversationId, UUID contactId, boolean fromContact, String senderId, String text) {
        long started = System.nanoTime();
        Message message = new Message(
                0, UUID.randomUUID(), conversationId, fromContact, senderId, text, Message.DELIVERED, clock.millis());
        // concurrent sends share one commit; returning still means this message is committed
        MessageWriter.Written written = writes.write(new MessageWriter.Append(channelId, contactId, message));
        publish(channelId, written.message(), written.unread());
        metrics.messageSent(System.nanoTime() - started);
        return written.message();
    }

    private void publish(UUID channelId, Message message, int unread) {
        UUID conversationId = message.conversationId();
        fanout.publish(
                Topic.conversation(conversationId),
                MessageEvents.MESSAGE_DESTINATION,
                Json.write(new MessageEvents.ToVisitor(MessageView.forVisitor(message))));
        fanout.publish(
                Topic.OPERATORS,
                MessageEvents.MESSAGE_DESTINATION,
                Json.write(new MessageEvents.ToOperator(conversationId, channelId, MessageView.forOperator(message))));
        fanout.publish(
                Topic.OPERATORS,
                MessageEvents.UNREAD_DESTINATION,
                Json.write(new MessageEvents.UnreadCount(conversationId, unread, Times.iso(clock.millis()))));
    }

    /** Finishes the writes already queued. */
    @Override
    public void close() {
        writes.close();
    }
}
