package io.parley.email;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What visitor emails read and mark: due follow-ups, the messages they carry, where they go. */
@RegisterConstructorMapper(FollowUpDao.Due.class)
@RegisterConstructorMapper(FollowUpDao.Line.class)
@RegisterConstructorMapper(FollowUpDao.Recipient.class)
public interface FollowUpDao {
    record Due(
            UUID id,
            UUID channelId,
            UUID contactId,
            Long contactLastReadAtMs,
            Long visitorEmailedAtMs,
            Long visitorEmailedSeq) {}

    record Line(long seq, boolean fromContact, String content, long sentAtMs) {}

    /** {@code email} null when the contact never gave one; {@code unsubscribed} when it opted out. */
    record Recipient(String email, boolean unsubscribed, String channelName) {}

    @SqlUpdate("""
             UPDATE conversations SET visitor_email_due_at_ms = :dueAt
             WHERE id IN (<ids>) AND visitor_email_due_at_ms IS NULL""")
    void scheduleIfUnscheduled(@BindList List<UUID> ids, long dueAt);

    /** Due conversations, locked; those another node is handling are skipped, not waited for. */
    @SqlQuery("""
             SELECT id, channel_id, contact_id, contact_last_read_at_ms, visitor_emailed_at_ms, visitor_emailed_seq
             FROM conversations WHERE visitor_email_due_at_ms <= :now
             ORDER BY visitor_email_due_at_ms LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<Due> lockDue(long now, int limit);

    @SqlUpdate("UPDATE conversations SET visitor_email_due_at_ms = :dueAt WHERE id = :id")
    void reschedule(UUID id, long dueAt);

    @SqlUpdate("UPDATE conversations SET visitor_email_due_at_ms = NULL WHERE id = :id")
    void clearDue(UUID id);

    @SqlUpdate("""
             UPDATE conversations SET visitor_email_due_at_ms = NULL, visitor_emailed_at_ms = :now,
             visitor_emailed_seq = :seq WHERE id = :id""")
    void emailed(UUID id, long now, long seq);

    /** Operator and bot messages newer than both the last email and the visitor's last read, oldest first. */
    @SqlQuery("""
             SELECT seq, from_contact, content, sent_at_ms FROM messages
             WHERE conversation_id = :id AND from_contact = FALSE AND seq > :afterSeq AND sent_at_ms > :readAt
             ORDER BY seq LIMIT 50""")
    List<Line> unreadOperatorMessages(UUID id, long afterSeq, long readAt);

    @SqlQuery(
            "SELECT seq, from_contact, content, sent_at_ms FROM messages WHERE conversation_id = :id ORDER BY seq LIMIT 1000")
    List<Line> transcript(UUID id);

    @SqlQuery("""
             SELECT ct.email, ct.email_unsubscribed_at_ms IS NOT NULL AS unsubscribed, ch.name AS channel_name
             FROM channels ch LEFT JOIN contacts ct ON ct.id = :contactId WHERE ch.id = :channelId""")
    Optional<Recipient> recipient(UUID contactId, UUID channelId);

    @SqlUpdate("""
             UPDATE contacts SET email_unsubscribed_at_ms = :now
             WHERE id = :contactId AND email_unsubscribed_at_ms IS NULL""")
    int unsubscribe(UUID contactId, long now);

    @SqlUpdate("DELETE FROM email_outbox WHERE contact_id = :contactId AND status = 'PENDING'")
    void dropPending(UUID contactId);
}
