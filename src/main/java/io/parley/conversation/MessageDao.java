package io.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Message.class)
public interface MessageDao {
    String COLUMNS = "seq, id, conversation_id, from_contact, sender_id, content, state, sent_at_ms";

    @SqlUpdate("INSERT INTO messages (id, conversation_id, from_contact, sender_id, content, state, sent_at_ms)"
            + " VALUES (:id, :conversationId, :fromContact, :senderId, :content, :state, :sentAtMs)")
    @GetGeneratedKeys("seq")
    long insert(@Bind("id") UUID id, @Bind("conversationId") UUID conversationId,
            @Bind("fromContact") boolean fromContact, @Bind("senderId") String senderId,
            @Bind("content") String content, @Bind("state") String state, @Bind("sentAtMs") long sentAtMs);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversationId ORDER BY seq")
    List<Message> history(@Bind("conversationId") UUID conversationId);

    /** conversation_id in ORDER BY lets H2 read the page straight off messages_by_conversation. */
    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversationId AND seq > :seq"
            + " ORDER BY conversation_id, seq LIMIT :limit")
    List<Message> after(@Bind("conversationId") UUID conversationId, @Bind("seq") long seq, @Bind("limit") int limit);

    /** Nearest first: the page before {@code seq}, read backwards. */
    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversationId AND seq < :seq"
            + " ORDER BY conversation_id DESC, seq DESC LIMIT :limit")
    List<Message> before(@Bind("conversationId") UUID conversationId, @Bind("seq") long seq, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM messages WHERE conversation_id = :conversationId")
    long count(@Bind("conversationId") UUID conversationId);
}
