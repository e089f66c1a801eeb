package io.parley.conversation;

import io.parley.db.GroupCommit;
import io.parley.db.GroupCommit.Outcome;
import io.parley.errors.NotFound;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a batch of messages with one statement of each kind, whatever the batch size: look up
 * the conversations, create the new ones, insert the messages, move each conversation's activity
 * and unread count once, read the counts back, and let the listener (the webhook outbox) add its
 * rows. Per message the work is then a few index entries, not a few statement round trips.
 */
final class MessageWriter implements GroupCommit.BatchWriter<MessageWriter.Append, MessageWriter.Written> {
    /**
     * One message to store; the conversation is created by its first message. {@code welcome}: the
     * channel's welcome message, stored before a visitor's first message (null: none, or not a visitor).
     */
    record Append(UUID channelId, UUID contactId, Message message, String welcome) {}

    /**
     * The stored message and its conversation's unread count once the batch is written; {@code
     * duplicate} when the message is an earlier one with the same client id (nothing new was stored).
     */
    record Written(Message message, int unread, boolean duplicate, Message welcome, boolean reopened) {}

    private final MessageStoredListener onStored;
    /** Lock the conversations written to: only where other processes write the same database. */
    private final boolean lockRows;

    MessageWriter(MessageStoredListener onStored, boolean lockRows) {
        this.onStored = onStored;
        this.lockRows = lockRows;
    }

    @Override
    public List<Outcome<Written>> write(Handle tx, List<Append> batch) {
        MessageWriteDao sql = tx.attach(MessageWriteDao.class);
        List<MessageWriteDao.Locked> locked = stored(sql, batch);
        Map<UUID, UUID> channelOf = new HashMap<>();
        locked.forEach(row -> channelOf.put(row.id(), row.channelId()));
        Map<UUID, Message> welcomes = new HashMap<>();
        List<Message> accepted = createConversations(sql, batch, channelOf, welcomes);
        // a client id used before (in this batch or committed) is answered with its first message
        Map<ClientIds.Key, Message> earlier = ClientIds.earlier(tx, accepted);
        List<Message> inserted = insertMessages(sql, ClientIds.firstOfEach(accepted, earlier));
        Set<UUID> reopened = reopen(sql, locked, inserted);
        Map<UUID, Integer> unread = recordActivity(tx, sql, channelOf, inserted);
        // the welcomes, now with their seq, are not items of the batch: each rides with its visitor's message
        Set<UUID> welcomeIds = new HashSet<>();
        welcomes.values().forEach(welcome -> welcomeIds.add(welcome.id()));
        List<Message> sent = new ArrayList<>(inserted.size());
        for (Message message : inserted) {
            if (welcomeIds.contains(message.id())) {
                welcomes.put(message.conversationId(), message);
            } else {
                sent.add(message);
            }
        }
        return outcomes(batch, channelOf, sent, earlier, unread, welcomes, reopened);
    }

    /**
     * Phase 1: the conversations of the batch that are already stored, with their channel and
     * state. With several nodes those rows are locked, so that within a conversation seq order is
     * commit order across nodes (docs/ordering.md); on embedded H2 one message transaction runs
     * at a time anyway.
     */
    private List<MessageWriteDao.Locked> stored(MessageWriteDao sql, List<Append> batch) {
        List<UUID> ids = batch.stream()
                .map(append -> append.message().conversationId())
                .distinct()
                .toList();
        return lockRows ? sql.lockForWriting(ids) : sql.readForWriting(ids);
    }

    /**
     * A contact's message opens a snoozed or closed conversation again, in the same transaction
     * as the message; returns the conversations that changed state (seldom any).
     */
    private static Set<UUID> reopen(MessageWriteDao sql, List<MessageWriteDao.Locked> locked, List<Message> inserted) {
        Set<UUID> wroteByContact = new HashSet<>();
        inserted.stream().filter(Message::fromContact).forEach(m -> wroteByContact.add(m.conversationId()));
        Set<UUID> reopened = new HashSet<>();
        for (MessageWriteDao.Locked row : locked) {
            if (!Conversation.OPEN.equals(row.state()) && wroteByContact.contains(row.id())) {
                reopened.add(row.id());
            }
        }
        if (!reopened.isEmpty()) {
            sql.reopenAll(reopened);
        }
        return reopened;
    }

