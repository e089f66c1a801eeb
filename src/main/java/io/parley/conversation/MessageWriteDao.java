package io.parley.conversation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of {@link MessageWriter}, and only those. An interface of its own because Jdbi
 * builds a handler for every method of a SQL object each time one is attached, and the writer
 * attaches once per commit: attaching the whole ConversationDao cost more CPU than most of the
 * statements it then ran (docs/performance.md).
 */
public interface MessageWriteDao extends SqlObject {
    /**
     * The channel of each stored conversation among {@code ids} (one not yet stored is absent),
     * locking those rows until the transaction ends. A message writer takes this lock before the
     * database hands out its messages' seqs, so within a conversation seq order is commit order
     * even with several nodes writing: see docs/ordering.md. In id order, so two writers never
     * wait for each other in a cycle.
     */
    @SqlQuery("SELECT id, channel_id, state FROM conversations WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
    @RegisterConstructorMapper(Locked.class)
    List<Locked> lockForWriting(@BindList Collection<UUID> ids);

    /**
     * The same rows without the lock, for a database only this process writes (embedded H2): the
     * group commit already lets one message transaction run at a time, and on H2 a row lock is a
     * write of the row, which cost more than a third of a one-message commit (docs/performance.md).
     */
    @SqlQuery("SELECT id, channel_id, state FROM conversations WHERE id IN (<ids>)")
    @RegisterConstructorMapper(Locked.class)
    List<Locked> readForWriting(@BindList Collection<UUID> ids);

    /** A conversation a message writer holds: its channel, and its state before the batch. */
    record Locked(UUID id, UUID channelId, String state) {}

    /** The contact wrote again: snoozed or closed conversations open (rows already locked by the writer). */
    @SqlUpdate("UPDATE conversations SET state = 'OPEN', snoozed_until_ms = NULL WHERE id IN (<ids>)")
    void reopenAll(@BindList Collection<UUID> ids);

    record NewConversation(UUID id, UUID channelId, UUID contactId, long createdAtMs) {}

    @SqlBatch("""
             INSERT INTO conversations (id, channel_id, contact_id, created_at_ms, last_message_seq, unread_message_count)
             VALUES (:id, :channelId, :contactId, :createdAtMs, 0, 0)""")
    void insertConversations(@BindMethods Collection<NewConversation> conversations);

    /** A conversation's share of one committed batch of messages. */
    record Activity(UUID id, long lastSeq, int fromContact) {}

    /**
     * Moves each conversation's activity and unread count, and answers the unread counts as they
     * now are, read back from the updates themselves (generated keys: {@code RETURNING} on
     * PostgreSQL, the updated rows on H2) rather than by another query. GREATEST: two batches'
     * updates may commit in either order once several nodes write. Bound by position, as
     * insertMessages.
     */
    default Map<UUID, Integer> recordActivity(Collection<Activity> activity) {
        PreparedBatch batch = getHandle().prepareBatch("""
                        UPDATE conversations
                        SET last_message_seq = GREATEST(last_message_seq, ?),
                            unread_message_count = unread_message_count + ?
                        WHERE id = ?""");
        for (Activity a : activity) {
            batch.bind(0, a.lastSeq()).bind(1, a.fromContact()).bind(2, a.id()).add();
        }
        Map<UUID, Integer> unread = new HashMap<>();
        batch.executePreparedBatch("id", "unread_message_count")
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
                .forEach(row -> unread.put(row.getKey(), row.getValue()));
        return unread;
    }

    /** The seq each message got, keyed by message id (the order of generated keys is not promised). */
    record Sequenced(UUID id, long seq) {}

    /**
     * {@code seq} of each message is ignored: the database assigns it. Bound by position: this runs
     * for every message, and positional binds skip the reflection that binding by name costs.
     */
    default List<Sequenced> insertMessages(Collection<Message> messages) {
        PreparedBatch batch = getHandle().prepareBatch("""
                        INSERT INTO messages (id, conversation_id, from_contact, sender_id, content, state, sent_at_ms,
                            sender_type, attachment, quick_replies, postback, client_message_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        for (Message m : messages) {
            batch.bind(0, m.id())
                    .bind(1, m.conversationId())
                    .bind(2, m.fromContact())
                    .bind(3, m.senderId())
                    .bind(4, m.content())
                    .bind(5, m.state())
                    .bind(6, m.sentAtMs())
                    .bind(7, m.senderType().wire())
                    .bind(8, RichColumns.attachment(m.attachment()))
                    .bind(9, RichColumns.quickReplies(m.quickReplies()))
                    .bind(10, RichColumns.postback(m.postback()))
                    .bind(11, m.clientMessageId())
                    .add();
        }
        return batch.executePreparedBatch("id", "seq")
                .map((rs, ctx) -> new Sequenced(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
    }
}
