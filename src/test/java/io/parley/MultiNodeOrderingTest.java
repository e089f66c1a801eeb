package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.Paging;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes on one PostgreSQL database write into the same conversations at once while readers
 * page with cursors: a page must never skip a message that a later page or read would show, nor
 * repeat one (docs/ordering.md says why it holds).
 */
@Tag("postgresql")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiNodeOrderingTest {
    private static final int CONVERSATIONS = 3;
    private static final int WRITERS_PER_NODE = 4;
    private static final int MESSAGES_PER_WRITER = 60;

    @Test
    void cursors_never_skip_or_repeat_a_message_while_two_nodes_commit_into_the_same_conversations() throws Exception {
        try (TestServer a = TestServer.startOnPostgres(UnaryOperator.identity());
                TestServer b = a.secondNode()) {
            String channelId = a.connectChannel("two-nodes").get("id").asText();
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                Visitor visitor = a.newVisitor(channelId);
                conversations.add(send(b, visitor.token(), "/chatplugin.send", null, "first")
                        .get("conversation_id")
                        .asText());
            }

            ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
            conversations.forEach(id -> acknowledged.put(id, ConcurrentHashMap.newKeySet()));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
                TestServer node = w % 2 == 0 ? a : b;
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_WRITER; i++) {
                        String conversationId = conversations.get((writer + i) % CONVERSATIONS);
                        JsonNode sent = send(node, node.apiToken(), "/messages.send", conversationId, writer + "-" + i);
                        acknowledged.get(conversationId).add(sent.get("id").asText());
                    }
                }));
            }
            // readers on both nodes walk every conversation again and again while the writers run
            List<Walk> walks = new CopyOnWriteArrayList<>();
            List<List<String>> conversationWalks = new CopyOnWriteArrayList<>();
            List<Future<?>> readers = new ArrayList<>();
            for (TestServer node : List.of(a, b)) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        for (String conversationId : conversations) {
                            walks.add(new Walk(conversationId, walk(node, conversationId)));
                        }
                        conversationWalks.add(walkConversations(node));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get();
            }
            pool.shutdown();

            Map<String, List<String>> finalHistory = new HashMap<>();
            for (String conversationId : conversations) {
                List<String> history = walk(a, conversationId);
                assertEquals(history, walk(b, conversationId), "both nodes read the same history");
                assertEquals(history.size(), new HashSet<>(history).size(), "no message twice");
                assertTrue(
                        history.containsAll(acknowledged.get(conversationId)), "every acknowledged message is there");
                assertEquals(acknowledged.get(conversationId).size() + 1, history.size(), "and nothing else");
                finalHistory.put(conversationId, history);
            }
            assertFalse(walks.isEmpty());
            for (Walk walk : walks) {
                List<String> history = finalHistory.get(walk.conversationId());
                // a message committed later always lands after everything a reader has already seen
                assertEquals(
                        history.subList(0, Math.min(walk.ids().size(), history.size())),
                        walk.ids(),
                        "a walk taken during the writes is the start of the final history: nothing skipped or repeated");
            }
            for (List<String> walk : conversationWalks) {
                // a conversation only ever moves up the activity list, into the part already read
                assertEquals(walk.size(), new HashSet<>(walk).size(), "no conversation twice in one walk: " + walk);
            }
            assertEquals(Set.copyOf(conversations), Set.copyOf(walkConversations(b)));
        }
    }

    @Test
    void a_visitors_first_two_messages_through_both_nodes_at_once_both_create_one_conversation() throws Exception {
        try (TestServer a = TestServer.startOnPostgres(UnaryOperator.identity());
                TestServer b = a.secondNode()) {
            String channelId = a.connectChannel("first-messages").get("id").asText();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 20; i++) {
                Visitor visitor = a.newVisitor(channelId);
                // both nodes find no conversation row yet and both insert it: one waits for the other,
                // gets a duplicate key, and is tried again finding the row
                Future<JsonNode> viaA = pool.submit(() -> send(a, visitor.token(), "/chatplugin.send", null, "a"));
                Future<JsonNode> viaB = pool.submit(() -> send(b, visitor.token(), "/chatplugin.send", null, "b"));
                String conversationId = viaA.get().get("conversation_id").asText();
                assertEquals(conversationId, viaB.get().get("conversation_id").asText());
                assertEquals(2, walk(b, conversationId).size());
            }
            pool.shutdown();
        }
    }

    private record Walk(String conversationId, List<String> ids) {}

    /** The conversations, most recent activity first, one per page. */
    private static List<String> walkConversations(TestServer node) {
        return Paging.ids(Paging.forwards(
                        cursor -> node.http()
                                .operator(
                                        "/conversations.list",
                                        cursor == null
                                                ? Map.of("page_size", 1)
                                                : Map.of("page_size", 1, "cursor", cursor))
                                .ok()
                                .json(),
                        () -> {})
                .items());
    }

    /** Every message id of a conversation, oldest first, read in pages of 7 by following next_cursor. */
    private static List<String> walk(TestServer node, String conversationId) {
        return Paging.ids(Paging.forwards(
                        cursor -> {
                            Map<String, Object> body =
                                    new HashMap<>(Map.of("conversation_id", conversationId, "page_size", 7));
                            if (cursor != null) {
                                body.put("cursor", cursor);
                            }
                            return node.http()
                                    .operator("/messages.list", body)
                                    .ok()
                                    .json();
                        },
                        () -> {})
                .items());
    }

    private static JsonNode send(TestServer node, String token, String path, String conversationId, String text) {
        Map<String, Object> body = new HashMap<>(Map.of("message", Map.of("text", text)));
        if (conversationId != null) {
            body.put("conversation_id", conversationId);
        }
        return node.http().post(path, token, body).ok().json();
    }
}
