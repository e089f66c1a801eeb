package io.parley.conversation;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ConversationDao {

    /** The channel a stored conversation belongs to; empty before its visitor's first message. */
    @SqlQuery("SELECT channel_id FROM conversations WHERE id = :id")
    Optional<UUID> channelOf(@Bind("id") UUID id);

    @SqlQuery("SELECT contact_id FROM conversations WHERE id = :id")
    Optional<UUID> contactOf(@Bind("id") UUID id);

    @SqlUpdate("INSERT INTO conversations (id, channel_id, contact_id, created_at_ms, last_message_seq, unread_message_count)"
            + " VALUES (:id, :channelId, :contactId, :createdAtMs, 0, 0)")
    void insert(@Bind("id") UUID id, @Bind("channelId") UUID channelId, @Bind("contactId") UUID contactId,
            @Bind("createdAtMs") long createdAtMs);

    /** GREATEST: two concurrent sends may commit their updates in either order. */
    @SqlUpdate("UPDATE conversations SET last_message_seq = GREATEST(last_message_seq, :seq),"
            + " unread_message_count = unread_message_count + :unreadIncrement WHERE id = :id")
    void recordMessage(@Bind("id") UUID id, @Bind("seq") long seq, @Bind("unreadIncrement") int unreadIncrement);

    @SqlQuery("SELECT unread_message_count FROM conversations WHERE id = :id")
    int unreadCount(@Bind("id") UUID id);
}
