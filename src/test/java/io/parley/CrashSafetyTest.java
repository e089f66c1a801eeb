package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.ServerProcess;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many visitors send while the server is killed with SIGKILL. After a restart every message
 * that got a 200 is in its conversation's history, nothing appears twice, and every one of them
 * still reaches the webhook (at least once).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashSafetyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int VISITORS = 8;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Visitor(String token, String resumeToken) {}

    @Test
    void every_acknowledged_message_survives_a_sigkill_and_none_is_stored_twice() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-crash");
        try (ServerProcess server = new ServerProcess(dataDir)) {
            survivesSigkill(server);
        }
    }

    /** H2's own default would keep commits in memory for half a second: Parley adds WRITE_DELAY=0 itself. */
    @Test
    void the_promise_holds_on_a_database_url_of_the_users_own_without_durability_settings() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-crash-url");
        String url = "jdbc:h2:file:" + dataDir.resolve("elsewhere").resolve("chat");
        try (ServerProcess server = new ServerProcess(dataDir, Map.of("PARLEY_DB_URL", url))) {
            survivesSigkill(server);
        }
        assertTrue(Files.exists(dataDir.resolve("elsewhere").resolve("chat.mv.db")), "the user's URL was used");
    }

    void survivesSigkill(ServerProcess server) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            server.start();
            post(server, "/webhooks.subscribe", ServerProcess.API_TOKEN, Map.of("url", receiver.url()));
            String channelId = post(
                            server,
                            "/channels.connect",
                            ServerProcess.API_TOKEN,
                            Map.of("source", "chat_plugin", "source_channel_id", "crash-site"))
                    .get("id")
                    .asText();
            List<Visitor> visitors = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                String token = post(server, "/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                        .get("token")
                        .asText();
                String resume = post(server, "/chatplugin.resumeToken", token, Map.of())
                        .get("resume_token")
                        .asText();
                visitors.add(new Visitor(token, resume));
            }

            Map<String, String> acknowledged = new ConcurrentHashMap<>(); // message id -> text
            AtomicInteger acks = new AtomicInteger();
            CountDownLatch enoughLoad = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int v = 0; v < VISITORS; v++) {
                Visitor visitor = visitors.get(v);
                int number = v;
                Thread sender = new Thread(() -> {
                    for (int n = 0; ; n++) {
                        String text = "v" + number + "-m" + n;
                        try {
                            JsonNode message = post(
                                    server,
                                    "/chatplugin.send",
                                    visitor.token(),
                                    Map.of("message", Map.of("text", text)));
                            acknowledged.put(message.get("id").asText(), text);
                            if (acks.incrementAndGet() >= 400) {
                                enoughLoad.countDown();
                            }
                        } catch (IOException | IllegalStateException killed) {
                            return; // the server is gone: this message's fate is unknown, which is allowed
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            assertTrue(enoughLoad.await(60, TimeUnit.SECONDS), "load did not build up");
            server.kill();
            for (Thread sender : senders) {
                sender.join(30_000);
            }

            server.start();
            Set<String> found = new HashSet<>();
            for (Visitor visitor : visitors) {
                JsonNode history =
                        post(server, "/chatplugin.authenticate", null, Map.of("resume_token", visitor.resumeToken()));
                Set<String> texts = new HashSet<>();
                for (JsonNode message : history.get("messages")) {
                    assertTrue(texts.add(message.get("content").asText()), "stored twice: " + message);
                    found.add(message.get("id").asText());
                }
            }
            Set<String> lost = new HashSet<>(acknowledged.keySet());
            lost.removeAll(found);
            assertEquals(Set.of(), lost, "acknowledged but lost after SIGKILL (of " + acknowledged.size() + ")");

            Wait.until(
                    "every acknowledged message's webhook has arrived",
                    Duration.ofSeconds(90),
                    () -> new HashSet<>(receiver.deliveredIds()).containsAll(acknowledged.keySet()));
        }
    }

    JsonNode post(ServerProcess server, String path, String token, Object body)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
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
