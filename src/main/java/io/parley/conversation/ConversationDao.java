package io.parley.conversation;

import io.parley.contact.Contact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ConversationDao.ConversationMapper.class)
public interface ConversationDao extends SqlObject {
    /**
     * One row per conversation with its channel and newest message: no query per item. The
     * channel's name is a subquery, not a join: with a join H2 started from the few channels and
     * sorted every conversation of each (600 ms for a page at 100,000 conversations); this way it
     * walks conversations_by_activity and stops at the page (docs/performance.md).
     */
    String SELECT = """
            SELECT c.id, c.channel_id, (SELECT ch.name FROM channels ch WHERE ch.id = c.channel_id) AS channel_name,
            c.contact_id, c.created_at_ms,
            c.unread_message_count, m.seq, m.id AS message_id, m.from_contact, m.sender_id, m.content,
            m.state, m.sent_at_ms, m.sender_type, m.attachment, m.quick_replies, m.postback, m.client_message_id,
            c.state AS conversation_state, c.snoozed_until_ms, c.assignee_id,
            a.name AS assignee_name, c.contact_last_read_at_ms, c.operator_last_read_at_ms,
            ct.display_name AS contact_name, ct.email AS contact_email, ct.attributes AS contact_attributes,
            x.page_url, x.referrer, x.user_agent, x.locale, x.time_zone
            FROM conversations c
            JOIN messages m ON m.seq = c.last_message_seq
            LEFT JOIN operators a ON a.id = c.assignee_id
            LEFT JOIN contacts ct ON ct.id = c.contact_id
            LEFT JOIN conversation_contexts x ON x.conversation_id = c.id
            """;
    /** An empty id list binds as IN (null), matching nothing, so a flag says whether to filter at all. */
    String FILTER = """
            (:anyConversation OR c.id IN (<conversationIds>))
            AND (:anyChannel OR c.channel_id IN (<channelIds>))
            AND (:anyState OR c.state IN (<states>))
            AND (:anyAssignee OR (:unassigned AND c.assignee_id IS NULL) OR c.assignee_id = :assigneeId)
            AND (:anyText OR EXISTS (SELECT 1 FROM messages q WHERE q.conversation_id = c.id
                AND LOWER(q.content) LIKE :pattern ESCAPE '!')
                OR EXISTS (SELECT 1 FROM contacts k WHERE k.id = c.contact_id
                AND (LOWER(k.display_name) LIKE :pattern ESCAPE '!' OR LOWER(k.email) LIKE :pattern ESCAPE '!')))
            """;

    /** The channel a stored conversation belongs to; empty before its visitor's first message. */
    @SqlQuery("SELECT channel_id FROM conversations WHERE id = :id")
    Optional<UUID> channelOf(UUID id);

    record Owner(UUID channelId, UUID contactId) {}

    @SqlQuery("SELECT channel_id, contact_id FROM conversations WHERE id = :id")
    @RegisterConstructorMapper(Owner.class)
    Optional<Owner> ownerOf(UUID id);

    /** Rows changed: 0 when there is no such conversation. */
    @SqlUpdate("UPDATE conversations SET state = :state, snoozed_until_ms = :snoozedUntilMs WHERE id = :id")
    int snooze(UUID id, String state, long snoozedUntilMs);

    @SqlUpdate("UPDATE conversations SET state = :state, snoozed_until_ms = NULL WHERE id = :id")
    int setState(UUID id, String state);

    @SqlQuery("SELECT id FROM conversations WHERE state = 'SNOOZED' AND snoozed_until_ms <= :nowMs")
    List<UUID> dueToWake(long nowMs);

    /** Only one node wins: the state is checked again in the update. */
    @SqlUpdate("""
            UPDATE conversations SET state = 'OPEN', snoozed_until_ms = NULL
            WHERE id = :id AND state = 'SNOOZED' AND snoozed_until_ms <= :nowMs""")
    int wake(UUID id, long nowMs);

    @SqlUpdate("UPDATE conversations SET assignee_id = :assigneeId WHERE id = :id")
    int assign(UUID id, UUID assigneeId);

    /** Its own statement: PostgreSQL cannot type a bare null parameter. */
    @SqlUpdate("UPDATE conversations SET assignee_id = NULL WHERE id = :id")
    int unassign(UUID id);

    /** For automatic assignment: only a conversation nobody has taken yet. */
    @SqlUpdate("UPDATE conversations SET assignee_id = :assigneeId WHERE id = :id AND assignee_id IS NULL")
    int assignIfUnassigned(UUID id, UUID assigneeId);

    /** Null when the operators never read it, or before the visitor's first message (no row yet). */
    @SqlQuery("SELECT operator_last_read_at_ms FROM conversations WHERE id = :id")
    Long operatorLastReadAt(UUID id);

    /** Rows changed: 0 when there is no such conversation. */
    @SqlUpdate("UPDATE conversations SET unread_message_count = 0, operator_last_read_at_ms = :now WHERE id = :id")
    int markRead(UUID id, long now);

    /** Rows changed: 0 before the visitor's first message, when there is no row yet. */
    @SqlUpdate("UPDATE conversations SET contact_last_read_at_ms = :now WHERE id = :id")
    int markReadByContact(UUID id, long now);

