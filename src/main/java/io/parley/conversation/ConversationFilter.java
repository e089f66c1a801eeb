package io.parley.conversation;

import io.parley.errors.BadRequest;
import io.parley.web.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code filter} of /conversations.list. An empty or absent list does not restrict. */
public record ConversationFilter(List<UUID> conversationIds, List<UUID> channelIds) {
    public static final int MAX_IDS = 100;
    public static final ConversationFilter NONE = new ConversationFilter(List.of(), List.of());

    public static ConversationFilter of(List<String> conversationIds, List<String> channelIds) {
        return new ConversationFilter(
                uuids("filter.conversation_ids", conversationIds), uuids("filter.channel_ids", channelIds));
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
