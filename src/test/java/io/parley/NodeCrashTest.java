package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.Postgres;
import io.parley.support.ServerProcess;
import io.parley.support.StompClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes (processes) on one PostgreSQL database; visitors of node A send through it under load
 * while B also takes messages, and A is killed with SIGKILL. Every acknowledged message is in the
 * database once, and A's visitors resume on B, find all of theirs in history and get new ones live.
 */
@Tag("postgresql")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NodeCrashTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int VISITORS_OF_A = 6;
    static final int VISITORS_OF_B = 2;
    final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build();

    record Visitor(String token, String resumeToken, ServerProcess node) {}

    @Test
    void a_killed_node_loses_nothing_acknowledged_and_its_visitors_catch_up_on_the_other() throws Exception {
        String dbUrl = Postgres.shared().freshDatabase();
        Map<String, String> shared =
                Map.of("PARLEY_DB_URL", dbUrl, "PARLEY_JWT_SECRET", "node-crash-jwt-secret-0123456789");
        try (ServerProcess a = new ServerProcess(Files.createTempDirectory("parley-node-a"), shared);
                ServerProcess b = new ServerProcess(Files.createTempDirectory("parley-node-b"), shared)) {
            a.start();
            b.start();
            String channelId = post(
                            a,
                            "/channels.connect",
                            ServerProcess.API_TOKEN,
                            Map.of("source", "chat_plugin", "source_channel_id", "crash-two-nodes"))
                    .get("id")
                    .asText();
            List<Visitor> visitors = new ArrayList<>();
            for (int i = 0; i < VISITORS_OF_A + VISITORS_OF_B; i++) {
                ServerProcess node = i < VISITORS_OF_A ? a : b;
                String token = post(node, "/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                        .get("token")
                        .asText();
                String resume = post(node, "/chatplugin.resumeToken", token, Map.of())
                        .get("resume_token")
                        .asText();
                visitors.add(new Visitor(token, resume, node));
            }
            List<StompClient> socketsOnA = new ArrayList<>();
            for (Visitor visitor : visitors.subList(0, VISITORS_OF_A)) {
                socketsOnA.add(StompClient.connect(ws(a), visitor.token()).subscribe("s", "/user/queue/message"));
            }

            Map<String, Map<String, String>> acknowledged = new ConcurrentHashMap<>(); // resume token -> id -> text
            AtomicInteger acks = new AtomicInteger();
            CountDownLatch enoughLoad = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int v = 0; v < visitors.size(); v++) {
                Visitor visitor = visitors.get(v);
                Map<String, String> mine = new ConcurrentHashMap<>();
                acknowledged.put(visitor.resumeToken(), mine);
                int number = v;
                Thread sender = new Thread(() -> {
                    for (int n = 0; n < 5_000 && !Thread.currentThread().isInterrupted(); n++) {
                        String text = "v" + number + "-m" + n;
                        try {
                            JsonNode message = post(
                                    visitor.node(),
                                    "/chatplugin.send",
                                    visitor.token(),
                                    Map.of("message", Map.of("text", text)));
                            mine.put(message.get("id").asText(), text);
                            if (acks.incrementAndGet() >= 300) {
                                enoughLoad.countDown();
                            }
                        } catch (IOException | IllegalStateException | InterruptedException killed) {
                            return; // node A is gone: this message's fate is unknown, which is allowed
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            assertTrue(enoughLoad.await(90, TimeUnit.SECONDS), "load did not build up");
            a.kill();
            for (StompClient socket : socketsOnA) {
                assertTrue(socket.awaitClose(10_000), "a socket on the killed node stayed open");
                socket.close();
            }
            for (int v = VISITORS_OF_A; v < senders.size(); v++) {
                senders.get(v).interrupt(); // B's visitors only kept load on while A died
            }
            for (Thread sender : senders) {
                sender.join(30_000);
            }

            assertEachAcknowledgedMessageStoredOnce(dbUrl, acknowledged);
            for (Visitor visitor : visitors.subList(0, VISITORS_OF_A)) {
                catchUpOnB(b, visitor, acknowledged.get(visitor.resumeToken()));
            }
        }
    }

    void assertEachAcknowledgedMessageStoredOnce(String dbUrl, Map<String, Map<String, String>> acknowledged)
            throws Exception {
        Set<String> ids = new HashSet<>();
        acknowledged.values().forEach(messages -> ids.addAll(messages.keySet()));
        Map<String, Integer> stored = new ConcurrentHashMap<>();
        try (Connection connection = DriverManager.getConnection(dbUrl);
                ResultSet rows =
                        connection.createStatement().executeQuery("SELECT CAST(id AS text), content FROM messages")) {
            Set<String> texts = new HashSet<>();
            while (rows.next()) {
                stored.merge(rows.getString(1), 1, Integer::sum);
                assertTrue(texts.add(rows.getString(2)), "stored twice: " + rows.getString(2));
            }
        }
        Set<String> lost = new HashSet<>(ids);
        lost.removeAll(stored.keySet());
        assertEquals(Set.of(), lost, "acknowledged but not in the database (of " + ids.size() + ")");
    }

    /** The visitor's page reconnects: authenticate with the resume token on B, then a socket on B. */
    void catchUpOnB(ServerProcess b, Visitor visitor, Map<String, String> mine) throws Exception {
        JsonNode resumed = post(b, "/chatplugin.authenticate", null, Map.of("resume_token", visitor.resumeToken()));
        Set<String> history = new HashSet<>();
        for (JsonNode message : resumed.get("messages")) {
            assertTrue(history.add(message.get("id").asText()), "in history twice: " + message);
        }
        assertTrue(history.containsAll(mine.keySet()), "history on B lacks acknowledged messages");
        String token = resumed.get("token").asText();
        try (StompClient socket = StompClient.connect(ws(b), token).subscribe("s", "/user/queue/message")) {
            JsonNode sent = post(b, "/chatplugin.send", token, Map.of("message", Map.of("text", "back on B")));
            var frame = socket.next();
            assertEquals("MESSAGE", frame.command());
            assertEquals(
                    sent.get("id"),
                    JSON.readTree(frame.bodyText()).get("message").get("id"));
        }
    }

    static String ws(ServerProcess node) {
        return node.baseUrl().replace("http://", "ws://") + "/ws.chatplugin";
    }

    JsonNode post(ServerProcess server, String path, String token, Object body)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(java.time.Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
