package io.parley.email;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Due operator notifications and the waiting visitor messages they carry. */
@RegisterConstructorMapper(OperatorNoticeDao.Due.class)
@RegisterConstructorMapper(FollowUpDao.Line.class)
public interface OperatorNoticeDao {
    record Due(UUID id, UUID channelId, Long operatorLastReadAtMs, Long operatorEmailedAtMs) {}

    @SqlUpdate("""
             UPDATE conversations SET operator_email_due_at_ms = :dueAt
             WHERE id IN (<ids>) AND operator_email_due_at_ms IS NULL""")
    void scheduleIfUnscheduled(@BindList List<UUID> ids, long dueAt);

    @SqlQuery("""
             SELECT id, channel_id, operator_last_read_at_ms, operator_emailed_at_ms FROM conversations
             WHERE operator_email_due_at_ms <= :now
             ORDER BY operator_email_due_at_ms LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<Due> lockDue(long now, int limit);

    @SqlQuery("SELECT name FROM channels WHERE id = :id")
    String channelName(UUID id);

    @SqlUpdate("UPDATE conversations SET operator_email_due_at_ms = :dueAt WHERE id = :id")
    void reschedule(UUID id, long dueAt);

    @SqlUpdate("UPDATE conversations SET operator_email_due_at_ms = NULL WHERE id = :id")
    void clearDue(UUID id);

    @SqlUpdate("UPDATE conversations SET operator_email_due_at_ms = NULL, operator_emailed_at_ms = :now WHERE id = :id")
    void emailed(UUID id, long now);

    /** Visitor messages no operator has read, oldest first. */
    @SqlQuery("""
             SELECT seq, from_contact, content, sent_at_ms FROM messages
             WHERE conversation_id = :id AND from_contact = TRUE AND sent_at_ms > :readAt
             ORDER BY seq LIMIT 20""")
    List<FollowUpDao.Line> unreadVisitorMessages(UUID id, long readAt);
}
