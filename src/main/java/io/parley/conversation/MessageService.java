package io.parley.conversation;

import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelService;
import io.parley.channel.ContentFormat;
import io.parley.db.Database;
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
 * out. A caller that gets a message back knows it is in the database. A send that repeats a
 * client id gets the first message back, and nothing is stored or sent again.
 */
public final class MessageService implements AutoCloseable {
    public static final int MAX_TEXT_LENGTH = 10_000;

    private final Jdbi jdbi;
    private final ChannelService channels;
    private final Fanout fanout;
    private final Clock clock;
    private final Metrics metrics;
    private final MessageViews views;
    private final AttachmentResolver attachments;
    private final GroupCommit<MessageWriter.Append, MessageWriter.Written> writes;
    private final InboxService inbox;

    /** The parts a message is shown and checked with: who senders are, which files they may send. */
    public record Parts(MessageViews views, AttachmentResolver attachments) {}

    public MessageService(
            Jdbi jdbi,
            ChannelService channels,
            Fanout fanout,
            Clock clock,
            Metrics metrics,
            MessageStoredListener onStored,
            Parts parts,
            InboxService inbox) {
        this.inbox = inbox;
        this.writes = new GroupCommit<>(jdbi, new MessageWriter(onStored, !Database.singleProcess(jdbi)));
        metrics.register(
                "parley_message_commits_total",
                "Transactions that committed messages (concurrent sends share one)",
                "counter",
                () -> writes.totals().commits());
        metrics.register(
                "parley_message_commit_microseconds_total",
                "Time spent inside those transactions, from the first statement to the end of the commit",
                "counter",
                () -> writes.totals().nanos() / 1_000);
        metrics.register(
                "parley_message_commit_cpu_microseconds_total",
                "CPU time the committing threads used inside those transactions",
                "counter",
                () -> writes.totals().cpuNanos() / 1_000);
        this.metrics = metrics;
        this.jdbi = jdbi;
        this.channels = channels;
        this.fanout = fanout;
        this.clock = clock;
        this.views = parts.views();
        this.attachments = parts.attachments();
    }

    /** The caller has checked that the visitor's channel is connected and the visitor within its limits. */
    public Message sendFromContact(VisitorClaims visitor, Draft draft) {
        MessageWriter.Written written = append(
                visitor.channelId(),
                visitor.conversationId(),
                visitor.contactId(),
                SenderRef.contact(visitor.contactId()),
                draft);
        if (!written.duplicate()) {
            inbox.contactWrote(
                    written.message().conversationId(),
                    written.message().seq(),
                    written.reopened(),
                    channels.info(visitor.channelId()).autoAssign());
        }
        return written.message();
    }

    /**
     * An operator's or bot's reply. It does not raise the unread count: that counts what the
     * contact wrote and nobody has read yet.
     */
    public Message sendFromTeam(UUID conversationId, SenderRef sender, Draft draft) {
        var owner =
                jdbi.onDemand(ConversationDao.class).ownerOf(conversationId).orElseThrow(ConversationService::notFound);
        if (!channels.info(owner.channelId()).connected()) {
            throw new BadRequest("channel is disconnected: its visitors can no longer receive replies");
        }
        return append(owner.channelId(), conversationId, owner.contactId(), sender, draft)
                .message();
    }

    public List<Message> history(UUID conversationId) {
        return jdbi.onDemand(MessageDao.class).history(conversationId);
    }

    public MessageViews views() {
        return views;
    }

    private MessageWriter.Written append(
            UUID channelId, UUID conversationId, UUID contactId, SenderRef sender, Draft draft) {
        long started = System.nanoTime();
        Attachment attachment = draft.attachmentUrl() == null
                ? null
                : attachments.resolve(draft.attachmentUrl(), sender, conversationId);
        Message message = new Message(
                0,
                UUID.randomUUID(),
                conversationId,
                sender.type() == SenderType.CONTACT,
                sender.id(),
                draft.text(),
                Message.DELIVERED,
                clock.millis(),
                sender.type(),
                attachment,
                draft.quickReplies(),
                draft.postback(),
                draft.clientMessageId());
        // concurrent sends share one commit; returning still means this message is committed
        MessageWriter.Written written =
                writes.write(new MessageWriter.Append(channelId, contactId, message, welcome(channelId, sender)));
        if (!written.duplicate()) {
            if (written.welcome() != null) {
                publish(channelId, written.welcome(), written.unread());
            }
            publish(channelId, written.message(), written.unread());
            metrics.messageSent(System.nanoTime() - started);
        }
        return written;
    }

    /** The channel's welcome, for a visitor's message: stored if it opens the conversation (docs/behaviour.md). */
    private String welcome(UUID channelId, SenderRef sender) {
        String text = sender.type() == SenderType.CONTACT
                ? channels.info(channelId).widget().welcomeMessage()
                : null;
        return text == null || text.isBlank() ? null : text;
    }

    /** Each event is serialized once, whoever and however many listen. */
    private void publish(UUID channelId, Message message, int unread) {
        UUID conversationId = message.conversationId();
        ContentFormat format = channels.info(channelId).contentFormat();
        fanout.publish(
                Topic.conversation(conversationId),
                MessageEvents.MESSAGE_DESTINATION,
                Json.write(new MessageEvents.ToVisitor(views.forVisitor(message, format))));
        fanout.publish(
                Topic.OPERATORS,
                MessageEvents.MESSAGE_DESTINATION,
                Json.write(new MessageEvents.ToOperator(conversationId, channelId, views.forOperator(message))));
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