    /**
     * Phase 2: creates the conversations first written to in this batch (adding them to
     * {@code channelOf}) and returns the messages whose conversation belongs to their channel.
     */
    private static List<Message> createConversations(
            MessageWriteDao sql, List<Append> batch, Map<UUID, UUID> channelOf, Map<UUID, Message> welcomes) {
        List<MessageWriteDao.NewConversation> created = new ArrayList<>();
        List<Message> accepted = new ArrayList<>(batch.size());
        for (Append append : batch) {
            UUID conversationId = append.message().conversationId();
            UUID owner = channelOf.putIfAbsent(conversationId, append.channelId());
            if (owner == null) {
                created.add(new MessageWriteDao.NewConversation(
                        conversationId,
                        append.channelId(),
                        append.contactId(),
                        append.message().sentAtMs()));
                if (append.welcome() != null) {
                    Message welcome = welcome(append);
                    welcomes.put(conversationId, welcome);
                    accepted.add(welcome);
                }
            }
            if (owner == null || owner.equals(append.channelId())) {
                accepted.add(append.message());
            }
        }
        if (!created.isEmpty()) {
            // in id order, like the locks: two nodes creating the same new conversations never wait in a cycle
            created.sort(Comparator.comparing(MessageWriteDao.NewConversation::id));
            sql.insertConversations(created);
        }
        return accepted;
    }

    /**
     * The channel's welcome, from the "Operator" (the widget shows it on the team's side) and a
     * millisecond before the visitor's first message, so that every history shows it above it.
     */
    private static Message welcome(Append append) {
        Message first = append.message();
        return new Message(
                0,
                UUID.randomUUID(),
                first.conversationId(),
                false,
                SenderRef.SYSTEM_OPERATOR.id(),
                append.welcome(),
                Message.DELIVERED,
                first.sentAtMs() - 1,
                SenderRef.SYSTEM_OPERATOR.type(),
                null,
                List.of(),
                null,
                null);
    }

    /** Phase 3: inserts the messages; returns them, in order, with the sequence numbers the database gave them. */
    private static List<Message> insertMessages(MessageWriteDao sql, List<Message> accepted) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        Map<UUID, Long> seqOf = new HashMap<>();
        sql.insertMessages(accepted).forEach(key -> seqOf.put(key.id(), key.seq()));
        return accepted.stream()
                .map(message -> message.withSeq(seqOf.get(message.id())))
                .toList();
    }

    /**
     * Phase 4: moves each conversation's activity and unread count once, reads the counts back and
     * lets the listener add its rows; returns the unread count of each conversation written to.
     */
    private Map<UUID, Integer> recordActivity(
            Handle tx, MessageWriteDao sql, Map<UUID, UUID> channelOf, List<Message> inserted) {
        if (inserted.isEmpty()) {
            return Map.of();
        }
        Map<UUID, MessageWriteDao.Activity> activity = new LinkedHashMap<>();
        for (Message message : inserted) {
            activity.merge(
                    message.conversationId(),
                    new MessageWriteDao.Activity(
                            message.conversationId(), message.seq(), message.fromContact() ? 1 : 0),
                    (a, b) -> new MessageWriteDao.Activity(
                            a.id(), Math.max(a.lastSeq(), b.lastSeq()), a.fromContact() + b.fromContact()));
        }
        Map<UUID, Integer> unread = sql.recordActivity(activity.values());
        onStored.stored(
                tx,
                inserted.stream()
                        .map(message ->
                                new MessageStoredListener.Stored(channelOf.get(message.conversationId()), message))
                        .toList());
        return unread;
    }

    /**
     * Phase 5: one outcome per item of the batch, in order; another channel's conversation is
     * refused, and a repeated client id answers with the message that first carried it.
     */
    private static List<Outcome<Written>> outcomes(
            List<Append> batch,
            Map<UUID, UUID> channelOf,
            List<Message> inserted,
            Map<ClientIds.Key, Message> earlier,
            Map<UUID, Integer> unread,
            Map<UUID, Message> welcomes,
            Set<UUID> reopened) {
        List<Outcome<Written>> outcomes = new ArrayList<>(batch.size());
        Map<ClientIds.Key, Message> first = new HashMap<>(earlier);
        int next = 0;
        for (Append append : batch) {
            UUID conversationId = append.message().conversationId();
            ClientIds.Key key = ClientIds.Key.of(append.message());
            if (!channelOf.get(conversationId).equals(append.channelId())) {
                // the same answer as an unknown conversation
                outcomes.add(Outcome.refused(new NotFound("conversation not found")));
            } else if (key != null && first.containsKey(key)) {
                outcomes.add(Outcome.written(new Written(first.get(key), 0, true, null, false)));
            } else {
                Message message = inserted.get(next++);
                if (key != null) {
                    first.put(key, message);
                }
                outcomes.add(Outcome.written(new Written(
                        message,
                        unread.get(conversationId),
                        false,
                        welcomes.remove(conversationId),
                        reopened.remove(conversationId))));
            }
        }
        return outcomes;
    }
}
