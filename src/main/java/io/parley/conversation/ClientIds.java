package io.parley.conversation;

import io.parley.db.GroupCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * client_message_id inside {@link MessageWriter}'s transaction: which messages of a batch repeat
 * an id of their conversation, and so must not be stored again. The unique index on
 * (conversation_id, client_message_id) is what guarantees it; this only finds the first message
 * to answer with.
 */
final class ClientIds {
    /** How long a client id stands for its message. */
    static final long VALID_MILLIS = 24 * 60 * 60 * 1000L;

    private ClientIds() {}

    /** A sender's id for a send, unique within its conversation. */
    record Key(UUID conversationId, String clientMessageId) {
        static Key of(Message m) {
            return m.clientMessageId() == null ? null : new Key(m.conversationId(), m.clientMessageId());
        }
    }

    /**
     * The stored messages that already carry a client id of this batch in the same
     * conversation and are less than 24 hours older than the new one; older ones let go of the id
     * (the column is cleared) so the new message can take it. The conversations are locked (the
     * writer's first phase), so no other writer adds such a message before this transaction ends; should one
     * anyway (two nodes creating the same conversation), the unique index refuses the batch and
     * {@link GroupCommit} writes each item again alone, which then finds it here.
     */
    static Map<Key, Message> earlier(Handle tx, List<Message> accepted) {
        Map<Key, Message> wanted = new HashMap<>();
        accepted.stream().filter(m -> m.clientMessageId() != null).forEach(m -> wanted.putIfAbsent(Key.of(m), m));
        if (wanted.isEmpty()) {
            return Map.of();
        }
        MessageDao dao = tx.attach(MessageDao.class);
        Map<Key, Message> earlier = new HashMap<>();
        List<Long> expired = new ArrayList<>();
        for (Message stored : dao.withClientIds(
                wanted.keySet().stream().map(Key::conversationId).collect(Collectors.toSet()),
                wanted.keySet().stream().map(Key::clientMessageId).collect(Collectors.toSet()))) {
            Message next = wanted.get(Key.of(stored));
            if (next == null) {
                continue; // the id of another conversation of the batch
            }
            if (next.sentAtMs() - stored.sentAtMs() < VALID_MILLIS) {
                earlier.put(Key.of(stored), stored);
            } else {
                expired.add(stored.seq());
            }
        }
        if (!expired.isEmpty()) {
            dao.forgetClientIds(expired);
        }
        return earlier;
    }

    /** The messages to insert: not those whose client id was used before, here or earlier. */
    static List<Message> firstOfEach(List<Message> accepted, Map<Key, Message> earlier) {
        Set<Key> seen = new HashSet<>(earlier.keySet());
        return accepted.stream()
                .filter(m -> m.clientMessageId() == null || seen.add(Key.of(m)))
                .toList();
    }
}
