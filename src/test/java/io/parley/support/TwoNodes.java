package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.Config;
import io.parley.Parley;
import io.parley.TestConfig;
import io.parley.media.MediaSettings;
import io.parley.stomp.Frame;
import io.parley.webhook.WebhookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two Parley nodes in this JVM on one fresh PostgreSQL database, sharing the API token and JWT
 * secret as a real deployment's nodes do (each with its own data folder). For a whole test class:
 * {@code @RegisterExtension static final TwoNodes nodes = new TwoNodes();}.
 */
public final class TwoNodes implements BeforeAllCallback, AfterAllCallback {
    public static final String API_TOKEN = "two-nodes-api-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String dbUrl;
    private Parley a;
    private Parley b;

    @Override
    public void beforeAll(ExtensionContext context) {
        dbUrl = Postgres.shared().freshDatabase();
        a = start();
        b = start();
    }

    private Parley start() {
        try {
            Path dir = Files.createTempDirectory("parley-node");
            return Parley.start(new Config(
                    0,
                    dir,
                    dbUrl,
                    API_TOKEN,
                    "two-nodes-jwt-secret-of-enough-length-0123456789",
                    null,
                    Config.DEFAULT_MAX_BODY_BYTES,
                    TestConfig.GENEROUS_LIMITS,
                    WebhookSettings.DEFAULTS,
                    MediaSettings.defaults(dir),
                    io.parley.email.EmailSettings.OFF,
                    io.parley.privacy.RetentionSettings.FOREVER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (Parley node : List.of(a, b)) {
            node.stop();
        }
    }

    public String dbUrl() {
        return dbUrl;
    }

    /** Node A ({@code 0}) or B ({@code 1}). */
    public String baseUrl(int node) {
        return "http://localhost:" + (node == 0 ? a : b).port();
    }

    public String wsUrl(int node, String path) {
        return "ws://localhost:" + (node == 0 ? a : b).port() + path;
    }

    public record Response(int status, JsonNode json) {
        /** The body of a 200 or 202. */
        public JsonNode ok() {
            if (status != 200 && status != 202) {
                throw new AssertionError("expected 200 or 202, got " + status + " " + json);
            }
            return json;
        }
    }

    public Response post(int node, String path, String token, Object body) {
        return post(node, path, token, body, null);
    }

    /** As a browser on {@code origin} would send it. */
    public Response post(int node, String path, String token, Object body, String origin) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(baseUrl(node) + path))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (origin != null) {
                builder.header("Origin", origin);
            }
            return response(client.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(int node, String path) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl(node) + path))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            return response(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response response(HttpResponse<String> raw) throws IOException {
        return new Response(raw.statusCode(), raw.body().isEmpty() ? null : JSON.readTree(raw.body()));
    }

    public String connectChannel(int node, String sourceChannelId) {
        return post(
                        node,
                        "/channels.connect",
                        API_TOKEN,
                        Map.of("source", "chat_plugin", "source_channel_id", sourceChannelId))
                .ok()
                .get("id")
                .asText();
    }

    /** A visitor token from {@code /chatplugin.authenticate} on {@code node}. */
    public String visitor(int node, String channelId) {
        return post(node, "/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                .ok()
                .get("token")
                .asText();
    }

    public JsonNode say(int node, String visitorToken, String text) {
        return post(node, "/chatplugin.send", visitorToken, Map.of("message", Map.of("text", text)))
                .ok();
    }

    /** A visitor socket on {@code node}, subscribed to its messages. */
    public StompClient visitorSocket(int node, String token) {
        StompClient socket = StompClient.connect(wsUrl(node, "/ws.chatplugin"), token);
        socket.subscribe("s", "/user/queue/message");
        return socket;
    }

    /** The next MESSAGE whose body matches; operator sockets hear every test's events, so others are skipped. */
    public static Frame nextMessage(StompClient client, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Frame frame = client.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (frame == null) {
                continue;
            }
            if (!frame.command().equals("MESSAGE")) {
                throw new AssertionError("unexpected " + frame.command() + " " + frame.headers());
            }
            if (matching.test(body(frame))) {
                return frame;
            }
        }
        throw new AssertionError("no matching MESSAGE within 10 s");
    }

    public static JsonNode body(Frame frame) {
        try {
            return JSON.readTree(frame.bodyText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
