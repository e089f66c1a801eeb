package io.parley.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(MessageDao.MessageMapper.class)
public interface MessageDao extends SqlObject {
    /** Ends with a line break, so a WHERE clause can follow. */
    String SELECT = """
            SELECT seq, id, conversation_id, from_contact, sender_id, content, state, sent_at_ms,
                sender_type, attachment, quick_replies, postback, client_message_id
            FROM messages
            """;

    @SqlQuery(SELECT + "WHERE conversation_id = :conversationId ORDER BY seq")
    List<Message> history(UUID conversationId);

    /** conversation_id in ORDER BY lets H2 read the page straight off messages_by_conversation. */
    @SqlQuery(SELECT + """
            WHERE conversation_id = :conversationId AND seq > :seq
            ORDER BY conversation_id, seq LIMIT :limit""")
    List<Message> after(UUID conversationId, long seq, int limit);

    /** Nearest first: the page before {@code seq}, read backwards. */
    @SqlQuery(SELECT + """
            WHERE conversation_id = :conversationId AND seq < :seq
            ORDER BY conversation_id DESC, seq DESC LIMIT :limit""")
    List<Message> before(UUID conversationId, long seq, int limit);

    /** Messages of these conversations sent with any of these client ids (the caller pairs them up). */
    @SqlQuery(SELECT + "WHERE conversation_id IN (<conversationIds>) AND client_message_id IN (<clientIds>)")
    List<Message> withClientIds(
            @BindList("conversationIds") Collection<UUID> conversationIds,
            @BindList("clientIds") Collection<String> clientIds);

    /** An id older than the 24 hours it guards may be used again: the old message lets go of it. */
    @SqlUpdate("UPDATE messages SET client_message_id = NULL WHERE seq IN (<seqs>)")
    void forgetClientIds(@BindList("seqs") Collection<Long> seqs);

    @SqlQuery("SELECT COUNT(*) FROM messages WHERE conversation_id = :conversationId")
    long count(UUID conversationId);

    /** By position, in {@link #SELECT} order: a history is a thousand rows, and a lookup by name costs per column. */
    class MessageMapper implements RowMapper<Message> {
        @Override
        public Message map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Message(
                    rs.getLong(1),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getBoolean(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getLong(8),
                    SenderType.stored(rs.getString(9)),
                    RichColumns.attachment(rs.getString(10)),
                    RichColumns.quickReplies(rs.getString(11)),
                    RichColumns.postback(rs.getString(12)),
                    rs.getString(13));
        }
    }
}
