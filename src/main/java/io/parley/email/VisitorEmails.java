package io.parley.email;

import io.parley.auth.Tokens;
import io.parley.auth.VisitorClaims;
import io.parley.conversation.MessageStoredListener;
import io.parley.errors.BadRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Email to visitors: the follow-up with operator messages still unread after the delay, the
 * transcript on request, and unsubscribing. How "still unread" is decided on several nodes: an
 * operator message sets the conversation's due time in its own transaction; {@link #sendDue} (run
 * periodically on every node) claims due conversations with {@code FOR UPDATE SKIP LOCKED} and
 * looks at the visitor's last read time then, so each follow-up is decided once.
 */
public final class VisitorEmails implements MessageStoredListener {
    static final Duration MIN_GAP = Duration.ofMinutes(10);
    static final int BATCH = 20;

    private final Jdbi jdbi;
    private final EmailOutbox outbox;
    private final Tokens tokens;
    private final Clock clock;

    public VisitorEmails(Jdbi jdbi, EmailOutbox outbox, Tokens tokens, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** In the message's transaction: an operator message makes a follow-up due after the delay. */
    @Override
    public void stored(Handle tx, List<Stored> messages) {
        if (!outbox.enabled()) {
            return;
        }
        List<UUID> conversations = messages.stream()
                .filter(stored -> !stored.message().fromContact())
                .map(stored -> stored.message().conversationId())
                .distinct()
                .toList();
        if (!conversations.isEmpty()) {
            long dueAt = clock.millis() + outbox.settings().visitorDelay().toMillis();
            tx.attach(FollowUpDao.class).scheduleIfUnscheduled(conversations, dueAt);
        }
    }

    /** Decides the due follow-ups, queuing the emails in the same transaction; answers how many were due. */
    public int sendDue() {
        return jdbi.inTransaction(tx -> {
            FollowUpDao dao = tx.attach(FollowUpDao.class);
            long now = clock.millis();
            List<FollowUpDao.Due> due = dao.lockDue(now, BATCH);
            for (FollowUpDao.Due conversation : due) {
                followUp(tx, dao, conversation, now);
            }
            return due.size();
        });
    }

    private void followUp(Handle tx, FollowUpDao dao, FollowUpDao.Due c, long now) {
        if (c.visitorEmailedAtMs() != null && now < c.visitorEmailedAtMs() + MIN_GAP.toMillis()) {
            dao.reschedule(c.id(), c.visitorEmailedAtMs() + MIN_GAP.toMillis()); // one per 10 minutes
            return;
        }
        long readAt = c.contactLastReadAtMs() == null ? Long.MIN_VALUE : c.contactLastReadAtMs();
        long afterSeq = c.visitorEmailedSeq() == null ? 0 : c.visitorEmailedSeq();
        List<FollowUpDao.Line> unread = dao.unreadOperatorMessages(c.id(), afterSeq, readAt);
        Optional<FollowUpDao.Recipient> to = dao.recipient(c.contactId(), c.channelId());
        if (unread.isEmpty()
                || to.isEmpty()
                || to.get().email() == null
                || to.get().unsubscribed()) {
            dao.clearDue(c.id());
            return;
        }
        VisitorClaims visitor = new VisitorClaims(c.channelId(), c.id(), c.contactId());
        outbox.enqueue(
                tx,
                EmailTemplates.followUp(
                        to.get().email(), to.get().channelName(), unread, links(visitor), c.id(), c.contactId()));
        dao.emailed(c.id(), now, unread.get(unread.size() - 1).seq());
    }

    /** {@code /chatplugin.transcript}: the whole conversation to the visitor's own address. */
    public void transcript(VisitorClaims visitor) {
        if (!outbox.enabled()) {
            throw new BadRequest("this server sends no email (no SMTP settings)");
        }
        jdbi.useTransaction(tx -> {
            FollowUpDao dao = tx.attach(FollowUpDao.class);
            var to = dao.recipient(visitor.contactId(), visitor.channelId()).orElseThrow();
            if (to.email() == null) {
                throw new BadRequest(
                        "no email address is known for this visitor: set one with /chatplugin.updateContact");
            }
            if (to.unsubscribed()) {
                throw new BadRequest("this email address unsubscribed from Parley's emails");
            }
            List<FollowUpDao.Line> lines = dao.transcript(visitor.conversationId());
            if (lines.isEmpty()) {
                throw new BadRequest("the conversation has no messages yet");
            }
            outbox.enqueue(
                    tx,
                    EmailTemplates.transcript(
                            to.email(),
                            to.channelName(),
                            lines,
                            links(visitor),
                            visitor.conversationId(),
                            visitor.contactId()));
        });
    }

    private EmailTemplates.Links links(VisitorClaims visitor) {
        String base = outbox.settings().publicUrl().toString();
        return new EmailTemplates.Links(
                base + "/c/" + tokens.issue(Tokens.Kind.CONTINUE, visitor),
                base + "/u/" + tokens.issue(Tokens.Kind.UNSUBSCRIBE, visitor));
    }

    /** What the conversation page shows: the widget of {@code channelId}, resuming with {@code resumeToken}. */
    public record ContinuePage(UUID channelId, String title, String resumeToken) {}

    /** The page behind a continue link, or empty when the link is invalid or expired. */
    public Optional<ContinuePage> continuePage(String token) {
        VisitorClaims visitor;
        try {
            visitor = tokens.verify(Tokens.Kind.CONTINUE, token);
        } catch (io.parley.errors.Unauthorized invalid) {
            return Optional.empty();
        }
        return jdbi.withExtension(FollowUpDao.class, dao -> dao.recipient(visitor.contactId(), visitor.channelId()))
                .map(to -> new ContinuePage(
                        visitor.channelId(), to.channelName(), tokens.issue(Tokens.Kind.RESUME, visitor)));
    }

    /** Checks an unsubscribe link without acting on it (a GET, which link scanners also make). */
    public boolean validUnsubscribe(String token) {
        try {
            tokens.verify(Tokens.Kind.UNSUBSCRIBE, token);
            return true;
        } catch (io.parley.errors.Unauthorized invalid) {
            return false;
        }
    }

    /** Stops every email to the link's contact, queued ones included; false for an invalid link. */
    public boolean unsubscribe(String token) {
        if (!validUnsubscribe(token)) {
            return false;
        }
        UUID contactId = tokens.verify(Tokens.Kind.UNSUBSCRIBE, token).contactId();
        jdbi.useTransaction(tx -> {
            FollowUpDao dao = tx.attach(FollowUpDao.class);
            dao.unsubscribe(contactId, clock.millis());
            dao.dropPending(contactId);
        });
        return true;
    }
}
