package io.parley.conversation;

import io.parley.db.GroupCommit;
import io.parley.db.GroupCommit.Outcome;
import io.parley.web.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a batch of messages with one statement of each kind, whatever the batch size: look up
 * the conversations, create the new ones, insert the messages, move each conversation's activity
 * and unread count once, read the counts back, and let the listener (the webhook outbox) add its
 * rows. Per message the work is then a few index entries, not a few statement round trips.
 */
final class MessageWriter implements GroupCommit.BatchWriter<MessageWriter.Append, MessageWriter.Written> {
    /** One message to store; the conversation is created by its first message. */
    record Append(UUID channelId, UUID contactId, Message message) {}

    /** The stored message and its conversation's unread count once the batch is written. */
    record Written(Message message, int unread) {}

    private final MessageStoredListener onStored;

    MessageWriter(MessageStoredListener onStored) {
        this.onStored = onStored;
    }

    @Override
    public List<Outcome<Written>> write(Handle tx, List<Append> batch) {
        ConversationDao conversations = tx.attach(ConversationDao.class);
        Map<UUID, UUID> channelOf = new HashMap<>(conversations.lockForWriting(batch.stream()
                .map(append -> append.message().conversationId())
                .distinct()
                .toList()));
        List<ConversationDao.NewConversation> created = new ArrayList<>();
        List<Message> accepted = new ArrayList<>(batch.size());
        for (Append append : batch) {
            UUID conversationId = append.message().conversationId();
            UUID owner = channelOf.putIfAbsent(conversationId, append.channelId());
            if (owner == null) {
                created.add(new ConversationDao.NewConversation(
                        conversationId,
                        append.channelId(),
                        append.contactId(),
                        append.message().sentAtMs()));
            }
            if (owner == null || owner.equals(append.channelId())) {
                accepted.add(append.message());
            }
        }
        if (!created.isEmpty()) {
            // in id order, like the locks: two nodes creating the same new conversations never wait in a cycle
            created.sort(Comparator.comparing(ConversationDao.NewConversation::id));
            conversations.insertAll(created);
        }
        Map<UUID, Long> seqOf = new HashMap<>();
        if (!accepted.isEmpty()) {
            tx.attach(MessageDao.class).insertAll(accepted).forEach(key -> seqOf.put(key.id(), key.seq()));
        }
        Map<UUID, ConversationDao.Activity> activity = new LinkedHashMap<>();
        List<MessageStoredListener.Stored> stored = new ArrayList<>(accepted.size());
        for (Message message : accepted) {
            Message withSeq = withSeq(message, seqOf.get(message.id()));
            activity.merge(
                    message.conversationId(),
                    new ConversationDao.Activity(
                            message.conversationId(), withSeq.seq(), message.fromContact() ? 1 : 0),
                    (a, b) -> new ConversationDao.Activity(
                            a.id(), Math.max(a.lastSeq(), b.lastSeq()), a.fromContact() + b.fromContact()));
            stored.add(new MessageStoredListener.Stored(channelOf.get(message.conversationId()), withSeq));
        }
        Map<UUID, Integer> unread = Map.of();
        if (!activity.isEmpty()) {
            conversations.recordActivity(activity.values());
            unread = conversations.unreadCounts(activity.keySet());
            onStored.stored(tx, stored);
        }
        List<Outcome<Written>> outcomes = new ArrayList<>(batch.size());
        int next = 0;
        for (Append append : batch) {
            UUID conversationId = append.message().conversationId();
            if (!channelOf.get(conversationId).equals(append.channelId())) {
                // another channel's conversation: the same answer as an unknown one
                outcomes.add(Outcome.refused(ApiException.notFound("conversation not found")));
            } else {
                Message message = stored.get(next++).message();
                outcomes.add(Outcome.written(new Written(message, unread.get(conversationId))));
            }
        }
        return outcomes;
    }

    private static Message withSeq(Message m, long seq) {
        return new Message(
                seq, m.id(), m.conversationId(), m.fromContact(), m.senderId(), m.content(), m.state(), m.sentAtMs());
    }
}
