package io.parley.chatplugin;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A verified user's one conversation per channel, the same on every device. */
@RegisterConstructorMapper(VerifiedContactDao.VerifiedContact.class)
public interface VerifiedContactDao {

    record VerifiedContact(UUID conversationId, UUID contactId) {}

    @SqlQuery(
            "SELECT conversation_id, contact_id FROM verified_contacts WHERE channel_id = :channelId AND user_id = :userId")
    Optional<VerifiedContact> find(UUID channelId, String userId);

    @SqlUpdate("""
             INSERT INTO verified_contacts (channel_id, user_id, conversation_id, contact_id, created_at_ms)
             VALUES (:channelId, :userId, :conversationId, :contactId, :createdAtMs)""")
    void insert(UUID channelId, String userId, UUID conversationId, UUID contactId, long createdAtMs);
}
