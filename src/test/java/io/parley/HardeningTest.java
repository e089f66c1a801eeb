package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Token rotation, text hygiene, metrics and a seeded fuzz of the JSON endpoints. */
class HardeningTest {

    @Test
    void after_rotating_the_jwt_secret_old_tokens_work_until_they_expire_and_new_ones_use_the_new_secret() {
        try (TestServer server =
                TestServer.start(c -> TestConfig.withJwtSecrets(c, "secret-one-0123456789abcdef", null))) {
            String channelId = server.connectChannel("rotate-site").get("id").asText();
            String oldToken = server.newVisitor(channelId).token();
            send(server, oldToken).ok();

            server.restartWith(
                    c -> TestConfig.withJwtSecrets(c, "secret-two-0123456789abcdef", "secret-one-0123456789abcdef"));
            send(server, oldToken).ok();
            String fresh = server.newVisitor(channelId).token();
            send(server, fresh).ok();

            server.restartWith(c -> TestConfig.withJwtSecrets(c, "secret-two-0123456789abcdef", null));
            send(server, oldToken).error(401);
            send(server, fresh).ok();
        }
    }

    static io.parley.support.Http.Response send(TestServer server, String token) {
        return server.http().post("/chatplugin.send", token, Map.of("message", Map.of("text", "hi")));
    }

    @Test
    void control_characters_and_lone_surrogates_in_text_are_refused_and_nothing_is_stored() {
        try (TestServer server = TestServer.start()) {
            Visitor visitor = server.newVisitor(
                    server.connectChannel("text-site").get("id").asText());
            for (String body : new String[] {
                "{\"message\":{\"text\":\"bell\\u0007\"}}",
                "{\"message\":{\"text\":\"nul\\u0000byte\"}}",
                "{\"message\":{\"text\":\"half \\ud800 pair\"}}"
            }) {
                assertTrue(server.http()
                        .post("/chatplugin.send", visitor.token(), body)
                        .error(400)
                        .contains("message.text"));
            }
            var ok = server.http()
                    .post("/chatplugin.send", visitor.token(), "{\"message\":{\"text\":\"tab\\tnew\\nline 😀\"}}")
                    .ok();
            assertEquals("tab\tnew\nline 😀", ok.json().get("content").asText());
            byte[] invalidUtf8 = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.send"))
                    .header("Authorization", "Bearer " + visitor.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))
                    .build();
            server.http().execute(request).error(400);
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .json()
                    .get("resume_token")
                    .asText();
            assertEquals(
                    1,
                    server.http()
                            .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                            .json()
                            .get("messages")
                            .size());
        }
    }

    @Test
    void metrics_need_the_api_token_and_count_messages_sockets_and_rejections() {
        try (TestServer server = TestServer.start()) {
            server.http().get("/metrics").error(401);
            Visitor visitor = server.newVisitor(
                    server.connectChannel("metrics-site").get("id").asText());
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "counted")))
                    .ok();
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .header("Authorization", "Bearer " + server.apiToken())
                    .build();
            String text = server.http().execute(request).body();
            assertTrue(text.contains("parley_messages_total 1\n"), text);
            assertTrue(text.contains("parley_send_duration_seconds_count 1\n"), text);
            assertTrue(text.contains("parley_visitor_sockets 0\n"), text);
            assertTrue(text.contains("# TYPE parley_rate_limit_rejections_total counter"), text);
        }
    }

    /**
     * Random JSON-ish bodies at every endpoint: the answer is always a status below 500 with the
     * contract's error shape, never a stack trace. A fixed seed keeps failures reproducible.
     */
    @Test
    void fuzzed_bodies_never_cause_a_500() {
        try (TestServer server = TestServer.start()) {
            String channelId = server.connectChannel("fuzz-site").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            String[] endpoints = {
                "/channels.connect",
                "/channels.info",
                "/channels.update",
                "/channels.disconnect",
                "/chatplugin.authenticate",
                "/chatplugin.resumeToken",
                "/chatplugin.send",
                "/conversations.list",
                "/conversations.info",
                "/conversations.read",
                "/messages.list",
                "/messages.send"
            };
            String[] pieces = {
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "null",
                "true",
                "1e999",
                "-0",
                "\"source\"",
                "\"chat_plugin\"",
                "\"channel_id\"",
                "\"" + channelId + "\"",
                "\"message\"",
                "\"text\"",
                "\"resume_token\"",
                "\"allowed_origins\"",
                "\"conversation_id\"",
                "\"filter\"",
                "\"cursor\"",
                "\"page_size\"",
                "\"channel_ids\"",
                "100",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "{\"text\":1}",
                "  ",
                "é"
            };
            Random random = new Random(20261125L);
            for (int i = 0; i < 400; i++) {
                StringBuilder body = new StringBuilder();
                int length = random.nextInt(12);
                for (int j = 0; j < length; j++) {
                    body.append(pieces[random.nextInt(pieces.length)]);
                }
                String endpoint = endpoints[random.nextInt(endpoints.length)];
                String token = endpoint.startsWith("/chatplugin") ? visitor.token() : server.apiToken();
                var response = server.http().post(endpoint, token, body.toString());
                String context = endpoint + " " + body + " -> " + response.status() + " " + response.body();
                assertTrue(response.status() < 500, context);
                assertFalse(response.body().contains("Exception"), context);
                if (response.status() >= 400) {
                    response.error(response.status());
                }
            }
        }
    }

    @Test
    void requests_jetty_refuses_before_routing_get_the_same_json_error_shape() throws Exception {
        try (TestServer server = TestServer.start()) {
            String hugeHeader = "X-Padding: " + "a".repeat(20_000) + "\r\n";
            assertEquals(
                    List.of(
                            "HTTP/1.1 431 Request Header Fields Too Large",
                            "application/json",
                            "{\"message\":\"request header fields too large\"}"),
                    rawExchange(server.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\n" + hugeHeader + "\r\n"));
            assertEquals(
                    List.of("HTTP/1.1 400 Bad Request", "application/json", "{\"message\":\"bad request\"}"),
                    rawExchange(server.port(), "NOT A REQUEST LINE\r\n\r\n"));
        }
    }

    /** Status line, Content-Type and body of the one response to {@code request}. */
    private static List<String> rawExchange(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] headAndBody = response.split("\r\n\r\n", 2);
            List<String> head = List.of(headAndBody[0].split("\r\n"));
            String contentType = head.stream()
                    .filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim())
                    .findFirst()
                    .orElse("none");
            return List.of(head.get(0), contentType, headAndBody.length > 1 ? headAndBody[1] : "");
        }
    }
}
