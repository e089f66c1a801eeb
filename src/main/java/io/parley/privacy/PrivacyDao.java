package io.parley.privacy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Everything stored about a contact, found and erased in one place. A table that gains data about
 * a contact or conversation must be added here (ErasureTest searches every table to catch it).
 */
@RegisterConstructorMapper(PrivacyDao.ConversationRow.class)
@RegisterConstructorMapper(PrivacyDao.MessageRow.class)
@RegisterConstructorMapper(PrivacyDao.IdentityRow.class)
@RegisterConstructorMapper(PrivacyDao.EmailRow.class)
@RegisterConstructorMapper(PrivacyDao.Stale.class)
@RegisterConstructorMapper(PrivacyDao.ContactRow.class)
@RegisterConstructorMapper(PrivacyDao.ContextRow.class)
public interface PrivacyDao {
    record ConversationRow(UUID id, UUID channelId, UUID contactId, long createdAtMs) {}

    record MessageRow(
            UUID id,
            UUID conversationId,
            boolean fromContact,
            String senderId,
            String content,
            String state,
            long sentAtMs,
            String attachment) {}

    record IdentityRow(UUID channelId, String userId, long createdAtMs) {}

    record EmailRow(UUID id, String kind, String recipient, String subject, String status, long createdAtMs) {}

    record Stale(UUID id, UUID contactId) {}

    record ContactRow(
            String displayName,
            String email,
            String attributes,
            Long emailUnsubscribedAtMs,
            long createdAtMs,
            long updatedAtMs) {}

    record ContextRow(
            UUID conversationId,
            String pageUrl,
            String referrer,
            String userAgent,
            String locale,
            String timeZone,
            long updatedAtMs) {}

    @SqlQuery("""
             SELECT display_name, email, attributes, email_unsubscribed_at_ms, created_at_ms, updated_at_ms
             FROM contacts WHERE id = :contactId""")
    java.util.Optional<ContactRow> contact(UUID contactId);

    @SqlQuery("""
             SELECT conversation_id, page_url, referrer, user_agent, locale, time_zone, updated_at_ms
             FROM conversation_contexts WHERE conversation_id IN (<ids>)""")
    List<ContextRow> contextsOf(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM conversation_contexts WHERE conversation_id IN (<ids>)")
    void deleteContexts(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM contacts WHERE id = :contactId")
    void deleteContact(UUID contactId);

    @SqlQuery(
            "SELECT id, channel_id, contact_id, created_at_ms FROM conversations WHERE contact_id = :contactId ORDER BY created_at_ms")
    List<ConversationRow> conversationsOf(UUID contactId);

    @SqlQuery("""
             SELECT id, conversation_id, from_contact, sender_id, content, state, sent_at_ms, attachment FROM messages
             WHERE conversation_id IN (<ids>) ORDER BY seq""")
    List<MessageRow> messagesIn(@BindList Collection<UUID> ids);

    @SqlQuery("SELECT channel_id, user_id, created_at_ms FROM verified_contacts WHERE contact_id = :contactId")
    List<IdentityRow> identitiesOf(UUID contactId);

    @SqlQuery("""
             SELECT id, kind, recipient, subject, status, created_at_ms FROM email_outbox
             WHERE contact_id = :contactId ORDER BY seq""")
    List<EmailRow> emailsOf(UUID contactId);

    /**
     * Conversations whose newest message (or creation, when none) is older than {@code before},
     * locked; rows another node's retention holds are skipped, not waited for.
     */
    @SqlQuery("""
             SELECT c.id, c.contact_id FROM conversations c
             WHERE COALESCE((SELECT m.sent_at_ms FROM messages m WHERE m.seq = c.last_message_seq), c.created_at_ms)
             < :before ORDER BY c.id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<Stale> staleConversations(long before, int limit);

    @SqlQuery("SELECT COUNT(*) FROM conversations WHERE contact_id = :contactId")
    int conversationCount(UUID contactId);

    @SqlUpdate("DELETE FROM email_outbox WHERE conversation_id IN (<ids>)")
    void deleteEmailsAbout(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM email_outbox WHERE contact_id = :contactId")
    void deleteEmailsTo(UUID contactId);

    @SqlUpdate("DELETE FROM webhook_outbox WHERE conversation_id IN (<ids>)")
    void deleteWebhookEvents(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM messages WHERE conversation_id IN (<ids>)")
    void deleteMessages(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM conversations WHERE id IN (<ids>)")
    void deleteConversations(@BindList Collection<UUID> ids);

    @SqlUpdate("DELETE FROM verified_contacts WHERE contact_id = :contactId")
    void deleteIdentities(UUID contactId);

    @SqlUpdate("DELETE FROM verified_contacts WHERE conversation_id IN (<ids>)")
    void deleteIdentitiesOf(@BindList Collection<UUID> ids);
}
