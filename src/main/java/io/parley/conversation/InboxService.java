package io.parley.conversation;

import io.parley.errors.BadRequest;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The team's work on conversations: state (open, snoozed, closed), assignment by hand or
 * automatically, and {@code /queue/conversation/updated} after every change. Snoozes wake by a
 * job on every node; the database decides which node's update wins, and only that one announces.
 */
public final class InboxService implements AutoCloseable {
    public static final String UPDATED_DESTINATION = "/queue/conversation/updated";

    private final Jdbi jdbi;
    private final ConversationService conversations;
    private final Assignees assignees;
    private final Fanout fanout;
    private final Clock clock;
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "snooze-waker");
        thread.setDaemon(true);
        return thread;
    });

    public InboxService(Jdbi jdbi, ConversationService conversations, Assignees assignees, Fanout fanout, Clock clock) {
        this.jdbi = jdbi;
        this.conversations = conversations;
        this.assignees = assignees;
        this.fanout = fanout;
        this.clock = clock;
    }

    public void start() {
        waker.scheduleWithFixedDelay(this::wakeDue, 500, 500, TimeUnit.MILLISECONDS);
    }

    public ConversationView setState(UUID id, String state, String snoozedUntil) {
        Long until = null;
        if (Conversation.SNOOZED.equals(state)) {
            until = futureTime(snoozedUntil);
        } else if (!Conversation.OPEN.equals(state) && !Conversation.CLOSED.equals(state)) {
            throw new BadRequest("field 'state' must be \"OPEN\", \"SNOOZED\" or \"CLOSED\"");
        }
        int changed = until == null ? dao().setState(id, state) : dao().snooze(id, state, until);
        if (changed == 0) {
            throw ConversationService.notFound();
        }
        return announce(id);
    }

    private long futureTime(String value) {
        if (value == null) {
            throw new BadRequest("field 'snoozed_until' is required to snooze");
        }
        try {
            long ms = Instant.parse(value).toEpochMilli();
            if (ms > clock.millis()) {
                return ms;
            }
        } catch (DateTimeParseException e) {
            throw new BadRequest("field 'snoozed_until' must be an ISO-8601 time such as 2026-11-25T12:00:00.000Z");
        }
        throw new BadRequest("field 'snoozed_until' must be in the future");
    }

    /** {@code assigneeId} null unassigns. */
    public ConversationView assign(UUID id, UUID assigneeId) {
        if (assigneeId != null && !assignees.isAssignable(assigneeId)) {
            throw new BadRequest("field 'assignee_id' must name an enabled admin or agent");
        }
        if ((assigneeId == null ? dao().unassign(id) : dao().assign(id, assigneeId)) == 0) {
            throw ConversationService.notFound();
        }
        if (assigneeId != null) {
            jdbi.useExtension(InboxDao.class, d -> d.touchAssigned(assigneeId, clock.millis()));
        }
        return announce(id);
    }

    /**
     * After a contact's message is stored (which opened the conversation again if it was snoozed
     * or closed: {@code reopened}): a new conversation of a channel with automatic assignment goes
     * to the least busy person online, and operators hear of any change.
     */
    public void contactWrote(UUID conversationId, long messageSeq, boolean reopened, boolean channelAutoAssign) {
        boolean changed = reopened;
        if (channelAutoAssign && jdbi.withExtension(InboxDao.class, d -> d.firstSeq(conversationId)) == messageSeq) {
            changed |= autoAssign(conversationId);
        }
        if (changed) {
            announce(conversationId);
        }
    }

    private boolean autoAssign(UUID conversationId) {
        List<UUID> online = assignees.onlinePeople();
        if (online.isEmpty()) {
            return false;
        }
        return jdbi.inTransaction(handle -> {
            InboxDao inbox = handle.attach(InboxDao.class);
            UUID chosen = inbox.leastBusy(online);
            if (handle.attach(ConversationDao.class).assignIfUnassigned(conversationId, chosen) == 0) {
                return false;
            }
            inbox.touchAssigned(chosen, clock.millis());
            return true;
        });
    }

    private void wakeDue() {
        try {
            long now = clock.millis();
            for (UUID id : dao().dueToWake(now)) {
                if (dao().wake(id, now) > 0) {
                    announce(id);
                }
            }
        } catch (RuntimeException e) {
            // the database is away: the next run wakes what is due, and reads show it OPEN meanwhile
        }
    }

    private ConversationView announce(UUID id) {
        ConversationView view = conversations.info(id);
        fanout.publish(Topic.OPERATORS, UPDATED_DESTINATION, Json.write(view));
        return view;
    }

    private ConversationDao dao() {
        return jdbi.onDemand(ConversationDao.class);
    }

    @Override
    public void close() {
        waker.shutdownNow();
    }
}
