package io.parley.email;

import io.parley.conversation.MessageStoredListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Email to operators about visitors waiting: a visitor message still unread by operators after 60
 * seconds goes to the offline operators the {@link OperatorDirectory} names, at most once per
 * conversation per 10 minutes. Decided as the visitor follow-up is: a due time written with the
 * message, claimed by a job on any node with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class OperatorEmails implements MessageStoredListener {
    public static final Duration DELAY = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final EmailOutbox outbox;
    private final OperatorDirectory directory;
    private final Clock clock;
    private final Duration delay;

    public OperatorEmails(Jdbi jdbi, EmailOutbox outbox, OperatorDirectory directory, Clock clock, Duration delay) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.directory = directory;
        this.clock = clock;
        this.delay = delay;
    }

    @Override
    public void stored(Handle tx, List<Stored> messages) {
        if (!outbox.enabled()) {
            return;
        }
        List<UUID> conversations = messages.stream()
                .filter(stored -> stored.message().fromContact())
                .map(stored -> stored.message().conversationId())
                .distinct()
                .toList();
        if (!conversations.isEmpty()) {
            tx.attach(OperatorNoticeDao.class).scheduleIfUnscheduled(conversations, clock.millis() + delay.toMillis());
        }
    }

    /** Decides the due notifications, queuing their emails in the same transaction. */
    public int sendDue() {
        return jdbi.inTransaction(tx -> {
            OperatorNoticeDao dao = tx.attach(OperatorNoticeDao.class);
            long now = clock.millis();
            List<OperatorNoticeDao.Due> due = dao.lockDue(now, VisitorEmails.BATCH);
            for (OperatorNoticeDao.Due conversation : due) {
                notify(tx, dao, conversation, now);
            }
            return due.size();
        });
    }

    private void notify(Handle tx, OperatorNoticeDao dao, OperatorNoticeDao.Due c, long now) {
        long gap = VisitorEmails.MIN_GAP.toMillis();
        if (c.operatorEmailedAtMs() != null && now < c.operatorEmailedAtMs() + gap) {
            dao.reschedule(c.id(), c.operatorEmailedAtMs() + gap);
            return;
        }
        long readAt = c.operatorLastReadAtMs() == null ? Long.MIN_VALUE : c.operatorLastReadAtMs();
        List<FollowUpDao.Line> waiting = dao.unreadVisitorMessages(c.id(), readAt);
        List<String> recipients = waiting.isEmpty() ? List.of() : directory.offlineRecipients(c.id());
        if (recipients.isEmpty()) {
            dao.clearDue(c.id());
            return;
        }
        String channelName = dao.channelName(c.channelId());
        String link = outbox.settings().publicUrl() + "/inbox#conversation=" + c.id();
        for (String to : recipients) {
            outbox.enqueue(tx, notice(to, channelName, waiting, link, c.id()));
        }
        dao.emailed(c.id(), now);
    }

    static OutgoingEmail notice(String to, String channelName, List<FollowUpDao.Line> waiting, String link, UUID id) {
        String intro = "A visitor on " + channelName + " is waiting for an answer:";
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\"><p>")
                .append(Html.escape(intro))
                .append("</p>");
        for (FollowUpDao.Line line : waiting) {
            text.append("> ").append(line.content().replace("\n", "\n> ")).append("\n\n");
            html.append("<blockquote>")
                    .append(Html.escape(line.content()).replace("\n", "<br>"))
                    .append("</blockquote>");
        }
        String footer = "You get this because you are offline; turn these emails off in your profile.";
        text.append("Answer in the inbox: ")
                .append(link)
                .append("\n\n-- \n")
                .append(footer)
                .append('\n');
        html.append("<p><a href=\"")
                .append(Html.escape(link))
                .append("\">Answer in the inbox</a></p><hr><p style=\"color:#666;font-size:12px\">")
                .append(Html.escape(footer))
                .append("</p></body></html>");
        // operators' emails carry no contact id: erasing the visitor removes them through the conversation
        return new OutgoingEmail(
                "operator_notice",
                to,
                "Visitor waiting on " + channelName,
                text.toString(),
                html.toString(),
                Map.of(),
                id,
                null);
    }
}
