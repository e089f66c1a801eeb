package io.parley.conversation;

import io.parley.errors.BadRequest;
import io.parley.web.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code filter} of /conversations.list. An empty or absent list does not restrict.
 * {@code assignee}: null for anyone, {@link #NO_ONE} for unassigned, else the operator's id.
 */
public record ConversationFilter(
        List<UUID> conversationIds, List<UUID> channelIds, List<String> states, UUID assignee, String query) {
    public static final int MAX_IDS = 100;
    public static final int MAX_QUERY = 200;
    /** Stands for "none" (unassigned): no operator has the nil UUID. */
    public static final UUID NO_ONE = new UUID(0, 0);

    public static final ConversationFilter NONE = new ConversationFilter(List.of(), List.of(), List.of(), null, null);
    private static final Set<String> STATES = Set.of(Conversation.OPEN, Conversation.SNOOZED, Conversation.CLOSED);

    /** {@code me}: the caller's operator id for "me" (null for the system API token, which is no one). */
    public static ConversationFilter of(ListConversationsRequest.Filter f, UUID me) {
        return new ConversationFilter(
                uuids("filter.conversation_ids", f.conversationIds()),
                uuids("filter.channel_ids", f.channelIds()),
                states(f.state()),
                assignee(f.assigneeId(), me),
                query(f.query()));
    }

    boolean isNone() {
        return conversationIds.isEmpty()
                && channelIds.isEmpty()
                && states.isEmpty()
                && assignee == null
                && query == null;
    }

    /** The scalar parameters of ConversationDao.FILTER. */
    public record Binds(
            boolean anyState,
            boolean anyAssignee,
            boolean unassigned,
            UUID assigneeId,
            boolean anyText,
            String pattern) {}

    Binds binds() {
        return new Binds(
                states.isEmpty(),
                assignee == null,
                NO_ONE.equals(assignee),
                assignee == null ? NO_ONE : assignee,
                query == null,
                query == null ? "" : "%" + likeEscaped(query.toLowerCase(Locale.ROOT)) + "%");
    }

    /** LIKE's wildcards in the user's text match themselves: '!' is the escape character. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static List<String> states(List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || !STATES.contains(value)) {
                throw new BadRequest("field 'filter.state' may only list \"OPEN\", \"SNOOZED\" and \"CLOSED\"");
            }
        }
        return List.copyOf(values);
    }

    private static UUID assignee(String value, UUID me) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "none" -> NO_ONE;
            case "me" -> me == null ? NO_ONE : me;
            default -> Require.uuid("filter.assignee_id", value);
        };
    }

    private static String query(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_QUERY) {
            throw new BadRequest("field 'filter.query' must be 1 to " + MAX_QUERY + " characters");
        }
        return value;
    }

    private static List<UUID> uuids(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_IDS) {
            throw new BadRequest("field '" + field + "' may list at most " + MAX_IDS + " ids");
        }
        List<UUID> ids = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            UUID id = Require.optionalUuid(field + "[" + i + "]", values.get(i));
            if (id == null) {
                throw new BadRequest("field '" + field + "[" + i + "]' must be a UUID, not null");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }
}
