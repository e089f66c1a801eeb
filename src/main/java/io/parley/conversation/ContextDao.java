package io.parley.conversation;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Where each conversation's visitor last was; one row per conversation, written at authentication. */
public interface ContextDao {
    @SqlQuery("""
            SELECT page_url, referrer, user_agent, locale, time_zone FROM conversation_contexts
            WHERE conversation_id = :conversationId""")
    @RegisterConstructorMapper(ConversationContext.class)
    Optional<ConversationContext> find(UUID conversationId);

    @SqlUpdate("""
            UPDATE conversation_contexts SET page_url = :c.pageUrl, referrer = :c.referrer,
            user_agent = :c.userAgent, locale = :c.locale, time_zone = :c.timeZone, updated_at_ms = :now
            WHERE conversation_id = :conversationId""")
    int update(UUID conversationId, @BindMethods("c") ConversationContext c, long now);

    @SqlUpdate("""
            INSERT INTO conversation_contexts (conversation_id, page_url, referrer, user_agent, locale, time_zone,
            updated_at_ms) VALUES (:conversationId, :c.pageUrl, :c.referrer, :c.userAgent, :c.locale, :c.timeZone, :now)""")
    void insert(UUID conversationId, @BindMethods("c") ConversationContext c, long now);
}
