package io.parley.conversation;

import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ContextDao {
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
