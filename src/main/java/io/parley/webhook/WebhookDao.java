package io.parley.webhook;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The one webhook row (id 1) and the delivery outbox. */
@RegisterConstructorMapper(Webhook.class)
@RegisterConstructorMapper(OutboxEvent.class)
@RegisterConstructorMapper(OutboxError.class)
public interface WebhookDao {
    String PENDING = "PENDING";
    String FAILED = "FAILED";

    @SqlQuery("SELECT url, headers, api_secret, subscribed FROM webhooks WHERE id = 1")
    Optional<Webhook> find();

    @SqlQuery("SELECT url, headers, api_secret, subscribed FROM webhooks WHERE id = 1 FOR UPDATE")
    Optional<Webhook> findForUpdate();

    @SqlUpdate("""
             INSERT INTO webhooks (id, url, headers, api_secret, subscribed, updated_at_ms)
             VALUES (1, :url, :headers, :apiSecret, :subscribed, :now)""")
    void insert(String url, String headers, String apiSecret, boolean subscribed, long now);

    @SqlUpdate("""
             UPDATE webhooks SET url = :url, headers = :headers, api_secret = :apiSecret,
             subscribed = :subscribed, updated_at_ms = :now WHERE id = 1""")
    void update(String url, String headers, String apiSecret, boolean subscribed, long now);

    /**
     * Claims up to {@code limit} due events for this node: each is hidden from every other claim
     * until {@code leaseUntil}, and its {@code attempts} (as returned, before the claim) fences a
     * worker that outlives its lease. Rows another node is claiming right now are skipped, not
     * waited for, so several nodes' dispatchers share the outbox and each event goes out once.
     */
    @Transaction
    default List<OutboxEvent> claimDue(long now, int limit, long leaseUntil) {
        List<OutboxEvent> due = lockDueHeads(now, limit);
        if (!due.isEmpty()) {
            lease(due.stream().map(OutboxEvent::seq).toList(), leaseUntil);
        }
        return due;
    }

    /**
     * Due events that are first in line in their conversation (delivery keeps each conversation's
     * order: the event behind a claimed one is not first until the claimed one is gone).
     */
    @SqlQuery("""
             SELECT seq, event_id, conversation_id, body, attempts FROM webhook_outbox o
             WHERE o.status = 'PENDING' AND o.next_attempt_at_ms <= :now AND NOT EXISTS (
             SELECT 1 FROM webhook_outbox p WHERE p.conversation_id = o.conversation_id
             AND p.status = 'PENDING' AND p.seq < o.seq)
             ORDER BY o.next_attempt_at_ms, o.seq LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<OutboxEvent> lockDueHeads(long now, int limit);

    @SqlUpdate(
            "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at_ms = :leaseUntil WHERE seq IN (<seqs>)")
    void lease(@BindList List<Long> seqs, long leaseUntil);

    @SqlQuery("""
             SELECT MIN(o.next_attempt_at_ms) FROM webhook_outbox o WHERE o.status = 'PENDING' AND NOT EXISTS (
             SELECT 1 FROM webhook_outbox p WHERE p.conversation_id = o.conversation_id
             AND p.status = 'PENDING' AND p.seq < o.seq)""")
    Optional<Long> nextDueAt();

    @SqlUpdate("DELETE FROM webhook_outbox WHERE seq = :seq")
    void delivered(long seq);

    /** The {@code attempts} guard ignores a worker that outlived its lease after another claimed the event. */
    @SqlUpdate("""
             UPDATE webhook_outbox SET status = :status, next_attempt_at_ms = :nextAttemptAt,
             last_error = :error, updated_at_ms = :now
             WHERE seq = :seq AND attempts = :attempts AND status = 'PENDING'""")
    void attemptFailed(long seq, int attempts, String status, long nextAttemptAt, String error, long now);

    @SqlUpdate("""
             UPDATE webhook_outbox SET next_attempt_at_ms = :now
             WHERE seq = :seq AND attempts = :attempts AND status = 'PENDING'""")
    void release(long seq, int attempts, long now);

    @SqlQuery("SELECT COUNT(*) FROM webhook_outbox WHERE status = :status")
    long count(String status);

    @SqlQuery("""
             SELECT event_id, conversation_id, status, attempts, last_error, updated_at_ms FROM webhook_outbox
             WHERE last_error IS NOT NULL ORDER BY updated_at_ms DESC, seq DESC LIMIT :limit""")
    List<OutboxError> recentErrors(int limit);

    @SqlUpdate("DELETE FROM webhook_outbox")
    int deleteAllEvents();

    @SqlUpdate("DELETE FROM webhook_outbox WHERE status = 'FAILED' AND updated_at_ms < :before")
    void pruneFailed(long before);
}
