package io.parley.email;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The email outbox: queued in the cause's transaction, claimed by the sender of any node. */
@RegisterConstructorMapper(QueuedEmail.class)
public interface EmailDao {
    String PENDING = "PENDING";
    String FAILED = "FAILED";

    @SqlUpdate("""
             INSERT INTO email_outbox (id, kind, recipient, subject, text_body, html_body, headers, conversation_id,
             contact_id, status, attempts, next_attempt_at_ms, created_at_ms, updated_at_ms)
             VALUES (:id, :kind, :recipient, :subject, :text, :html, :headers, CAST(:conversationId AS UUID),
             CAST(:contactId AS UUID),
             'PENDING', 0, :notBefore, :now, :now)""")
    void enqueue(
            UUID id,
            String kind,
            String recipient,
            String subject,
            String text,
            String html,
            String headers,
            UUID conversationId,
            UUID contactId,
            long notBefore,
            long now);

    /**
     * Claims up to {@code limit} due emails: each is hidden from every other claim until
     * {@code leaseUntil}. Rows another node is claiming right now are skipped, not waited for, so
     * the senders of several nodes share the outbox and each email goes out once.
     */
    @Transaction
    default List<QueuedEmail> claimDue(long now, int limit, long leaseUntil) {
        List<QueuedEmail> due = lockDue(now, limit);
        if (!due.isEmpty()) {
            lease(due.stream().map(QueuedEmail::seq).toList(), leaseUntil);
        }
        return due;
    }

    @SqlQuery("""
             SELECT seq, id, kind, recipient, subject, text_body, html_body, headers, attempts FROM email_outbox
             WHERE status = 'PENDING' AND next_attempt_at_ms <= :now
             ORDER BY next_attempt_at_ms, seq LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<QueuedEmail> lockDue(long now, int limit);

    @SqlUpdate(
            "UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at_ms = :leaseUntil WHERE seq IN (<seqs>)")
    void lease(@BindList List<Long> seqs, long leaseUntil);

    @SqlQuery("SELECT MIN(next_attempt_at_ms) FROM email_outbox WHERE status = 'PENDING'")
    Optional<Long> nextDueAt();

    /** The {@code attempts} guard: a worker that outlived its lease does not undo another's claim. */
    @SqlUpdate("DELETE FROM email_outbox WHERE seq = :seq AND attempts = :attempts")
    void sent(long seq, int attempts);

    @SqlUpdate("""
             UPDATE email_outbox SET status = :status, next_attempt_at_ms = :nextAttemptAt, last_error = :error,
             updated_at_ms = :now WHERE seq = :seq AND attempts = :attempts AND status = 'PENDING'""")
    void attemptFailed(long seq, int attempts, String status, long nextAttemptAt, String error, long now);

    @SqlUpdate("""
             UPDATE email_outbox SET next_attempt_at_ms = :now
             WHERE seq = :seq AND attempts = :attempts AND status = 'PENDING'""")
    void release(long seq, int attempts, long now);

    @SqlQuery("SELECT COUNT(*) FROM email_outbox WHERE status = :status")
    long count(String status);

    @SqlUpdate("DELETE FROM email_outbox WHERE status = 'FAILED' AND updated_at_ms < :before")
    void pruneFailed(long before);
}
