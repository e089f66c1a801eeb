package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static JsonNode subscribe(Object body) {
        return server.http().operator("/webhooks.subscribe", body).ok().json();
    }

    static String subscribeError(Object body) {
        return server.http().operator("/webhooks.subscribe", body).error(400);
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void subscribe_answers_url_headers_status_and_a_generated_secret() {
        JsonNode body = subscribe(Map.of("url", "https://bot.example.com/hook", "headers", Map.of("X-Custom", "yes")));
        assertEquals(Set.of("url", "headers", "status", "api_secret"), fields(body));
        assertEquals("https://bot.example.com/hook", body.get("url").asText());
        assertEquals("yes", body.get("headers").get("X-Custom").asText());
        assertEquals("Subscribed", body.get("status").asText());
        byte[] secret = Base64.getUrlDecoder().decode(body.get("api_secret").asText());
        assertTrue(secret.length >= 32, "at least 32 random bytes, base64url");
    }

    @Test
    void subscribing_again_replaces_url_and_headers_and_keeps_the_secret() {
        String secret = subscribe(Map.of("url", "http://one.example.com/"))
                .get("api_secret")
                .asText();
        JsonNode again = subscribe(Map.of("url", "http://two.example.com/", "headers", Map.of("A", "b")));
        assertEquals("http://two.example.com/", again.get("url").asText());
        assertEquals(secret, again.get("api_secret").asText());
        JsonNode info = server.http().operator("/webhooks.info", Map.of()).ok().json();
        assertEquals("http://two.example.com/", info.get("url").asText());
        assertEquals(Map.of("A", "b"), Map.of("A", info.get("headers").get("A").asText()));
        assertEquals(1, info.get("headers").size());
    }

    @Test
    void unsubscribe_answers_the_same_shape_and_the_next_subscribe_gets_a_new_secret() {
        String secret = subscribe(Map.of("url", "http://bot.example.com/"))
                .get("api_secret")
                .asText();
        JsonNode gone =
                server.http().operator("/webhooks.unsubscribe", Map.of()).ok().json();
        assertEquals(Set.of("url", "headers", "status", "api_secret"), fields(gone));
        assertEquals("Unsubscribed", gone.get("status").asText());
        assertEquals("http://bot.example.com/", gone.get("url").asText());
        assertEquals(
                "Unsubscribed",
                server.http()
                        .operator("/webhooks.info", Map.of())
                        .ok()
                        .json()
                        .get("status")
                        .asText());
        assertEquals(
                "Unsubscribed",
                server.http()
                        .operator("/webhooks.unsubscribe", "")
                        .ok()
                        .json()
                        .get("status")
                        .asText(),
                "unsubscribing twice is fine");
        assertNotEquals(
                secret,
                subscribe(Map.of("url", "http://bot.example.com/"))
                        .get("api_secret")
                        .asText());
    }

    @Test
    void info_shows_the_subscription_and_the_delivery_state() {
        subscribe(Map.of("url", "https://bot.example.com/info", "headers", Map.of("Authorization", "Bearer abc")));
        JsonNode info = server.http().operator("/webhooks.info", Map.of()).ok().json();
        assertEquals(Set.of("status", "url", "headers", "delivery"), fields(info));
        assertEquals("Subscribed", info.get("status").asText());
        assertEquals("https://bot.example.com/info", info.get("url").asText());
        assertEquals("Bearer abc", info.get("headers").get("Authorization").asText());
        JsonNode delivery = info.get("delivery");
        assertEquals(Set.of("pending", "failed", "recent_errors"), fields(delivery));
        assertEquals(0, delivery.get("failed").asInt());
        assertTrue(delivery.get("recent_errors").isArray());
    }

    @Test
    void a_server_that_never_had_a_webhook_says_so() {
        try (TestServer fresh = TestServer.start()) {
            JsonNode info = fresh.http().operator("/webhooks.info", null).ok().json();
            assertEquals("Unsubscribed", info.get("status").asText());
            assertTrue(info.get("url").isNull());
            assertEquals(0, info.get("headers").size());
            assertTrue(fresh.http()
                    .operator("/webhooks.unsubscribe", Map.of())
                    .error(404)
                    .contains("webhook"));
        }
    }

    @Test
    void the_url_must_be_http_or_https_with_a_host() {
        for (Object url : List.of(
                "ftp://bot.example.com/",
                "http://",
                "https:///path",
                "not a url",
                "javascript:alert(1)",
                "http://user:password@bot.example.com/",
                "http://bot.example.com/" + "x".repeat(2100),
                "",
                42)) {
            assertTrue(subscribeError(Map.of("url", url)).contains("url"), "refused: " + url);
        }
        assertTrue(subscribeError(Map.of()).contains("url"));
        assertTrue(subscribeError("{\"url\":null}").contains("url"));
        subscribe(Map.of("url", "HTTPS://Bot.Example.com:8443/hook?x=1"));
        subscribe(Map.of("url", "http://127.0.0.1:9/local-bot"));
    }

    @Test
    void headers_must_be_a_few_string_values_with_valid_names_and_no_line_breaks() {
        List<Object> invalid = List.of(
                "x",
                List.of("a"),
                Map.of("A", 1),
                Map.of("A", Map.of("b", "c")),
                Map.of("A", List.of("b")),
                Map.of("Bad Name", "v"),
                Map.of("", "v"),
                Map.of("X:y", "v"),
                Map.of("Ä", "v"),
                Map.of("X-Ok", "line\r\nInjected: yes"),
                Map.of("X-Ok", "line\nbreak"),
                Map.of("X-Ok", "nul\u0000"),
                Map.of("X-Ok", "é"),
                Map.of("X-Ok", "v".repeat(5000)),
                Map.of("x".repeat(200), "v"),
                Map.of("Host", "evil.example.com"),
                Map.of("content-length", "1"),
                Map.of("Content-Type", "text/plain"),
                Map.of("Transfer-Encoding", "chunked"),
                Map.of("Connection", "close"),
                Map.of("Upgrade", "h2c"),
                Map.of("X-Parley-Signature", "sha256=forged"));
        for (Object headers : invalid) {
            assertTrue(
                    subscribeError(Map.of("url", "https://bot.example.com/", "headers", headers))
                            .contains("headers"),
                    "refused: " + headers);
        }
        Map<String, String> tooMany = new LinkedHashMap<>();
        IntStream.range(0, 21).forEach(i -> tooMany.put("X-H" + i, "v"));
        assertTrue(subscribeError(Map.of("url", "https://bot.example.com/", "headers", tooMany))
                .contains("headers"));
        assertTrue(subscribeError("{\"url\":\"https://bot.example.com/\",\"headers\":{\"X-A\":null}}")
                .contains("headers"));
        assertTrue(subscribeError("{\"url\":\"https://bot.example.com/\",\"headers\":{\"X-A\":\"1\",\"x-a\":\"2\"}}")
                .contains("headers"));
        tooMany.remove("X-H0");
        assertEquals(
                20,
                subscribe(Map.of("url", "https://bot.example.com/", "headers", tooMany))
                        .get("headers")
                        .size());
    }

    @Test
    void webhook_endpoints_need_the_api_token() {
        String channelId = server.connectChannel("webhook-auth-site").get("id").asText();
        String visitorToken = server.newVisitor(channelId).token();
        for (String path : List.of("/webhooks.subscribe", "/webhooks.unsubscribe", "/webhooks.info")) {
            Object body = Map.of("url", "https://bot.example.com/");
            server.http().post(path, null, body).error(401);
            server.http().post(path, "wrong-token", body).error(401);
            server.http().post(path, visitorToken, body).error(401);
        }
    }

    @Test
    void malformed_json_is_400_on_every_webhook_endpoint() {
        for (String path : List.of("/webhooks.subscribe", "/webhooks.unsubscribe", "/webhooks.info")) {
            server.http().operator(path, "{\"url\": ").error(400);
            server.http().operator(path, "[1]").error(400);
        }
    }
}
