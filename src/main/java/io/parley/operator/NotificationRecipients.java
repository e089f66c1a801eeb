package io.parley.operator;

import io.parley.email.OperatorDirectory;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Who hears about a waiting visitor by email: the assignee, or every person (agent or admin) when
 * unassigned; only those offline, enabled, with an email and notifications on.
 */
final class NotificationRecipients implements OperatorDirectory {
    private final Jdbi jdbi;
    private final Presence presence;

    NotificationRecipients(Jdbi jdbi, Presence presence) {
        this.jdbi = jdbi;
        this.presence = presence;
    }

    interface Dao {
        @SqlQuery("""
                 SELECT o.id FROM operators o WHERE o.disabled = FALSE AND o.email IS NOT NULL
                 AND o.email_notifications = TRUE AND o.role <> 'bot' AND (o.id = (
                 SELECT c.assignee_id FROM conversations c WHERE c.id = :conversationId) OR (NOT EXISTS (
                 SELECT 1 FROM conversations c WHERE c.id = :conversationId AND c.assignee_id IS NOT NULL))) """)
        List<UUID> candidates(UUID conversationId);

        @SqlQuery("SELECT email FROM operators WHERE id = :id")
        String email(UUID id);
    }

    @Override
    public List<String> offlineRecipients(UUID conversationId) {
        Set<UUID> online = Set.copyOf(presence.online());
        return jdbi.withExtension(
                Dao.class,
                dao -> dao.candidates(conversationId).stream()
                        .filter(id -> !online.contains(id))
                        .map(dao::email)
                        .toList());
    }
}
