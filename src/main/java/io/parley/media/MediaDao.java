package io.parley.media;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Media.class)
public interface MediaDao {
    @SqlUpdate("""
            INSERT INTO media (id, owner_kind, owner_conversation_id, owner_contact_id, owner_operator_id, name,
                size_bytes, content_type, url, created_at_ms)
            VALUES (:id, :ownerKind, CAST(:ownerConversationId AS UUID), CAST(:ownerContactId AS UUID),
                :ownerOperatorId, :name, :sizeBytes, :contentType, :url, :createdAtMs)""")
    void insert(@BindMethods Media media); // typed nulls: PostgreSQL will not guess a null is a UUID

    @SqlQuery("""
            SELECT id, owner_kind, owner_conversation_id, owner_contact_id, owner_operator_id, name, size_bytes,
                content_type, url, created_at_ms, sent_conversation_id, sent_at_ms
            FROM media WHERE id = :id""")
    Optional<Media> find(String id);

    /**
     * Marks the file sent in {@code conversationId} when the sender may share it there (see
     * {@link MediaService#attach}); one statement, so two sends racing for a token-less upload, or a
     * send racing the clean-up, cannot both win. 1 when allowed.
     */
    @SqlUpdate("""
            UPDATE media SET sent_conversation_id = :conversationId,
                sent_at_ms = COALESCE(sent_at_ms, :nowMs)
            WHERE id = :id
              AND (sent_conversation_id IS NULL OR sent_conversation_id = :conversationId)
              AND (owner_kind = 'anonymous'
                   OR owner_kind = 'visitor' AND owner_conversation_id = :conversationId
                   OR owner_kind = 'operator' AND :byOperator)""")
    int markSent(
            @Bind("id") String id,
            @Bind("conversationId") UUID conversationId,
            @Bind("byOperator") boolean byOperator,
            @Bind("nowMs") long nowMs);

    @SqlQuery("""
            SELECT id FROM media WHERE sent_conversation_id IS NULL AND created_at_ms < :cutoffMs
            ORDER BY created_at_ms LIMIT :limit""")
    List<String> unsentBefore(@Bind("cutoffMs") long cutoffMs, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM media")
    long count();

    /** Idempotent and safe with several nodes: only the node whose delete removes the row deletes the file. */
    @SqlUpdate("DELETE FROM media WHERE id = :id AND sent_conversation_id IS NULL AND created_at_ms < :cutoffMs")
    int deleteUnsent(@Bind("id") String id, @Bind("cutoffMs") long cutoffMs);

    /** Files sent in these conversations, or uploaded by their visitors there: what erasing them removes. */
    @SqlQuery("SELECT id FROM media WHERE sent_conversation_id IN (<ids>) OR owner_conversation_id IN (<ids>)")
    List<String> idsInConversations(@BindList("ids") java.util.Collection<UUID> ids);

    @SqlQuery("SELECT id FROM media WHERE owner_contact_id = :contactId")
    List<String> idsOfContact(UUID contactId);

    @SqlUpdate("DELETE FROM media WHERE id IN (<ids>)")
    void deleteAll(@BindList("ids") List<String> ids);
}