    @SqlQuery("SELECT id FROM conversations WHERE contact_id = :contactId")
    List<UUID> ofContact(UUID contactId);

    @SqlQuery(SELECT + "WHERE c.id = :id")
    Optional<Conversation> find(UUID id);

    /** Walking forwards through "most recent activity first": less recent than {@code key}. */
    @SqlQuery(SELECT + "WHERE " + FILTER + """
             AND c.last_message_seq < :key
             ORDER BY c.last_message_seq DESC LIMIT :limit""")
    List<Conversation> lessRecentThan(
            boolean anyConversation,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> conversationIds,
            boolean anyChannel,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> channelIds,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> states,
            @BindMethods ConversationFilter.Binds binds,
            long key,
            int limit);

    /** Walking backwards: more recent than {@code key}, nearest first. */
    @SqlQuery(SELECT + "WHERE " + FILTER + """
             AND c.last_message_seq > :key
             ORDER BY c.last_message_seq ASC LIMIT :limit""")
    List<Conversation> moreRecentThan(
            boolean anyConversation,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> conversationIds,
            boolean anyChannel,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> channelIds,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> states,
            @BindMethods ConversationFilter.Binds binds,
            long key,
            int limit);

    /** One page in the walking direction: forwards is most recent first. */
    default List<Conversation> page(ConversationFilter f, boolean forwards, long key, int limit) {
        boolean anyConversation = f.conversationIds().isEmpty();
        boolean anyChannel = f.channelIds().isEmpty();
        return forwards
                ? lessRecentThan(
                        anyConversation,
                        f.conversationIds(),
                        anyChannel,
                        f.channelIds(),
                        f.states(),
                        f.binds(),
                        key,
                        limit)
                : moreRecentThan(
                        anyConversation,
                        f.conversationIds(),
                        anyChannel,
                        f.channelIds(),
                        f.states(),
                        f.binds(),
                        key,
                        limit);
    }

    /**
     * Without a filter the totals are one count each: H2 answers a bare COUNT(*) from the table's
     * own size, and only the unread badge reads the rows.
     */
    default Counts counts(ConversationFilter f) {
        long total = countAll();
        if (f.isNone()) {
            return new Counts(total, total, countUnread());
        }
        var filtered = countFiltered(
                f.conversationIds().isEmpty(),
                f.conversationIds(),
                f.channelIds().isEmpty(),
                f.channelIds(),
                f.states(),
                f.binds());
        return new Counts(total, filtered.matching(), filtered.unread());
    }

    record Counts(long total, long filteredTotal, long badgeUnreadCount) {}

    @SqlQuery("SELECT COUNT(*) FROM conversations")
    long countAll();

    @SqlQuery("SELECT COUNT(*) FROM conversations WHERE unread_message_count > 0")
    long countUnread();

    record FilteredCounts(long matching, long unread) {}

    @SqlQuery("""
             SELECT COUNT(*) AS matching,
             COALESCE(SUM(CASE WHEN c.unread_message_count > 0 THEN 1 ELSE 0 END), 0) AS unread
             FROM conversations c
             WHERE """ + FILTER)
    @RegisterConstructorMapper(FilteredCounts.class)
    FilteredCounts countFiltered(
            boolean anyConversation,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> conversationIds,
            boolean anyChannel,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> channelIds,
            @BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> states,
            @BindMethods ConversationFilter.Binds binds);

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    class ConversationMapper implements RowMapper<Conversation> {
        @Override
        public Conversation map(ResultSet rs, StatementContext ctx) throws SQLException {
            UUID id = rs.getObject("id", UUID.class);
            Message last = new Message(
                    rs.getLong("seq"),
                    rs.getObject("message_id", UUID.class),
                    id,
                    rs.getBoolean("from_contact"),
                    rs.getString("sender_id"),
                    rs.getString("content"),
                    rs.getString("state"),
                    rs.getLong("sent_at_ms"),
                    SenderType.stored(rs.getString("sender_type")),
                    RichColumns.attachment(rs.getString("attachment")),
                    RichColumns.quickReplies(rs.getString("quick_replies")),
                    RichColumns.postback(rs.getString("postback")),
                    rs.getString("client_message_id"));
            long snoozed = rs.getLong("snoozed_until_ms");
            Long snoozedUntil = rs.wasNull() ? null : snoozed;
            return new Conversation(
                    id,
                    rs.getObject("channel_id", UUID.class),
                    rs.getString("channel_name"),
                    rs.getObject("contact_id", UUID.class),
                    rs.getLong("created_at_ms"),
                    rs.getInt("unread_message_count"),
                    last,
                    rs.getString("conversation_state"),
                    snoozedUntil,
                    rs.getObject("assignee_id", UUID.class),
                    rs.getString("assignee_name"),
                    Contact.of(
                            rs.getObject("contact_id", UUID.class),
                            rs.getString("contact_name"),
                            rs.getString("contact_email"),
                            rs.getString("contact_attributes")),
                    new ConversationContext(
                            rs.getString("page_url"),
                            rs.getString("referrer"),
                            rs.getString("user_agent"),
                            rs.getString("locale"),
                            rs.getString("time_zone")),
                    nullableLong(rs, "contact_last_read_at_ms"),
                    nullableLong(rs, "operator_last_read_at_ms"));
        }
    }
}
