package io.parley.operator;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PresenceDao {
    /** Online: a recent socket on some node, available, enabled, a person. */
    String ONLINE = """
            SELECT DISTINCT o.id FROM operator_presence p JOIN operators o ON o.id = p.operator_id
            WHERE p.sockets > 0 AND p.seen_at_ms > :sinceMs AND o.availability = 'online'
            AND o.disabled = FALSE AND o.role <> 'bot'
            """;

    @SqlUpdate("""
            UPDATE operator_presence SET sockets = :sockets, seen_at_ms = :nowMs
            WHERE node_id = :nodeId AND operator_id = :operatorId""")
    int update(String nodeId, UUID operatorId, int sockets, long nowMs);

    @SqlUpdate("""
            INSERT INTO operator_presence (node_id, operator_id, sockets, seen_at_ms)
            VALUES (:nodeId, :operatorId, :sockets, :nowMs)""")
    void insert(String nodeId, UUID operatorId, int sockets, long nowMs);

    @SqlUpdate("DELETE FROM operator_presence WHERE node_id = :nodeId")
    void forgetNode(String nodeId);

    @SqlUpdate("DELETE FROM operator_presence WHERE seen_at_ms <= :beforeMs")
    void deleteStale(long beforeMs);

    @SqlQuery(ONLINE)
    List<UUID> online(long sinceMs);

    @SqlQuery(ONLINE + "AND o.id = :operatorId")
    List<UUID> onlineOne(UUID operatorId, long sinceMs);
}
