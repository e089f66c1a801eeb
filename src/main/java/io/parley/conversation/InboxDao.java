package io.parley.conversation;

import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface InboxDao {
    @SqlQuery("SELECT MIN(seq) FROM messages WHERE conversation_id = :conversationId")
    long firstSeq(UUID conversationId);

    /**
     * Of {@code candidates}, the one with the fewest open assigned conversations; ties go in turn,
     * to whoever was assigned one longest ago.
     */
    @SqlQuery("""
            SELECT o.id FROM operators o
            LEFT JOIN conversations c ON c.assignee_id = o.id AND c.state = 'OPEN'
            WHERE o.id IN (<candidates>)
            GROUP BY o.id, o.last_assigned_at_ms
            ORDER BY COUNT(c.id), o.last_assigned_at_ms, o.id
            LIMIT 1""")
    UUID leastBusy(@BindList Collection<UUID> candidates);

    @SqlUpdate("UPDATE operators SET last_assigned_at_ms = :nowMs WHERE id = :operatorId")
    void touchAssigned(UUID operatorId, long nowMs);
}
